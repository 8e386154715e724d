"""Forms of the saved searches: save the current /aanbod (or /vragen) search, and change one
later."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import HiddenField, RadioField, StringField
from wtforms.validators import DataRequired, InputRequired, Length, Optional

from portal.alerts.searches import NAME_CHARS
from portal.forms import PortalForm, choice_list
from portal.models import AlertFrequency

QUERY_CHARS = 2000  # the URL arguments of a search are far shorter (``search.bounds``)


def _frequencies():
    return choice_list(
        [
            (AlertFrequency.DAILY.value, _l("Daily: a mail on each day with new offers")),
            (AlertFrequency.WEEKLY.value, _l("Weekly: one mail a week")),
        ]
    )


class SaveSearchForm(PortalForm):
    """On /aanbod: the search as the page has it (hidden), a name and how often to mail."""

    zoekopdracht = HiddenField(validators=[Optional(), Length(max=QUERY_CHARS)])
    name = StringField(
        _l("Name of this search"),
        validators=[Optional(), Length(max=NAME_CHARS, message=_l("Use at most %(max)d characters."))],
    )
    frequency = RadioField(
        _l("Mail me new offers"),
        choices=_frequencies(),
        default=AlertFrequency.WEEKLY.value,
        validators=[InputRequired(message=_l("Choose daily or weekly."))],
    )


class SaveRequestSearchForm(SaveSearchForm):
    """On /vragen, for providers: the same, mailing new requests from teachers."""

    frequency = RadioField(
        _l("Mail me new requests"),
        choices=choice_list(
            [
                (AlertFrequency.DAILY.value, _l("Daily: a mail on each day with new requests")),
                (AlertFrequency.WEEKLY.value, _l("Weekly: one mail a week")),
            ]
        ),
        default=AlertFrequency.WEEKLY.value,
        validators=[InputRequired(message=_l("Choose daily or weekly."))],
    )


class EditSearchForm(PortalForm):
    """On /mijn/zoekopdrachten: rename a saved search and change how often it mails."""

    name = StringField(
        _l("Name"),
        validators=[
            DataRequired(message=_l("Give the search a name.")),
            Length(max=NAME_CHARS, message=_l("Use at most %(max)d characters.")),
        ],
    )
    frequency = RadioField(
        _l("Mail"),
        choices=_frequencies(),
        validators=[InputRequired(message=_l("Choose daily or weekly."))],
    )
