"""Forms of the offers area: the offer itself, slots and uploads."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from flask import current_app
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField, FileRequired
from sqlalchemy import or_, select
from wtforms import (
    BooleanField,
    DateField,
    IntegerField,
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
    TimeField,
)
from wtforms.fields import SelectChoice
from wtforms.validators import (
    DataRequired,
    Email,
    InputRequired,
    Length,
    NumberRange,
    Optional,
    ValidationError,
)
from wtforms.widgets import CheckboxInput, ListWidget

from portal.extensions import db
from portal.forms import PortalForm, choice_list
from portal.models import Municipality, Term
from portal.offers.choices import (
    BOOKING_LABELS,
    CAPACITY_LABELS,
    KIND_LABELS,
    LOCATION_LABELS,
)
from portal.offers.coverage import DEFAULT_SERVES_WITHIN_KM
from portal.offers.markdown import DESCRIPTION_MAX

REQUIRED = _l("This field is required.")
WHOLE_NUMBER = _l("Enter a whole number.")
VOCABULARY_FIELDS = {"audiences": "audience", "profiles": "profile", "themes": "theme"}


class MultiCheckboxField(SelectMultipleField):
    """Checkboxes for a multiple choice; _macros/forms.html renders it as a fieldset."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()

    def pre_validate(self, form):  # an unknown value is ignored, not an error page
        values = {str(choice.value) for choice in self.iter_choices()}
        self.data = [d for d in (self.data or []) if str(d) in values]


def _int_or_none(value):
    try:
        return int(value) if value not in (None, "", "None") else None
    except (TypeError, ValueError):
        return None


def parse_euro(text: str | None) -> int | None:
    """ "12,50", "€ 12.50", "1.250,00" -> cents; None when unreadable."""
    cleaned = re.sub(r"[€\s]", "", text or "")
    if not cleaned:
        return None
    if "," in cleaned:
        cleaned = cleaned.replace(".", "").replace(",", ".")
    elif re.fullmatch(r"\d{1,3}(\.\d{3})+", cleaned):
        cleaned = cleaned.replace(".", "")  # "1.250" is a thousand, Dutch style
    try:
        amount = Decimal(cleaned)
    except InvalidOperation:
        return None
    if amount < 0 or amount > 100000:
        return None
    return int((amount * 100).quantize(Decimal("1")))


def _text(value: str | None) -> str:
    """A textarea's text as stored: LF line ends (browsers post CRLF), no outer whitespace."""
    return (value or "").replace("\r\n", "\n").replace("\r", "\n").strip()


def euro_text(cents: int | None) -> str:
    if not cents:
        return ""
    return f"{cents // 100},{cents % 100:02d}"


class OfferForm(PortalForm):
    kind = RadioField(
        _l("Kind of offer"), choices=choice_list(KIND_LABELS), validators=[InputRequired(REQUIRED)]
    )
    title = StringField(_l("Title"), validators=[DataRequired(REQUIRED), Length(max=160)])
    summary = TextAreaField(
        _l("Summary"),
        validators=[DataRequired(REQUIRED), Length(max=400)],
        description=_l("One or two sentences: what do pupils do and learn? Shown in search results."),
    )
    description = TextAreaField(
        _l("Description"),
        validators=[Optional(), Length(max=DESCRIPTION_MAX)],
        description=_l(
            "Markdown: **bold**, *italic*, lists with a dash, links as [text](https://...). "
            "Empty lines separate paragraphs."
        ),
    )
    preparation = TextAreaField(
        _l("Preparation for the class"),
        validators=[Optional(), Length(max=2000)],
        description=_l(
            "Optional. What does the teacher or the class prepare? Teachers read it on the offer "
            "page and in the confirmation of a booking."
        ),
    )
    audiences = MultiCheckboxField(_l("Audiences"), coerce=int)
    profiles = MultiCheckboxField(_l("vmbo profiles"), coerce=int)
    themes = MultiCheckboxField(_l("Themes"), coerce=int)
    location_mode = RadioField(
        _l("Where"),
        choices=choice_list(LOCATION_LABELS),
        default="onsite",
        validators=[InputRequired(REQUIRED)],
    )
    municipality_id = SelectField(_l("Municipality"), coerce=_int_or_none)
    address = StringField(
        _l("Address"),
        validators=[Length(max=250)],
        description=_l("Street, number and place where the class comes or you meet."),
    )
    serves_within_km = IntegerField(
        _l("Comes to schools within (km)"),
        default=DEFAULT_SERVES_WITHIN_KM,
        validators=[
            Optional(),
            NumberRange(min=1, max=300, message=_l("Enter a number between 1 and 300.")),
        ],
        description=_l(
            "For a guest lesson or guest teacher at the school: how far you travel, counted from "
            "the centre of your municipality to the centre of the school's. Empty: 25 km. Not used "
            "for teaching material or online offers."
        ),
    )
    duration_minutes = IntegerField(
        _l("Duration in minutes"),
        validators=[
            Optional(),
            NumberRange(min=1, max=10000, message=_l("Enter a number between 1 and 10000.")),
        ],
    )
    group_min = IntegerField(
        _l("Minimum group size"),
        validators=[
            Optional(),
            NumberRange(min=1, max=1000, message=_l("Enter a number between 1 and 1000.")),
        ],
    )
    group_max = IntegerField(
        _l("Maximum group size"),
        validators=[
            Optional(),
            NumberRange(min=1, max=1000, message=_l("Enter a number between 1 and 1000.")),
        ],
    )
    price_kind = RadioField(
        _l("Price"),
        choices=choice_list([("free", _l("Free")), ("paid", _l("Paid"))]),
        default="free",
        validators=[InputRequired(REQUIRED)],
    )
    price = StringField(
        _l("Price in euros"),
        validators=[Length(max=20)],
        description=_l("For example 12,50 (per class, unless you explain otherwise below)."),
    )
    price_note = StringField(_l("Price note"), validators=[Optional(), Length(max=200)])
    contact_name = StringField(_l("Contact person"), validators=[Optional(), Length(max=120)])
    contact_email = StringField(
        _l("Contact e-mail"),
        validators=[Optional(), Length(max=254), Email(message=_l("Enter a valid e-mail address."))],
    )
    contact_phone = StringField(_l("Contact phone"), validators=[Optional(), Length(max=40)])
    vog_available = RadioField(
        _l("Certificate of conduct (VOG)"),
        default="no",
        choices=choice_list([("yes", _l("Yes, the people who come have a VOG")), ("no", _l("No"))]),
        validators=[InputRequired(REQUIRED)],
    )
    booking_mode = RadioField(
        _l("How do schools book?"),
        choices=choice_list(BOOKING_LABELS),
        default="request",
        validators=[InputRequired(REQUIRED)],
    )
    capacity_unit = RadioField(
        _l("Places are counted in"),
        choices=choice_list(CAPACITY_LABELS),
        default="pupils",
        validators=[InputRequired(REQUIRED)],
    )
    auto_confirm = BooleanField(_l("Confirm bookings of a date automatically"))
    available_until = DateField(
        _l("Available until"),
        validators=[Optional()],
        description=_l("Optional. After this date the offer is archived automatically."),
    )

    def __init__(self, *args, offer=None, **kwargs):
        super().__init__(*args, **kwargs)
        selected = {t.id for t in offer.terms} if offer is not None else set()
        for name, vocabulary in VOCABULARY_FIELDS.items():
            getattr(self, name).choices = term_choices(vocabulary, selected)
        municipalities = db.session.scalars(select(Municipality).order_by(Municipality.name))
        self.municipality_id.choices = choice_list(
            [("", _l("Choose a municipality"))] + [(m.id, m.name) for m in municipalities]
        )

    def validate_municipality_id(self, field):
        if self.location_mode.data in ("onsite", "hybrid") and not field.data:
            raise ValidationError(_l("Choose the municipality where the offer takes place."))

    def validate_address(self, field):
        if self.location_mode.data in ("onsite", "hybrid") and not (field.data or "").strip():
            raise ValidationError(_l("Enter the address, or choose online."))

    def validate_group_max(self, field):
        if field.data is not None and self.group_min.data is not None and field.data < self.group_min.data:
            raise ValidationError(_l("The maximum must be at least the minimum."))

    def validate_price(self, field):
        if self.price_kind.data != "paid":
            return
        cents = parse_euro(field.data)
        if not cents:
            raise ValidationError(_l("Enter an amount in euros, for example 12,50."))

    def validate_booking_mode(self, field):
        if field.data == "download" and self.kind.data != "material":
            raise ValidationError(_l("Download only is possible for teaching material."))

    # Conversion ---------------------------------------------------------------------------
    def to_data(self) -> dict:
        paid = self.price_kind.data == "paid"
        term_ids = [i for name in VOCABULARY_FIELDS for i in (getattr(self, name).data or [])]
        return {
            "kind": self.kind.data,
            "title": self.title.data.strip(),
            "summary": _text(self.summary.data),
            "description": _text(self.description.data),
            "preparation": _text(self.preparation.data) or None,
            "term_ids": term_ids,
            "location_mode": self.location_mode.data,
            "municipality_id": self.municipality_id.data,
            "address": (self.address.data or "").strip() or None,
            "serves_within_km": self.serves_within_km.data,
            "duration_minutes": self.duration_minutes.data,
            "group_min": self.group_min.data,
            "group_max": self.group_max.data,
            "price_cents": parse_euro(self.price.data) if paid else None,
            "price_note": (self.price_note.data or "").strip() or None,
            "contact_name": (self.contact_name.data or "").strip() or None,
            "contact_email": (self.contact_email.data or "").strip() or None,
            "contact_phone": (self.contact_phone.data or "").strip() or None,
            "vog_available": self.vog_available.data == "yes",
            "booking_mode": self.booking_mode.data,
            "capacity_unit": self.capacity_unit.data,
            "auto_confirm": bool(self.auto_confirm.data) and self.booking_mode.data == "slots",
            "available_until": self.available_until.data,
        }

    def fill(self, data: dict) -> None:
        """Start values from a snapshot (the row or a pending edit)."""
        simple = [
            "kind",
            "title",
            "summary",
            "description",
            "preparation",
            "location_mode",
            "municipality_id",
            "address",
            "serves_within_km",
            "duration_minutes",
            "group_min",
            "group_max",
            "price_note",
            "contact_name",
            "contact_email",
            "contact_phone",
            "booking_mode",
            "capacity_unit",
            "auto_confirm",
            "available_until",
        ]
        for name in simple:
            getattr(self, name).data = data.get(name)
        ids = set(data.get("term_ids") or [])
        for name in VOCABULARY_FIELDS:
            field = getattr(self, name)
            field.data = [c.value for c in field.choices if c.value in ids]
        self.price_kind.data = "paid" if data.get("price_cents") else "free"
        self.price.data = euro_text(data.get("price_cents"))
        self.vog_available.data = "yes" if data.get("vog_available") else "no"


def term_choices(vocabulary: str, selected: set[int]) -> list[SelectChoice]:
    """Active terms, plus inactive ones this offer already has (so saving keeps them)."""
    query = select(Term).where(Term.vocabulary == vocabulary)
    query = query.where(or_(Term.active.is_(True), Term.id.in_(selected or {-1})))
    return choice_list((t.id, t.label) for t in db.session.scalars(query.order_by(Term.position, Term.label)))


class SlotForm(PortalForm):
    day = DateField(_l("Date"), validators=[InputRequired(REQUIRED)])
    start_time = TimeField(_l("Start time"), validators=[InputRequired(REQUIRED)])
    end_time = TimeField(_l("End time"), validators=[InputRequired(REQUIRED)])
    capacity = IntegerField(
        _l("Places"),
        validators=[
            InputRequired(WHOLE_NUMBER),
            NumberRange(min=1, max=10000, message=_l("Enter at least 1.")),
        ],
    )


WEEKDAYS = choice_list(
    [
        (0, _l("Monday")),
        (1, _l("Tuesday")),
        (2, _l("Wednesday")),
        (3, _l("Thursday")),
        (4, _l("Friday")),
        (5, _l("Saturday")),
        (6, _l("Sunday")),
    ]
)


class SeriesForm(PortalForm):
    first_day = DateField(_l("From"), validators=[InputRequired(REQUIRED)])
    last_day = DateField(_l("Until"), validators=[InputRequired(REQUIRED)])
    weekday = SelectField(_l("Every"), choices=WEEKDAYS, coerce=int, validators=[InputRequired(REQUIRED)])
    start_time = TimeField(_l("Start time"), validators=[InputRequired(REQUIRED)])
    end_time = TimeField(_l("End time"), validators=[InputRequired(REQUIRED)])
    capacity = IntegerField(
        _l("Places per date"),
        validators=[
            InputRequired(WHOLE_NUMBER),
            NumberRange(min=1, max=10000, message=_l("Enter at least 1.")),
        ],
    )


class CapacityForm(PortalForm):
    capacity = IntegerField(
        _l("Places"),
        validators=[
            InputRequired(WHOLE_NUMBER),
            NumberRange(min=0, max=10000, message=_l("Enter 0 or more.")),
        ],
    )


class UploadForm(PortalForm):
    file = FileField(
        _l("File"),
        validators=[FileRequired(_l("Choose a file."))],
        description=_l("Images: JPEG, PNG or WebP. Documents: PDF, DOCX, PPTX, ODT, ODP or ZIP."),
    )
    alt_text = StringField(
        _l("Description of the image (alt text)"),
        validators=[Optional(), Length(max=200)],
        description=_l("Required for images: what does the image show? Read aloud by screen readers."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # offers.js refuses a file over the limit before it is sent (the server checks again).
        self.file.render_kw = {
            "data-max-image-bytes": current_app.config["MAX_IMAGE_BYTES"],
            "data-max-document-bytes": current_app.config["MAX_DOCUMENT_BYTES"],
            "data-too-large": _(
                "The file is too large (%(size)s MB). The maximum is %(max)s MB.", size="{size}", max="{max}"
            ),
        }
