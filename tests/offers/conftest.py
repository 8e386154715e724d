"""Fixtures of the offers tests: providers of two organisations, coordinators of two
regions, and the form data of a valid offer."""
from __future__ import annotations

import pytest

from portal.models import Offer


@pytest.fixture(autouse=True)
def fresh_login_state_per_request(app):
    """The shared ``app`` fixture keeps one app context pushed for the whole test, so
    Flask-Login's ``g._login_user`` would survive from one request to the next. Forget it
    at the start of every request, as a real server does."""
    from flask import g, request_started

    def forget(sender, **extra):
        g.pop("_login_user", None)

    request_started.connect(forget, app)
    yield
    request_started.disconnect(forget, app)


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


@pytest.fixture
def login_as(app, client, make, db):
    """Like the shared ``login_as``, but builds the session identifier inside a request
    context (the shared one calls flask_login's ``_create_identifier`` outside one)."""
    from flask_login.utils import _create_identifier

    def login(role_or_user="teacher", **kwargs):
        user = role_or_user if not isinstance(role_or_user, str) else make.user(role_or_user, **kwargs)
        db.session.commit()
        with app.test_request_context(environ_base=client.environ_base):
            identifier = _create_identifier()
        with client.session_transaction() as session:
            session["_user_id"] = user.get_id()
            session["_fresh"] = True
            session["_id"] = identifier
        return user

    return login
