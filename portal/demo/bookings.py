"""Demo bookings: the demo teacher has a request waiting, a confirmed visit and a past visit
with feedback at the demo provider, so both dashboards show something (idempotent)."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select

from portal.bookings import services
from portal.bookings.capacity import places_for
from portal.bookings.errors import BookingError
from portal.models import Booking, BookingEvent, Feedback, local_now
from portal.models.statuses import BookingStatus, OfferStatus


def seed_bookings(session, made: dict) -> None:
    users = made.get("users", {})
    teacher, provider = users.get("teacher"), users.get("provider")
    if (
        teacher is None
        or provider is None
        or session.scalar(select(Booking.id).where(Booking.teacher_id == teacher.id).limit(1))
    ):
        return
    offers = [
        o
        for o in made.get("offers", [])
        if o.organisation_id == provider.organisation_id and o.status == OfferStatus.PUBLISHED
    ]
    booked = []
    for offer in offers:
        size = offer.group_min or 10
        slots = [
            s for s in offer.slots if s.starts_at > local_now() and s.remaining >= places_for(offer, size)
        ]
        try:
            if offer.booking_mode == "slots" and slots:
                booked.append(services.book_slot(teacher, slots[0], size, group_name="groep 7/8"))
            elif offer.booking_mode == "request":
                day = (local_now() + timedelta(days=21)).date()
                booked.append(services.request_booking(teacher, offer, [(day, None, "morning")], size))
        except BookingError:  # not bookable for the demo teacher: the next one
            continue
    if booked and booked[0].status == BookingStatus.REQUESTED and booked[0].slot_id and len(booked) > 1:
        services.confirm(booked[0], provider)
    if offers:
        _past_visit(session, teacher, provider, offers[0])


def _past_visit(session, teacher, provider, offer) -> None:
    start = datetime.combine((local_now() - timedelta(days=9)).date(), datetime.min.time()).replace(hour=10)
    booking = Booking(
        offer=offer,
        teacher=teacher,
        school=teacher.organisation,
        status=BookingStatus.COMPLETED,
        group_size=offer.group_min or 20,
        places=0,
        starts_at=start,
        ends_at=start + timedelta(hours=2),
        sequence=2,
    )
    booking.events = [
        BookingEvent(actor=teacher, from_status=None, to_status=BookingStatus.REQUESTED),
        BookingEvent(actor=provider, from_status=BookingStatus.REQUESTED, to_status=BookingStatus.CONFIRMED),
        BookingEvent(actor=None, from_status=BookingStatus.CONFIRMED, to_status=BookingStatus.COMPLETED),
    ]
    session.add(booking)
    session.add(
        Feedback(
            booking=booking,
            offer_id=offer.id,
            author=teacher,
            rating=5,
            text="De leerlingen waren enthousiast en wilden meteen zelf aan de slag.",
        )
    )
