"""When a provider must answer a request: one rule for the mails, the pages and the expiry job.

A request expires (``jobs.expire_requests``) ``REQUEST_EXPIRE_AFTER_DAYS`` days after it was
made, or earlier when the fixed date it asks for begins. The teacher's receipt, the
provider's request mail, the offer page and the booking page all say that moment, from here.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from flask import current_app

from portal.models import Booking, local_now, utcnow
from portal.models.statuses import BookingStatus

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def answer_days() -> int:
    """How many days a provider has to answer a request."""
    return int(current_app.config["REQUEST_EXPIRE_AFTER_DAYS"])


def expiry_cutoff() -> datetime:
    """Requests made at or before this (naive UTC) moment have run out of time."""
    return utcnow() - timedelta(days=answer_days())


def _wall_clock(moment_utc: datetime) -> datetime:
    return moment_utc.replace(tzinfo=UTC).astimezone(AMSTERDAM).replace(tzinfo=None)


def answer_due_at(booking: Booking) -> datetime | None:
    """The moment (Amsterdam wall clock) the request expires unanswered; None when the
    booking does not wait for the provider."""
    if booking.status != BookingStatus.REQUESTED:
        return None
    due = _wall_clock((booking.created_at or utcnow()) + timedelta(days=answer_days()))
    if booking.starts_at is not None and booking.starts_at < due:
        return booking.starts_at
    return due


def answer_due_for_new_request() -> date:
    """The last day a provider has to answer a request made now (the offer page says it)."""
    return (local_now() + timedelta(days=answer_days())).date()
