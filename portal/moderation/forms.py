"""Forms of the /beheer pages. Labels are English msgids, translated to Dutch."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from portal.forms import PortalForm, choice_list


class ReasonForm(PortalForm):
    """Reject or unpublish: the provider reads this reason in the mail."""

    reason = TextAreaField(
        _l("Reason"),
        validators=[DataRequired(message=_l("Give a reason: the provider reads it.")), Length(max=2000)],
        description=_l("The provider sees this reason and can fix the offer."),
    )


class ApproveForm(PortalForm):
    """Approve: no fields, only the CSRF token."""


class TermForm(PortalForm):
    label = StringField(
        _l("Name"),
        validators=[DataRequired(message=_l("Enter a name for the term.")), Length(max=120)],
    )
    group = SelectField(_l("Group"), validators=[Optional()], choices=[])


class RenameTermForm(PortalForm):
    label = StringField(
        _l("New name"),
        validators=[DataRequired(message=_l("Enter a name for the term.")), Length(max=120)],
    )


GROUP_CHOICES = {
    "audience": choice_list(
        [("po", _l("Primary school (po)")), ("vo", _l("Secondary school (vo)")), ("mbo", _l("mbo"))]
    ),
    "profile": choice_list([("technical", _l("Technical profile")), ("other", _l("Other profile"))]),
    "theme": [],
}


class OrganisationFilterForm(PortalForm):
    """GET filters of the organisation list (no CSRF: it only reads)."""

    class Meta:
        csrf = False

    q = StringField(_l("Name"), validators=[Optional(), Length(max=100)])
    kind = SelectField(
        _l("Kind"),
        validators=[Optional()],
        choices=choice_list(
            [
                ("", _l("All kinds")),
                ("school", _l("Schools")),
                ("company", _l("Providers")),
            ]
        ),
    )
    verified = SelectField(
        _l("Verified"),
        validators=[Optional()],
        choices=choice_list(
            [
                ("", _l("Verified or not")),
                ("yes", _l("Verified")),
                ("no", _l("Not verified")),
            ]
        ),
    )
    municipality = SelectField(_l("Municipality"), validators=[Optional()], choices=[])
