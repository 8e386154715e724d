"""Open data fixtures: a small world with published and unpublished offers, people whose
names and addresses must never appear in an answer, and bookings for the figures."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

import pytest

from portal.models import Attendance, Booking, Offer, Organisation, User
from portal.models.statuses import AttendanceStatus, BookingStatus, OfferStatus
from tests.clock import at, days_ahead


@dataclass
class World:
    provider: User
    teacher: User
    school: Organisation
    published: list[Offer]
    hidden: list[Offer]
    people: list[User] = field(default_factory=list)

    def personal_strings(self) -> list[str]:
        """Everything about a person that must not be open data."""
        found = []
        for person in self.people:
            found += [person.email, person.name]
        for offer in self.published + self.hidden:
            found += [s for s in (offer.contact_name, offer.contact_email, offer.contact_phone) if s]
        return found


@pytest.fixture
def world(make, db):
    company = make.company(
        name="Techbedrijf Polder BV", verified=True, municipality=make.municipality("almere")
    )
    provider = make.user(
        "provider", organisation=company, name="Pieter Providerman", email="pieter@polder.example"
    )
    school = make.school(name="OBS De Dijk", municipality=make.municipality("urk"))
    teacher = make.user("teacher", organisation=school, name="Tineke Leraar", email="tineke@dedijk.example")
    coordinator = make.user("coordinator", name="Coby Coordinator", email="coby@regio.example")
    contact = dict(
        contact_name="Karel Contact", contact_email="karel@polder.example", contact_phone="06-12345678"
    )
    published = [
        make.offer(
            company,
            title="Robots bouwen in de klas",
            terms=[("theme", "productie-robotica"), ("audience", "po-7-8")],
            created_by=provider,
            **contact,
        ),
        make.offer(
            company,
            title="Lassen voor beginners",
            kind="company_visit",
            terms=[("theme", "bouw"), ("audience", "vmbo-bb"), ("profile", "bwi")],
            municipality=make.municipality("lelystad"),
            price_cents=2500,
            booking_mode="slots",
            **contact,
        ),
        make.offer(
            company,
            title="Windmolens en energie",
            kind="material",
            location_mode="online",
            terms=[("theme", "energietransitie"), ("audience", "vmbo-bb")],
            municipality=make.municipality("dronten"),
        ),
    ]
    make.slot(published[1], capacity=12, days_ahead=10)
    make.slot(published[1], capacity=12, days_ahead=30)
    hidden = [
        make.offer(
            company, title="Geheim concept robots", status=OfferStatus.DRAFT, published_at=None, **contact
        ),
        make.offer(company, title="Ingediend robotproject", status=OfferStatus.SUBMITTED, published_at=None),
        make.offer(company, title="Gearchiveerde robotles", status=OfferStatus.ARCHIVED),
    ]
    make.slot(hidden[0], capacity=5, days_ahead=12)
    db.session.commit()
    return World(provider, teacher, school, published, hidden, people=[provider, teacher, coordinator])


@pytest.fixture
def book(db, world):
    """``book(offer, school, when, group_size, status=..., attended=None)``: a booking row."""

    def create(
        offer: Offer,
        school: Organisation,
        when: datetime,
        group_size: int = 20,
        status: BookingStatus = BookingStatus.CONFIRMED,
        attended: int | None = None,
    ) -> Booking:
        booking = Booking(
            offer=offer,
            teacher=world.teacher,
            school=school,
            status=status,
            group_size=group_size,
            places=group_size,
            starts_at=when,
            ends_at=when.replace(hour=when.hour + 1),
        )
        db.session.add(booking)
        if attended is not None:
            db.session.add(Attendance(booking=booking, status=AttendanceStatus.TOOK_PLACE, pupils=attended))
        return booking

    return create


def school_day(days: int, hour: int = 9) -> datetime:
    return at(days_ahead(days), hour)
