"""Fixtures of the report tests: bookings made directly (the history a report reads)."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from portal.models import Attendance, Booking, BookingEvent, Feedback, Municipality
from portal.models.statuses import AttendanceStatus, BookingStatus


@pytest.fixture
def amersfoort(make, db):
    """A Utrecht municipality (the reference data holds Flevoland's only)."""
    place = Municipality(
        slug="amersfoort-test", name="Amersfoort", cbs_code="GM0307", region=make.region("utrecht")
    )
    db.session.add(place)
    db.session.flush()
    return place


@pytest.fixture
def book(db):
    """``book(offer, school, when, group_size=25, status=CONFIRMED, pupils=None, attendance=None,
    rating=None, audience=None, answered_after=None, expired=False)``: one booking with its timeline."""

    def make_booking(
        offer,
        school,
        when: datetime,
        group_size: int = 25,
        status: BookingStatus = BookingStatus.CONFIRMED,
        attendance: AttendanceStatus | None = None,
        pupils: int | None = None,
        rating: int | None = None,
        audience=None,
        created_at: datetime | None = None,
        answered_after: timedelta | None = None,
        expired: bool = False,
    ) -> Booking:
        created = created_at or when - timedelta(days=20)
        booking = Booking(
            offer=offer,
            school=school,
            status=status,
            group_size=group_size,
            places=group_size,
            starts_at=when,
            ends_at=when + timedelta(hours=2),
            audience=audience,
            created_at=created,
        )
        db.session.add(booking)
        db.session.flush()
        db.session.add(BookingEvent(booking=booking, to_status=BookingStatus.REQUESTED, created_at=created))
        if answered_after is not None:
            db.session.add(
                BookingEvent(
                    booking=booking,
                    from_status=BookingStatus.REQUESTED,
                    to_status=BookingStatus.CONFIRMED,
                    created_at=created + answered_after,
                )
            )
        if expired:
            db.session.add(
                BookingEvent(
                    booking=booking,
                    from_status=BookingStatus.REQUESTED,
                    to_status=BookingStatus.EXPIRED,
                    created_at=created + timedelta(days=14),
                )
            )
        if attendance is not None:
            db.session.add(Attendance(booking=booking, status=attendance, pupils=pupils))
        if rating is not None:
            db.session.add(Feedback(booking=booking, offer_id=offer.id, rating=rating))
        db.session.flush()
        return booking

    return make_booking
