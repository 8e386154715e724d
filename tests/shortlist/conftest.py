"""Fixtures of the short-list tests: a teacher with published offers to save."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from portal.models import SavedOffer


@pytest.fixture
def teacher(make):
    return make.user("teacher")


@pytest.fixture
def offers(make, db):
    """Three published offers of different kinds (committed)."""
    made = [
        make.offer(kind="guest_lesson", title="Zonnepanelen op het dak"),
        make.offer(kind="company_visit", title="Bezoek aan het windpark", booking_mode="slots"),
        make.offer(kind="material", title="Leskist micro:bits", price_cents=2500),
    ]
    db.session.commit()
    return made


@pytest.fixture
def save(db):
    """Put offers on a user's list directly (the data a test starts from)."""

    def put(user, *offers):
        for offer in offers:
            db.session.add(SavedOffer(user_id=user.id, offer_id=offer.id))
        db.session.commit()

    return put


def saved_ids(db, user) -> list[int]:
    return sorted(db.session.scalars(select(SavedOffer.offer_id).where(SavedOffer.user_id == user.id)))
