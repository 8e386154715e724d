"""Fixtures of the offers tests: providers of two organisations, coordinators of two
regions, and the form data of a valid offer."""

from __future__ import annotations

import pytest

from portal.models import Offer


@pytest.fixture
def provider(make):
    """A confirmed provider of an unverified company in Almere."""
    return make.user("provider", organisation=make.company(verified=False))


@pytest.fixture
def verified_provider(make):
    return make.user("provider", organisation=make.company(verified=True))


@pytest.fixture
def coordinator(make):
    return make.user("coordinator", region=make.region("flevoland"))


@pytest.fixture
def draft(make, provider):
    return make.offer(organisation=provider.organisation, status="draft", published_at=None)


@pytest.fixture
def published(make, provider):
    """A published offer of an unverified organisation."""
    return make.offer(organisation=provider.organisation, status="published")


def offer_form(make, **overrides) -> dict:
    """POST data of a complete, valid offer form."""
    data = {
        "kind": "guest_lesson",
        "title": "Lassen & solderen",
        "summary": "Leerlingen lassen hun eerste naad.",
        "description": "Een **praktische** les.",
        "audiences": [str(make.term("audience", "vmbo-bb").id)],
        "profiles": [str(make.term("profile", "pie").id)],
        "themes": [str(make.term("theme", "installatietechniek").id)],
        "location_mode": "onsite",
        "municipality_id": str(make.municipality("lelystad").id),
        "address": "Werkplaatsweg 1, Lelystad",
        "duration_minutes": "90",
        "group_min": "5",
        "group_max": "16",
        "price_kind": "paid",
        "price": "12,50",
        "price_note": "per klas",
        "contact_name": "Piet Las",
        "contact_email": "piet@example.org",
        "contact_phone": "0320 123456",
        "vog_available": "yes",
        "booking_mode": "request",
        "capacity_unit": "pupils",
        "available_until": "",
    }
    data.update(overrides)
    return data


def offer_url(offer: Offer) -> str:
    return f"/aanbod/{offer.id}-{offer.slug}"
