"""Booking forms: book a slot, request dates, answer, cancel, attendance, feedback."""

from __future__ import annotations

from datetime import datetime

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

    def set_audiences(self, offer) -> None:
        self.audience.choices = choice_list(
            [(0, _l("Choose a level (optional)"))] + [(t.id, t.label) for t in offer.audiences]
        )


class SlotBookingForm(_BookingDetails):
    slot = RadioField(_l("Date"), coerce=int, validators=[InputRequired(_l("Choose a date."))])


class PreferredDateForm(PortalSubForm):
    date_from = DateField(_l("Date (or first day of a period)"), validators=[Optional()])
    date_to = DateField(_l("Last day of the period (optional)"), validators=[Optional()])
    daypart = SelectField(_l("Part of the day"), choices=DAYPART_CHOICES, default="whole_day")


class RequestBookingForm(_BookingDetails):
    preferred = FieldList(FormField(PreferredDateForm), min_entries=3, max_entries=3)

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

    def ends_at(self) -> datetime:
        return datetime.combine(self.day.data, self.end.data)


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
