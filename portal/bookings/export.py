"""AVG data export: a person's bookings, the steps they took, their feedback and waiting lists."""

from __future__ import annotations

from sqlalchemy import select

from portal.extensions import db
from portal.models import Booking, BookingEvent, Feedback, User, WaitlistEntry


def export_bookings(user: User) -> tuple[str, dict]:
    bookings = db.session.scalars(select(Booking).where(Booking.teacher_id == user.id).order_by(Booking.id))
    events = db.session.scalars(
        select(BookingEvent).where(BookingEvent.actor_id == user.id).order_by(BookingEvent.id)
    )
    feedback = db.session.scalars(select(Feedback).where(Feedback.author_id == user.id))
    entries = db.session.scalars(select(WaitlistEntry).where(WaitlistEntry.teacher_id == user.id))
    return "bookings", {
        "bookings": [_booking(b) for b in bookings],
        "actions": [
            {
                "booking_id": e.booking_id,
                "from": e.from_status,
                "to": e.to_status,
                "reason": e.reason,
                "at": e.created_at,
            }
            for e in events
        ],
        "feedback": [
            {"booking_id": f.booking_id, "rating": f.rating, "text": f.text, "at": f.created_at}
            for f in feedback
        ],
        "waiting_lists": [
            {
                "offer": w.slot.offer.title,
                "date": w.slot.starts_at,
                "status": w.status,
                "group_size": w.group_size,
                "joined_at": w.created_at,
            }
            for w in entries
        ],
        "calendar_feed_active": user.calendar_token is not None,
    }


def _booking(b: Booking) -> dict:
    return {
        "id": b.id,
        "offer": b.offer.title,
        "provider": b.offer.organisation.name,
        "school": b.school.name,
        "status": b.status,
        "starts_at": b.starts_at,
        "ends_at": b.ends_at,
        "group_size": b.group_size,
        "group_name": b.group_name,
        "notes": b.notes,
        "preferred_dates": [
            {"from": p.date_from, "to": p.date_to, "daypart": p.daypart} for p in b.preferred_dates
        ],
        "created_at": b.created_at,
    }
