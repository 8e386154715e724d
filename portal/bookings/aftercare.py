"""After the event: the provider marks attendance, the teacher gives feedback."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from portal import permissions
from portal.bookings.errors import BookingError
from portal.extensions import db
from portal.models import Attendance, Booking, Feedback, User, utcnow
from portal.models.statuses import AttendanceStatus

MIN_REVIEWS_FOR_AVERAGE = 3


def _after_the_date(booking: Booking) -> bool:
    return booking.is_agreed and booking.is_past


def can_mark_attendance(booking: Booking) -> bool:
    return _after_the_date(booking)


def can_give_feedback(booking: Booking) -> bool:
    return _after_the_date(booking) and booking.feedback is None


def may_mark_attendance(user, booking: Booking) -> bool:
    """Whether ``user`` may mark the booking's attendance now (the booking page's form)."""
    return permissions.can_act_as_provider(user, booking) and can_mark_attendance(booking)


def may_give_feedback(user, booking: Booking) -> bool:
    """Whether ``user`` may give feedback on the booking now (the booking page's form)."""
    return permissions.can_give_feedback(user, booking) and can_give_feedback(booking)


def mark_attendance(
    booking: Booking, actor: User, status: str | None, pupils: int | None = None
) -> Attendance:
    """Record (or correct) what happened; only after the date of a booking that went ahead."""
    if status not in AttendanceStatus.values():
        raise BookingError(_l("Choose what happened."))
    if not can_mark_attendance(booking):
        raise BookingError(_l("You can mark attendance after the date of a confirmed booking."))
    attendance = booking.attendance or Attendance(booking=booking)
    attendance.status, attendance.pupils = AttendanceStatus(status), pupils
    attendance.marked_by, attendance.marked_at = actor, utcnow()
    db.session.add(attendance)
    db.session.flush()
    return attendance


def give_feedback(booking: Booking, author: User, rating: int | None, text: str | None) -> Feedback:
    if not permissions.can_give_feedback(author, booking):
        raise BookingError(_l("Only the teacher who booked gives feedback on this booking."))
    if rating is None or not 1 <= int(rating) <= 5:
        raise BookingError(_l("Give a rating from 1 to 5."))
    if booking.feedback is not None:
        raise BookingError(_l("Feedback for this booking has already been given."))
    if not _after_the_date(booking):
        raise BookingError(_l("You can give feedback after the date."))
    feedback = Feedback(
        booking=booking,
        offer_id=booking.offer_id,
        author=author,
        rating=int(rating),
        text=(text or "").strip(),
    )
    db.session.add(feedback)
    db.session.flush()
    return feedback


def rating_summary(offer_id: int) -> tuple[float, int] | None:
    """(average, count) of an offer's ratings, or None below the minimum number of reviews."""
    average, count = db.session.execute(
        select(func.avg(Feedback.rating), func.count(Feedback.id)).where(Feedback.offer_id == offer_id)
    ).one()
    if count < MIN_REVIEWS_FOR_AVERAGE:
        return None
    return round(float(average), 1), count
