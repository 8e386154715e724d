"""After the event: the provider marks attendance, the teacher gives feedback."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from portal import permissions
from portal.bookings.services import BookingError
from portal.extensions import db
from portal.models import ATTENDANCE_STATUSES, Attendance, Booking, Feedback, User, utcnow

MIN_REVIEWS_FOR_AVERAGE = 3


def _after_the_date(booking: Booking) -> bool:
    return booking.status in ("confirmed", "completed") and booking.is_past


def can_mark_attendance(booking: Booking) -> bool:
    return _after_the_date(booking)


def can_give_feedback(booking: Booking) -> bool:
    return _after_the_date(booking) and booking.feedback is None


def mark_attendance(booking: Booking, actor: User, status: str, pupils: int | None = None) -> Attendance:
    """Record (or correct) what happened; only after the date of a booking that went ahead."""
    if status not in ATTENDANCE_STATUSES:
        raise BookingError(_l("Choose what happened."))
    if not can_mark_attendance(booking):
        raise BookingError(_l("You can mark attendance after the date of a confirmed booking."))
    attendance = booking.attendance or Attendance(booking=booking)
    attendance.status, attendance.pupils = status, pupils
    attendance.marked_by, attendance.marked_at = actor, utcnow()
    db.session.add(attendance)
    db.session.flush()
    return attendance


def give_feedback(booking: Booking, author: User, rating: int, text: str | None) -> Feedback:
    if not permissions.can_give_feedback(author, booking):
        raise BookingError(_l("Only the teacher who booked gives feedback on this booking."))
    if not 1 <= int(rating) <= 5:
        raise BookingError(_l("Give a rating from 1 to 5."))
    if booking.feedback is not None:
        raise BookingError(_l("Feedback for this booking has already been given."))
    if not _after_the_date(booking):
        raise BookingError(_l("You can give feedback after the date."))
    feedback = Feedback(booking=booking, offer_id=booking.offer_id, author=author,
                        rating=int(rating), text=(text or "").strip())
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
