"""``flask --app portal bookings remind`` and ``complete-past``: reminders, feedback requests,
request follow-up and expiry; running twice sends nothing twice."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import update

from portal.models import Booking, OutboxMail, local_now, utcnow
from tests.bookings.conftest import move_to_past, outbox

pytestmark = pytest.mark.calendar  # dates relative to today: `make test-calendar`


def run(runner, *args):
    result = runner.invoke(args=["bookings", *args])
    assert result.exit_code == 0, result.output
    return result.output


def shift(db, booking, **values):
    db.session.execute(update(Booking).where(Booking.id == booking.id).values(**values))
    db.session.commit()
    db.session.refresh(booking)


def soon(days=2):
    start = local_now().replace(microsecond=0, second=0) + timedelta(days=days)
    return {"starts_at": start, "ends_at": start + timedelta(hours=2)}


def test_reminder_before_the_date_to_both_sides_once(booking_in, world, db, runner):
    booking = booking_in("confirmed", mode="slots")
    shift(db, booking, **soon(2))
    run(runner, "remind")
    reminders = outbox(db, "booking_reminder")
    assert sorted(m.recipient for m in reminders) == sorted([world.teacher.email, world.provider.email])
    assert reminders[0].subject.startswith("Herinnering: Windmolens bouwen")
    total = db.session.query(OutboxMail).count()
    run(runner, "remind")
    assert db.session.query(OutboxMail).count() == total


def test_no_reminder_too_early_or_when_switched_off(booking_in, world, db, runner):
    booking = booking_in("confirmed", mode="slots")
    shift(db, booking, **soon(10))
    run(runner, "remind")
    assert outbox(db, "booking_reminder") == []
    shift(db, booking, **soon(1))
    world.teacher.notification_prefs = {"reminders": False}
    db.session.commit()
    run(runner, "remind")
    assert [m.recipient for m in outbox(db, "booking_reminder")] == [world.provider.email]


def test_feedback_request_after_the_date_once(booking_in, world, db, runner):
    booking = booking_in("confirmed")
    move_to_past(db, booking, days=1)
    run(runner, "remind")
    run(runner, "remind")
    [mail] = outbox(db, "booking_feedback_request")
    assert mail.recipient == world.teacher.email
    assert mail.subject == "Hoe ging Bezoek aan het windpark?"


def test_unanswered_request_reminds_provider_then_expires(booking_in, world, db, runner, app):
    booking = booking_in("requested")
    days = app.config["REQUEST_REMINDER_AFTER_DAYS"]
    shift(db, booking, created_at=utcnow() - timedelta(days=days))
    run(runner, "remind")
    run(runner, "remind")
    assert [m.recipient for m in outbox(db, "booking_request_reminder")] == [world.provider.email]
    assert booking.status == "requested"
    similar = booking.offer.__class__(
        organisation=world.provider_org,
        kind=booking.offer.kind,
        status="published",
        title="Zonnepanelen op het dak",
        slug="zonnepanelen",
        published_at=utcnow(),
    )
    db.session.add(similar)
    shift(db, booking, created_at=utcnow() - timedelta(days=app.config["REQUEST_EXPIRE_AFTER_DAYS"]))
    assert "expired_requests: 1" in run(runner, "remind")
    db.session.refresh(booking)
    assert booking.status == "expired"
    assert booking.events[-1].actor is None
    [mail] = outbox(db, "booking_expired")
    assert mail.recipient == world.teacher.email
    assert "Zonnepanelen op het dak" in mail.body_text and "/aanbod/" in mail.body_html
    assert "expired_requests: 0" in run(runner, "remind")
    assert len(outbox(db, "booking_expired")) == 1


def test_complete_past(booking_in, db, runner):
    past = booking_in("confirmed", mode="slots")
    future = booking_in("confirmed")
    move_to_past(db, past)
    assert "completed: 1" in run(runner, "complete-past")
    assert "completed: 0" in run(runner, "complete-past")
    db.session.refresh(past)
    db.session.refresh(future)
    assert (past.status, future.status) == ("completed", "confirmed")
