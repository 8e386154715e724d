"""Demo booking history: two school years of past bookings across the demo schools and
published offers, so every report and the white-spot page show something (idempotent).

Made directly as rows (past dates hold no places): requested, answered after a few hours or
days, then completed with attendance, or cancelled, declined, expired or a no-show; some
with feedback. A fixed random seed gives the same history on every installation.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta

from sqlalchemy import select

from portal.models import Attendance, Booking, BookingEvent, Feedback, Offer, Organisation, local_now
from portal.models.statuses import AttendanceStatus, BookingStatus, OfferStatus

HISTORY_NOTE = "Voorbeeldgeschiedenis (demo)"
PER_SCHOOL_YEAR = 90
SEED = 12


def seed_history(session, made: dict) -> None:
    if session.scalar(select(Booking.id).where(Booking.notes == HISTORY_NOTE).limit(1)):
        return
    offers = list(
        session.scalars(
            select(Offer)
            .where(Offer.status == OfferStatus.PUBLISHED, Offer.kind != "material")
            .order_by(Offer.id)
        )
    )
    schools = list(
        session.scalars(select(Organisation).where(Organisation.kind == "school").order_by(Organisation.id))
    )
    if not offers or not schools:
        return
    rng = random.Random(SEED)
    now = local_now()
    this_year = now.year if now.month >= 8 else now.year - 1
    for year in (this_year - 1, this_year):
        start = now.replace(year=year, month=8, day=20, hour=9, minute=0, second=0, microsecond=0)
        end = min(start.replace(year=year + 1, month=7, day=10), now - timedelta(days=2))
        span = max((end - start).days, 1)
        for _ in range(PER_SCHOOL_YEAR):
            day = start + timedelta(days=rng.randrange(span))
            while day.weekday() >= 5:
                day -= timedelta(days=1)
            _booking(
                session,
                rng,
                rng.choice(offers),
                rng.choice(schools),
                day.replace(hour=rng.choice((9, 10, 13))),
            )


def _booking(session, rng: random.Random, offer: Offer, school: Organisation, when: datetime) -> None:
    audiences = [t for t in offer.terms if t.vocabulary == "audience"]
    size = rng.randint(max(offer.group_min or 12, 12), max(offer.group_max or 30, 14))
    created = when - timedelta(days=rng.randint(14, 45), hours=rng.randint(0, 8))
    answered = created + timedelta(hours=rng.choice((2, 5, 20, 30, 50, 80, 140)))
    roll = rng.random()
    booking = Booking(
        offer=offer,
        school=school,
        group_size=size,
        places=0,
        audience=rng.choice(audiences) if audiences else None,
        starts_at=when,
        ends_at=when + timedelta(minutes=offer.duration_minutes or 90),
        notes=HISTORY_NOTE,
        created_at=created,
        updated_at=created,
    )
    events = [BookingEvent(to_status=BookingStatus.REQUESTED, created_at=created)]
    if roll < 0.06:
        booking.status = BookingStatus.EXPIRED
        events.append(_event(BookingStatus.REQUESTED, BookingStatus.EXPIRED, created + timedelta(days=14)))
    elif roll < 0.12:
        booking.status = BookingStatus.DECLINED
        events.append(_event(BookingStatus.REQUESTED, BookingStatus.DECLINED, answered))
    else:
        events.append(_event(BookingStatus.REQUESTED, BookingStatus.CONFIRMED, answered))
        if roll < 0.20:
            booking.status = BookingStatus.CANCELLED
            events.append(_event(BookingStatus.CONFIRMED, BookingStatus.CANCELLED, when - timedelta(days=3)))
        else:
            booking.status = BookingStatus.COMPLETED
            events.append(_event(BookingStatus.CONFIRMED, BookingStatus.COMPLETED, when + timedelta(days=1)))
            if roll < 0.24:
                booking.attendance = Attendance(
                    status=AttendanceStatus.NO_SHOW, marked_at=when + timedelta(days=1)
                )
            elif roll < 0.80:
                pupils = size - rng.randint(0, 3)
                booking.attendance = Attendance(
                    status=AttendanceStatus.TOOK_PLACE, pupils=pupils, marked_at=when + timedelta(days=1)
                )
                if rng.random() < 0.5:
                    booking.feedback = Feedback(
                        offer_id=offer.id,
                        rating=rng.choice((3, 4, 4, 5, 5)),
                        created_at=when + timedelta(days=2),
                    )
    booking.events = events
    session.add(booking)


def _event(from_status: BookingStatus, to_status: BookingStatus, at: datetime) -> BookingEvent:
    return BookingEvent(from_status=from_status, to_status=to_status, created_at=at)
