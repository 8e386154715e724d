"""Booking fixtures: a provider with a slot offer and a request offer, a school with a
teacher, and ``booking_in(status)`` which walks a booking to any state via the services."""

from __future__ import annotations

from datetime import timedelta
from types import SimpleNamespace

import pytest
from sqlalchemy import select, update

from portal.bookings import services
from portal.models import Booking, OutboxMail, local_now
from tests.clock import at, days_ahead

IN_TEN_DAYS = days_ahead(10)  # from the frozen clock (tests/clock.py), not the real date


@pytest.fixture
def world(make, db):
    provider_org = make.company(verified=True, name="Windpark Test BV")
    provider = make.user("provider", organisation=provider_org, name="Pieter Aanbieder")
    school = make.school(name="Basisschool De Test")
    teacher = make.user("teacher", organisation=school, name="Sanne Docent", phone="06-12345678")
    slot_offer = make.offer(
        provider_org,
        booking_mode="slots",
        title="Windmolens bouwen",
        contact_email="contact@windpark.example",
        address="Dijk 1, Lelystad",
    )
    slot = make.slot(slot_offer, capacity=60)
    request_offer = make.offer(provider_org, booking_mode="request", title="Bezoek aan het windpark")
    db.session.commit()
    return SimpleNamespace(
        provider_org=provider_org,
        provider=provider,
        school=school,
        teacher=teacher,
        slot_offer=slot_offer,
        slot=slot,
        request_offer=request_offer,
    )


@pytest.fixture
def booking_in(world, db):
    """``booking_in("confirmed", mode="request")``: a committed booking in that state."""

    def build(status: str, mode: str = "request", teacher=None) -> Booking:
        teacher = teacher or world.teacher
        if mode == "slots":
            booking = services.book_slot(teacher, world.slot, 10)
        else:
            booking = services.request_booking(
                teacher, world.request_offer, [(IN_TEN_DAYS, None, "morning")], 20
            )
        db.session.commit()
        if status in ("confirmed", "completed", "cancelled"):
            if mode == "slots":
                services.confirm(booking, world.provider)
            else:
                services.confirm(booking, world.provider, at(IN_TEN_DAYS, 9), at(IN_TEN_DAYS, 11))
        elif status == "proposed":
            services.propose(
                booking, world.provider, at(IN_TEN_DAYS, 13), at(IN_TEN_DAYS, 15), "Liever 's middags"
            )
        elif status == "declined":
            services.decline(booking, world.provider, "Geen tijd")
        elif status == "expired":
            services.transition(booking, "expire", None, reason="no_answer")
        db.session.commit()
        if status == "cancelled":
            services.cancel(booking, world.teacher, "Zieke klas")
        elif status == "completed":
            move_to_past(db, booking)
            services.transition(booking, "complete", None)
        db.session.commit()
        assert booking.status == status
        return booking

    return build


def move_to_past(db, booking: Booking, days: int = 2) -> None:
    start = local_now().replace(microsecond=0) - timedelta(days=days)
    db.session.execute(
        update(Booking)
        .where(Booking.id == booking.id)
        .values(starts_at=start, ends_at=start + timedelta(hours=2))
    )
    db.session.commit()
    db.session.refresh(booking)


def outbox(db, template: str | None = None) -> list[OutboxMail]:
    query = select(OutboxMail).order_by(OutboxMail.id)
    if template:
        query = query.where(OutboxMail.template == template)
    return list(db.session.scalars(query))
