"""Request forms: post a request, answer one, the provider's mail preference, moderation,
and the filters of the public list."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from wtforms import (
    BooleanField,
    DateField,
    IntegerField,
    RadioField,
    SelectField,
    StringField,
    TextAreaField,
    TimeField,
)
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional, ValidationError

from portal.extensions import db
from portal.forms import PortalForm, choice_list
from portal.models import MailFrequency, Municipality, Offer
from portal.models.statuses import OfferStatus
from portal.offers.choices import KIND_LABELS
from portal.offers.forms import MultiCheckboxField, parse_euro, term_choices
from portal.requests.queries import Filters
from portal.search.bounds import bound_query


def _optional_int(value):
    try:
        return int(value) if value not in (None, "", "None") else None
    except (TypeError, ValueError):
        return None


def _terms(vocabulary: str, empty) -> list:
    return choice_list([("", empty)]) + term_choices(vocabulary, set())


def municipality_choices(empty) -> list:
    rows = db.session.scalars(select(Municipality).order_by(Municipality.name))
    return choice_list([("", empty)] + [(m.id, m.name) for m in rows])


def kind_choices(empty=None) -> list:
    pairs = list(KIND_LABELS.items())
    return choice_list(([("", empty)] if empty else []) + pairs)


class RequestForm(PortalForm):
    title = StringField(
        _l("What are you looking for?"),
        validators=[DataRequired(_l("Say in a few words what you are looking for.")), Length(max=160)],
        description=_l("For example: a guest lesson on welding for 3 KB"),
    )
    kind = SelectField(_l("Kind of activity"), validators=[InputRequired()])
    audience = SelectField(_l("Level"), coerce=_optional_int, validators=[Optional()])
    profile = SelectField(_l("vmbo profile"), coerce=_optional_int, validators=[Optional()])
    theme = SelectField(_l("Theme"), coerce=_optional_int, validators=[Optional()])
    municipality = SelectField(_l("Municipality"), coerce=_optional_int, validators=[Optional()])
    online = BooleanField(_l("It may also take place online"))
    period_from = DateField(_l("From"), validators=[InputRequired(_l("Give the first day of the period."))])
    period_to = DateField(_l("Until"), validators=[InputRequired(_l("Give the last day of the period."))])
    group_size = IntegerField(
        _l("Number of pupils"),
        validators=[InputRequired(_l("Give the number of pupils.")), NumberRange(min=1, max=500)],
    )
    description = TextAreaField(
        _l("More about your question"),
        validators=[Optional(), Length(max=4000)],
        description=_l(
            "What should the pupils learn or do? Do not write names of pupils here: the request is public."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind.choices = kind_choices()
        self.audience.choices = _terms("audience", _l("Any level"))
        self.profile.choices = _terms("profile", _l("No vmbo profile"))
        self.theme.choices = _terms("theme", _l("Any theme"))
        self.municipality.choices = municipality_choices(_l("Choose a municipality"))

    def validate_municipality(self, field):
        if not field.data and not self.online.data:
            raise ValidationError(_l("Choose a municipality, or tick that it may take place online."))

    def validate_period_to(self, field):
        if field.data and self.period_from.data and field.data < self.period_from.data:
            raise ValidationError(_l("The period must end on or after its first day."))


class AnswerForm(PortalForm):
    offer = SelectField(_l("Answer with"), coerce=_optional_int, validators=[Optional()])
    message = TextAreaField(
        _l("Your message to the teacher"),
        validators=[Optional(), Length(max=4000)],
        description=_l("What do you propose? Needed when you do not answer with one of your offers."),
    )
    proposed_from = DateField(
        _l("Proposed date (or first day)"), validators=[InputRequired(_l("Give a date."))]
    )
    proposed_to = DateField(_l("Last day (for a period)"), validators=[Optional()])
    starts = TimeField(_l("Start time"), validators=[Optional()])
    ends = TimeField(_l("End time"), validators=[Optional()])
    price = StringField(
        _l("Price in euros"),
        validators=[Optional(), Length(max=20)],
        description=_l("Leave empty when it is free. For example 12,50."),
    )

    def set_offers(self, organisation_id: int | None) -> None:
        offers = db.session.scalars(
            select(Offer)
            .where(Offer.organisation_id == organisation_id, Offer.status == OfferStatus.PUBLISHED)
            .order_by(Offer.title)
        )
        self.offer.choices = choice_list([("", _l("A new proposal"))] + [(o.id, o.title) for o in offers])

    def validate_price(self, field):
        if field.data and parse_euro(field.data) is None:
            raise ValidationError(_l("Type an amount, for example 12,50."))

    def price_cents(self) -> int | None:
        return parse_euro(self.price.data) if self.price.data else None


class PreferenceForm(PortalForm):
    frequency = RadioField(
        _l("Mail me about matching requests"),
        choices=choice_list([(f.value, f.label) for f in MailFrequency]),
        validators=[InputRequired()],
    )
    themes = MultiCheckboxField(
        _l("Only these themes (none ticked: every theme of your offers)"), coerce=int, validators=[Optional()]
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.themes.choices = term_choices("theme", set())


class RejectForm(PortalForm):
    reason = TextAreaField(_l("Reason"), validators=[DataRequired(_l("Give a reason.")), Length(max=2000)])


class CloseForm(PortalForm):
    reason = TextAreaField(
        _l("Why do you close the request? (optional)"), validators=[Optional(), Length(max=2000)]
    )


class FilterForm(PortalForm):
    """The filters of ``/vragen`` (GET, no CSRF)."""

    class Meta:
        csrf = False

    q = StringField(_l("Search"), validators=[Optional(), Length(max=200)])
    soort = SelectField(_l("Kind of activity"), validators=[Optional()])
    doelgroep = SelectField(_l("Level"), coerce=_optional_int, validators=[Optional()])
    thema = SelectField(_l("Theme"), coerce=_optional_int, validators=[Optional()])
    gemeente = SelectField(_l("Municipality"), coerce=_optional_int, validators=[Optional()])
    online = BooleanField(_l("Online possible"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.soort.choices = kind_choices(_l("Every kind"))
        self.doelgroep.choices = _terms("audience", _l("Every level"))
        self.thema.choices = _terms("theme", _l("Every theme"))
        self.gemeente.choices = municipality_choices(_l("Every municipality"))

    def filters(self) -> Filters:
        """What the list searches for (call after ``validate``): a value that is no choice
        of its field (an unknown level, a removed municipality) filters nothing."""
        return Filters(
            q=bound_query(self.q.data or "")[0],
            kind=self.soort.data if self.soort.data in KIND_LABELS else None,
            audience_id=self.doelgroep.data if not self.doelgroep.errors else None,
            theme_id=self.thema.data if not self.thema.errors else None,
            municipality_id=self.gemeente.data if not self.gemeente.errors else None,
            online=bool(self.online.data),
        )
