"""Forms of the search area's /beheer page: one synonym line (labels are English msgids)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, StringField
from wtforms.validators import DataRequired, Length

from portal.forms import PortalForm


class SynonymForm(PortalForm):
    """A word and what a search for it also finds; ``portal.search.synonyms`` checks the rest."""

    term = StringField(
        _l("Word"),
        validators=[DataRequired(message=_l("Enter the word teachers search for.")), Length(max=60)],
        description=_l("One word, as teachers type it, for example windmolen."),
    )
    synonyms = StringField(
        _l("Also finds"),
        validators=[DataRequired(message=_l("Enter at least one other word.")), Length(max=300)],
        description=_l("Words or short phrases, separated by commas, for example windturbine, windpark."),
    )
    two_way = BooleanField(_l("Both ways: a search for a one-word synonym also finds the word"), default=True)


class DeleteSynonymForm(PortalForm):
    """Delete: no fields, only the CSRF token."""
