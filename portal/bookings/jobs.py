"""What the scheduled commands do (``flask --app portal bookings remind|complete-past``).

Every job is safe to run twice: mails carry a dedupe key (the outbox refuses a key it
already has) and state changes are conditional, so a second run finds nothing to do.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

from flask import current_app
from sqlalchemy import select

from portal.bookings import deadlines, notify, services, waitlist
from portal.bookings.errors import BookingError
from portal.extensions import db
from portal.models import AGREED_STATUSES, Booking, local_now, utcnow
from portal.models.statuses import AttendanceStatus, BookingStatus

FEEDBACK_WINDOW_DAYS = 14  # older events get no (first) feedback request any more


@dataclass
class Report:
    counts: dict = field(default_factory=dict)

    def add(self, name: str, n: int) -> None:
        self.counts[name] = self.counts.get(name, 0) + n


def remind() -> Report:
    report = Report()
    config = current_app.config
    report.add("reminders", send_reminders(config["BOOKING_REMINDER_DAYS"]))
    report.add("feedback_requests", send_feedback_requests())
    report.add("request_reminders", remind_providers(config["REQUEST_REMINDER_AFTER_DAYS"]))
    report.add("expired_requests", expire_requests())
    report.add("waitlist_offers_expired", waitlist.expire_offers())
    return report


def send_reminders(days: int) -> int:
    """Both sides, ``days`` before a confirmed booking (respecting the reminders preference)."""
    now = local_now()
    bookings = db.session.scalars(
        select(Booking).where(
            Booking.status == BookingStatus.CONFIRMED,
            Booking.starts_at > now,
            Booking.starts_at <= now + timedelta(days=days),
        )
    ).all()
    sent = 0
    for booking in bookings:
        sent += notify.send(
            [booking.teacher],
            "booking_reminder",
            booking,
            pref="reminders",
            dedupe=f"reminder:{booking.starts_at:%Y%m%d%H%M}",
            for_provider=False,
        )
        sent += notify.send(
            notify.provider_recipients(booking.offer),
            "booking_reminder",
            booking,
            pref="reminders",
            dedupe=f"reminder:{booking.starts_at:%Y%m%d%H%M}",
            for_provider=True,
        )
    return sent


def send_feedback_requests() -> int:
    now = local_now()
    bookings = db.session.scalars(
        select(Booking).where(
            Booking.status.in_(AGREED_STATUSES),
            Booking.ends_at <= now,
            Booking.ends_at > now - timedelta(days=FEEDBACK_WINDOW_DAYS),
        )
    ).all()
    sent = 0
    for booking in bookings:
        took_place = booking.attendance is None or booking.attendance.status == AttendanceStatus.TOOK_PLACE
        if booking.feedback is None and took_place:
            sent += notify.send(
                [booking.teacher], "booking_feedback_request", booking, pref="reminders", dedupe="feedback"
            )
    return sent


def remind_providers(after_days: int) -> int:
    """Requests unanswered for ``after_days``: the provider must act, so never suppressed."""
    cutoff = utcnow() - timedelta(days=after_days)
    bookings = db.session.scalars(
        select(Booking).where(Booking.status == BookingStatus.REQUESTED, Booking.created_at <= cutoff)
    ).all()
    sent = 0
    for booking in bookings:
        sent += notify.send(
            notify.provider_recipients(booking.offer),
            "booking_request_reminder",
            booking,
            dedupe="request-reminder",
            answer_due=deadlines.answer_due_at(booking),
        )
    return sent


def expire_requests() -> int:
    """Requests unanswered in time (``deadlines``), or whose fixed date passed, expire."""
    cutoff = deadlines.expiry_cutoff()
    bookings = db.session.scalars(
        select(Booking).where(
            Booking.status == BookingStatus.REQUESTED,
            (Booking.created_at <= cutoff) | (Booking.starts_at <= local_now()),
        )
    ).all()
    expired = 0
    for booking in bookings:
        try:
            services.transition(booking, "expire", None, reason="no_answer")
            expired += 1
        except BookingError:  # answered in the meantime
            continue
    return expired


def complete_past() -> int:
    """Confirmed bookings whose date has passed become completed."""
    bookings = db.session.scalars(
        select(Booking).where(Booking.status == BookingStatus.CONFIRMED, Booking.ends_at <= local_now())
    ).all()
    done = 0
    for booking in bookings:
        try:
            services.transition(booking, "complete", None)
            done += 1
        except BookingError:  # cancelled in the meantime
            continue
    return done
