"""Permission matrix: every bookings route x every role; and privacy of teachers' contact
details and of other schools' bookings."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from portal.bookings import waitlist
from portal.models import Booking
from tests.bookings.conftest import move_to_past
from tests.clock import days_ahead

ROLES = ["anonymous", "teacher", "teacher_other", "provider", "provider_other", "coordinator", "admin"]
OK, DENIED, LOGIN = "ok", 403, "login"
TO_OFFER = "to_offer"  # refused with an explanation on the offer page, nothing booked


def everyone_but(allowed: set[str], denied=DENIED) -> dict:
    return {r: LOGIN if r == "anonymous" else (OK if r in allowed else denied) for r in ROLES}


VIEWERS = {"teacher", "provider", "coordinator", "admin"}
# name: (method, path template, form data, booking state, who may)
ROUTES = {
    "book_page": (
        "GET",
        "/aanbod/{offer}/boeken",
        None,
        None,
        everyone_but({"teacher", "teacher_other"}, TO_OFFER),
    ),
    "book_post": (
        "POST",
        "/aanbod/{offer}/boeken",
        {"slot": "{slot}", "group_size": 10},
        None,
        everyone_but({"teacher", "teacher_other"}, TO_OFFER),
    ),
    "waitlist_join": (
        "POST",
        "/aanbod/tijdslot/{full_slot}/wachtlijst",
        {"group_size": 5},
        None,
        everyone_but({"teacher", "teacher_other"}),
    ),
    "waitlist_take": ("POST", "/mijn/wachtlijst/{entry}/plaats", None, None, everyone_but({"teacher"})),
    "waitlist_leave": ("POST", "/mijn/wachtlijst/{entry}/verlaten", None, None, everyone_but({"teacher"})),
    "list": ("GET", "/mijn/boekingen", None, None, everyone_but(set(ROLES))),
    "detail": ("GET", "/mijn/boekingen/{booking}", None, "requested", everyone_but(VIEWERS)),
    "ics": ("GET", "/mijn/boekingen/{booking}/agenda.ics", None, "confirmed", everyone_but(VIEWERS)),
    "confirm": (
        "POST",
        "/mijn/boekingen/{booking}/bevestigen",
        None,
        "requested",
        everyone_but({"provider"}),
    ),
    "propose": (
        "POST",
        "/mijn/boekingen/{booking}/voorstellen",
        {
            "voorstellen-day": days_ahead(30).isoformat(),
            "voorstellen-start": "09:00",
            "voorstellen-end": "10:00",
        },
        "requested_request",
        everyone_but({"provider"}),
    ),
    "decline": (
        "POST",
        "/mijn/boekingen/{booking}/afwijzen",
        {"afwijzen-reason": "Nee"},
        "requested",
        everyone_but({"provider"}),
    ),
    "accept_proposal": (
        "POST",
        "/mijn/boekingen/{booking}/voorstel-accepteren",
        None,
        "proposed",
        everyone_but({"teacher"}),
    ),
    "decline_proposal": (
        "POST",
        "/mijn/boekingen/{booking}/voorstel-afwijzen",
        None,
        "proposed",
        everyone_but({"teacher"}),
    ),
    "withdraw": ("POST", "/mijn/boekingen/{booking}/intrekken", None, "requested", everyone_but({"teacher"})),
    "cancel": (
        "POST",
        "/mijn/boekingen/{booking}/annuleren",
        {"annuleren-reason": "Ziek"},
        "confirmed",
        everyone_but({"teacher", "provider"}),
    ),
    "attendance": (
        "POST",
        "/mijn/boekingen/{booking}/aanwezigheid",
        {"status": "took_place"},
        "past",
        everyone_but({"provider"}),
    ),
    "feedback": (
        "POST",
        "/mijn/boekingen/{booking}/feedback",
        {"rating": 5},
        "past",
        everyone_but({"teacher"}),
    ),
    "calendar_page": ("GET", "/mijn/agenda", None, None, everyone_but(set(ROLES))),
    "calendar_new": ("POST", "/mijn/agenda", None, None, everyone_but(set(ROLES))),
    "calendar_revoke": ("POST", "/mijn/agenda/intrekken", None, None, everyone_but(set(ROLES))),
}
CASES = [(name, role) for name in ROUTES for role in ROLES]


@pytest.fixture
def people(world, make, db):
    other_school = make.school()
    people = {
        "anonymous": None,
        "teacher": world.teacher,
        "teacher_other": make.user("teacher", organisation=other_school),
        "provider": world.provider,
        "provider_other": make.user("provider"),
        "coordinator": make.user("coordinator"),
        "admin": make.user("admin"),
    }
    db.session.commit()
    return people


def prepare(state, booking_in, world, db, make):
    values = {"offer": world.slot_offer.id, "slot": world.slot.id}
    if state == "requested_request":
        values["booking"] = booking_in("requested").id
    elif state == "past":
        booking = booking_in("confirmed", mode="slots")
        move_to_past(db, booking)
        values["booking"] = booking.id
    elif state:
        values["booking"] = booking_in(state, mode="request" if state == "proposed" else "slots").id
    full = make.slot(world.slot_offer, capacity=5, booked=5, days_ahead=30)
    db.session.commit()
    entry = waitlist.join(world.teacher, full, 5)
    db.session.commit()
    values["entry"], values["full_slot"] = entry.id, full.id
    return values


@pytest.mark.parametrize(("route", "role"), CASES)
def test_permission_matrix(route, role, people, world, booking_in, db, make, client, client_for):
    method, template, data, state, expected = ROUTES[route]
    values = prepare(state, booking_in, world, db, make)
    path = template.format(**values)
    form = {k: (v.format(**values) if isinstance(v, str) else v) for k, v in (data or {}).items()}
    user = people[role]
    bookings_before = db.session.scalar(select(func.count(Booking.id)))
    http = client if user is None else client_for(user)
    response = http.open(path, method=method, data=form)
    want = expected[role]
    if want == LOGIN:
        assert response.status_code == 302 and "/inloggen" in response.headers["Location"]
    elif want == DENIED:
        assert response.status_code == 403
    elif want == TO_OFFER:
        assert response.status_code == 303
        assert response.headers["Location"].startswith(f"/aanbod/{values['offer']}-")
        assert db.session.scalar(select(func.count(Booking.id))) == bookings_before
    else:
        assert response.status_code in (200, 302, 303)
        assert "/inloggen" not in response.headers.get("Location", "")


def test_feed_needs_its_secret(client):
    assert client.get("/agenda/geen-geldig-token-maar-wel-lang.ics").status_code == 404


def test_contact_details_only_for_the_provider_school_and_coordinators(
    booking_in, world, people, client_for, make, db
):
    booking = booking_in("requested", mode="slots")
    url = f"/mijn/boekingen/{booking.id}"
    for role in ("provider", "coordinator", "admin", "teacher"):
        html = client_for(people[role]).get(url).get_data(as_text=True)
        assert world.teacher.email in html and "06-12345678" in html, role
    for role in ("provider_other", "teacher_other"):
        response = client_for(people[role]).get(url)
        assert response.status_code == 403
        assert world.teacher.email not in response.get_data(as_text=True)
    outside = make.user("coordinator", region=make.region("utrecht"))
    db.session.commit()
    assert client_for(outside).get(url).status_code == 403


def test_nobody_sees_another_schools_bookings(booking_in, world, people, client_for, make, db):
    booking_in("requested", mode="slots")
    colleague = make.user("teacher", organisation=world.school)
    db.session.commit()
    assert "Windmolens bouwen" in client_for(colleague).get("/mijn/boekingen").get_data(as_text=True)
    for role in ("teacher_other", "provider_other"):
        html = client_for(people[role]).get("/mijn/boekingen").get_data(as_text=True)
        assert "Windmolens bouwen" not in html, role
