"""Fixtures of the moderation tests: offers in and out of a coordinator's region."""

from __future__ import annotations

import pytest

from portal.models import Municipality, utcnow
from portal.offers import revisions


@pytest.fixture
def utrecht_town(db, make):
    """A municipality outside Flevoland (the reference data has none in Utrecht)."""
    town = Municipality(slug="utrecht-stad", name="Utrecht", region=make.region("utrecht"))
    db.session.add(town)
    db.session.flush()
    return town


@pytest.fixture
def flevo_coordinator(make):
    return make.user("coordinator", name="Fleur Flevo")


@pytest.fixture
def utrecht_coordinator(make):
    return make.user("coordinator", region=make.region("utrecht"), name="Ute Utrecht")


@pytest.fixture
def submitted(make):
    """A submitted offer in Almere by an unverified provider."""
    company = make.company(verified=False, municipality_slug="almere")
    return make.offer(
        company,
        status="submitted",
        submitted_at=utcnow(),
        published_at=None,
        title="Robots bouwen in groep 8",
    )


@pytest.fixture
def utrecht_offer(make, utrecht_town):
    company = make.company(verified=False, municipality=utrecht_town)
    return make.offer(
        company,
        status="submitted",
        submitted_at=utcnow(),
        published_at=None,
        title="Bruggen bouwen in Utrecht",
    )


@pytest.fixture
def edited(db, make):
    """A once-approved offer, edited since and submitted again: there is a diff to show."""
    company = make.company(verified=False)
    offer = make.offer(
        company, status="published", description="Leerlingen bouwen een robot en leren programmeren."
    )
    revisions.add_revision(offer, None, revisions.snapshot(offer), approved=True)
    offer.description = "Leerlingen lassen een robot en leren programmeren."
    offer.status = "submitted"
    offer.submitted_at = utcnow()
    db.session.flush()
    return offer
