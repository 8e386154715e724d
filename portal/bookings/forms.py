"""Booking forms: book a slot, request dates, answer, cancel, attendance, feedback."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from urllib.parse import urlsplit

from flask_babel import lazy_gettext as _l
from wtforms import (
    DateField,
    FieldList,
    FormField,
    IntegerField,
    RadioField,
    SelectField,
    StringField,
    TextAreaField,
    TimeField,
    URLField,
)
from wtforms.validators import (
    DataRequired,
    InputRequired,
    Length,
    NumberRange,
    Optional,
    ValidationError,
)

from portal.forms import PortalForm, PortalSubForm, choice_list
from portal.models.statuses import AttendanceStatus

DAYPART_CHOICES = choice_list(
    [
        ("whole_day", _l("Whole day")),
        ("morning", _l("Morning")),
        ("afternoon", _l("Afternoon")),
    ]
)


# The usual school hours of a part of the day: where the provider's time starts from.
DAYPART_TIMES = {
    "morning": (time(9, 0), time(12, 0)),
    "afternoon": (time(13, 0), time(15, 0)),
}


class _BookingDetails(PortalForm):
    group_size = IntegerField(
        _l("Number of pupils"), validators=[InputRequired(), NumberRange(min=1, max=500)]
    )
    audience = SelectField(_l("Level"), coerce=int, validators=[Optional()])
    group_name = StringField(
        _l("Group or class"),
        validators=[Optional(), Length(max=80)],
        description=_l("For example: group 7b or 2 KB"),
    )
    notes = TextAreaField(_l("Notes for the provider"), validators=[Optional(), Length(max=2000)])

    from_profile = False  # whether ``prefill`` took the level or group size from the profile

    def set_audiences(self, offer) -> None:
        self.audience.choices = choice_list(
            [(0, _l("Choose a level (optional)"))] + [(t.id, t.label) for t in offer.audiences]
        )

    def prefill(self, teacher, offer) -> None:
        """Start from the teacher's own classes (profile): their level when the offer is for
        it, their usual group size when the offer takes it; else the offer's smallest group."""
        levels = set(getattr(teacher, "teaching_levels", None) or [])
        fitting = [t for t in offer.audiences if t.code in levels]
        if fitting and not self.audience.data:
            self.audience.data = fitting[0].id
            self.from_profile = True
        usual = getattr(teacher, "usual_group_size", None)
        if usual and (offer.group_min or 1) <= usual <= (offer.group_max or usual):
            self.group_size.data = usual
            self.from_profile = True
        elif offer.group_min:
            self.group_size.data = offer.group_min


class SlotBookingForm(_BookingDetails):
    slot = RadioField(_l("Date"), coerce=int, validators=[InputRequired(_l("Choose a date."))])


class PreferredDateForm(PortalSubForm):
    date_from = DateField(_l("Date (or first day of a period)"), validators=[Optional()])
    date_to = DateField(_l("Last day of the period (optional)"), validators=[Optional()])
    daypart = SelectField(_l("Part of the day"), choices=DAYPART_CHOICES, default="whole_day")


class RequestBookingForm(_BookingDetails):
    preferred = FieldList(
        FormField(PreferredDateForm), label=_l("Your preferred dates"), min_entries=3, max_entries=3
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for number, entry in enumerate(self.preferred, start=1):
            # Named per row, so an error in the summary says which preferred date it is about.
            entry.label.text = _l("Preferred date %(n)s", n=number)

    def preferred_dates(self) -> list:
        return [
            (p.date_from.data, p.date_to.data, p.daypart.data) for p in self.preferred if p.date_from.data
        ]

    def validate_preferred(self, field) -> None:
        if not self.preferred_dates():
            raise ValidationError(_l("Give at least one preferred date."))


class WaitlistForm(PortalForm):
    group_size = IntegerField(
        _l("Number of pupils"), validators=[InputRequired(), NumberRange(min=1, max=500)]
    )


class ReasonForm(PortalForm):
    reason = TextAreaField(_l("Reason"), validators=[DataRequired(_l("Give a reason.")), Length(max=2000)])


class OptionalReasonForm(PortalForm):
    reason = TextAreaField(_l("Reason (optional)"), validators=[Optional(), Length(max=2000)])


def http_link(form, field) -> None:
    """A full web link (http or https, with a host), as a class can open it."""
    value = (field.data or "").strip()
    field.data = value or None
    if not value:
        return
    parts = urlsplit(value)
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname or any(c.isspace() for c in value):
        raise ValidationError(
            _l("Give the whole link, starting with https:// (for example https://teams.microsoft.com/...).")
        )


def meeting_link_field() -> URLField:
    return URLField(
        _l("Link for the online meeting"),
        validators=[Optional(), Length(max=500), http_link],
        description=_l("The class joins with this link (Teams, Zoom, Meet...). You can also give it later."),
    )


class MeetingLinkForm(PortalForm):
    """Give or change the meeting link of an online booking."""

    meeting_link = meeting_link_field()


class ConfirmSlotForm(PortalForm):
    """Confirm a request for a fixed date (an online offer: with its meeting link). Also
    posted as a single button from /mijn, with the page's plain ``csrf_token``: the app-wide
    ``CSRFProtect`` checks that token on every POST, so this form needs no prefixed one."""

    class Meta:
        csrf = False

    meeting_link = meeting_link_field()


class DateTimeForm(PortalForm):
    """Confirm a request on a date, or propose another one."""

    day = DateField(_l("Date"), validators=[InputRequired()])
    start = TimeField(_l("Start time"), validators=[InputRequired()])
    end = TimeField(_l("End time"), validators=[InputRequired()])
    message = TextAreaField(
        _l("Message to the teacher (optional)"), validators=[Optional(), Length(max=2000)]
    )

    def starts_at(self) -> datetime:
        return datetime.combine(self.day.data, self.start.data)

    def prefill(self, booking, today: date) -> None:
        """Start from the teacher's first preferred date (its first day still ahead) and the
        usual hours of its part of the day."""
        first = booking.preferred_dates[0] if booking.preferred_dates else None
        if first is None:
            return
        day = first.date_from
        if day <= today and first.date_to is not None and first.date_to > today:
            day = today + timedelta(days=1)
        self.day.data = day
        self.start.data, self.end.data = DAYPART_TIMES.get(first.daypart, (None, None))

    def ends_at(self) -> datetime:
        return datetime.combine(self.day.data, self.end.data)


class ConfirmRequestForm(DateTimeForm):
    """Confirm a request: a time on a preferred date (an online offer: with its meeting link)."""

    meeting_link = meeting_link_field()


class AttendanceForm(PortalForm):
    status = RadioField(
        _l("What happened?"), validators=[InputRequired()], choices=choice_list(AttendanceStatus.labels())
    )
    pupils = IntegerField(
        _l("Number of pupils present (optional)"), validators=[Optional(), NumberRange(min=0, max=1000)]
    )


class FeedbackForm(PortalForm):
    rating = RadioField(
        _l("Your rating"),
        coerce=int,
        validators=[InputRequired()],
        choices=choice_list(
            [
                (5, _l("5 - excellent")),
                (4, _l("4 - good")),
                (3, _l("3 - fair")),
                (2, _l("2 - poor")),
                (1, _l("1 - bad")),
            ]
        ),
    )
    text = TextAreaField(
        _l("What went well, what could be better?"), validators=[Optional(), Length(max=3000)]
    )
