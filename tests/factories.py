"""Factories for test data. Each returns a flushed (not committed) object.

make.user("teacher")                 a confirmed teacher of a new po school in Almere
make.user("provider", organisation=org, confirmed=False)
make.offer(status="published", booking_mode="slots")
make.slot(offer, capacity=10, days_ahead=14)
"""

from __future__ import annotations

import itertools
from datetime import datetime, timedelta

from sqlalchemy import select

from portal.models import Municipality, Offer, Organisation, Region, Slot, Term, User, local_now, utcnow

_seq = itertools.count(1)
PASSWORD = "correct horse battery staple"


class Factories:
    def __init__(self, session):
        self.session = session

    def _add(self, obj):
        self.session.add(obj)
        self.session.flush()
        return obj

    def municipality(self, slug: str = "almere") -> Municipality:
        return self.session.scalar(select(Municipality).where(Municipality.slug == slug))

    def region(self, slug: str = "flevoland") -> Region:
        return self.session.scalar(select(Region).where(Region.slug == slug))

    def term(self, vocabulary: str, code: str) -> Term:
        return self.session.scalar(select(Term).where(Term.vocabulary == vocabulary, Term.code == code))

    def organisation(self, kind: str = "school", **kw) -> Organisation:
        n = next(_seq)
        defaults = dict(
            kind=kind,
            name=f"{'School' if kind == 'school' else 'Bedrijf'} {n}",
            sector="po" if kind == "school" else None,
            municipality=self.municipality(kw.pop("municipality_slug", "almere")),
            verified=kind == "school",
        )
        defaults.update(kw)
        return self._add(Organisation(**defaults))

    def school(self, **kw) -> Organisation:
        return self.organisation("school", **kw)

    def company(self, **kw) -> Organisation:
        return self.organisation("company", **kw)

    def user(self, role: str = "teacher", *, confirmed: bool = True, password: str = PASSWORD, **kw) -> User:
        n = next(_seq)
        if "organisation" not in kw:
            if role == "teacher":
                kw["organisation"] = self.school()
            elif role == "provider":
                kw["organisation"] = self.company()
        if role == "coordinator" and "region" not in kw:
            kw["region"] = self.region("flevoland")
        defaults = dict(
            email=f"{role}{n}@example.org",
            name=f"{role.title()} {n}",
            role=role,
            confirmed_at=utcnow() if confirmed else None,
        )
        if kw.get("organisation") is not None:
            defaults["membership_status"] = "approved"  # pass membership_status="pending" to test it
        defaults.update(kw)
        user = User(**defaults)
        user.set_password(password)
        return self._add(user)

    def offer(self, organisation: Organisation | None = None, **kw) -> Offer:
        n = next(_seq)
        organisation = organisation or self.company(verified=True)
        terms = kw.pop("terms", None)
        defaults = dict(
            organisation=organisation,
            kind="guest_lesson",
            status="published",
            title=f"Gastles techniek {n}",
            slug=f"gastles-techniek-{n}",
            summary="Een gastles over techniek in de klas.",
            description="Leerlingen bouwen een **robot** en leren programmeren.",
            municipality=organisation.municipality,
            duration_minutes=90,
            group_min=5,
            group_max=30,
            booking_mode="request",
            published_at=utcnow(),
        )
        defaults.update(kw)
        offer = Offer(**defaults)
        if terms:
            offer.terms = [self.term(*t) if isinstance(t, tuple) else t for t in terms]
        return self._add(offer)

    def slot(
        self,
        offer: Offer,
        *,
        capacity: int = 10,
        days_ahead: int = 14,
        booked: int = 0,
        hours: int = 2,
        start: datetime | None = None,
    ) -> Slot:
        start = start or (
            local_now().replace(hour=9, minute=0, second=0, microsecond=0) + timedelta(days=days_ahead)
        )
        return self._add(
            Slot(
                offer=offer,
                starts_at=start,
                ends_at=start + timedelta(hours=hours),
                capacity=capacity,
                booked=booked,
            )
        )
