"""Where it happens is decided once (``portal.offers.venue``) and is right everywhere: a guest
lesson at the school, a company visit at the provider, online offers online (issue 10, item 1).
"""

from __future__ import annotations

import pytest
from icalendar import Calendar

from portal.bookings import ics, services
from portal.offers.venue import venue
from tests.bookings.conftest import outbox


@pytest.fixture
def places(make, db):
    lelystad, dronten = make.municipality("lelystad"), make.municipality("dronten")
    school = make.school(
        name="OBS De Polder", address="Schoolstraat 3", postcode="8224 AB", municipality=lelystad
    )
    company = make.company(name="Windpark BV", address="Dijkweg 1", municipality=dronten, verified=True)
    db.session.commit()
    return school, company


# kind, location mode -> (where a booking by the school takes place, its calendar LOCATION)
CASES = {
    ("guest_lesson", "onsite"): (
        "Op school: OBS De Polder, Schoolstraat 3, 8224 AB Lelystad",
        "OBS De Polder, Schoolstraat 3, 8224 AB Lelystad",
    ),
    ("guest_teacher", "onsite"): (
        "Op school: OBS De Polder, Schoolstraat 3, 8224 AB Lelystad",
        "OBS De Polder, Schoolstraat 3, 8224 AB Lelystad",
    ),
    ("guest_lesson", "hybrid"): (
        "Op school: OBS De Polder, Schoolstraat 3, 8224 AB Lelystad, of online",
        "OBS De Polder, Schoolstraat 3, 8224 AB Lelystad",
    ),
    ("company_visit", "onsite"): ("Bij Windpark BV: Dijkweg 1, Dronten", "Windpark BV, Dijkweg 1, Dronten"),
    ("facility", "onsite"): ("Bij Windpark BV: Dijkweg 1, Dronten", "Windpark BV, Dijkweg 1, Dronten"),
    ("company_visit", "online"): ("Online", "Online"),
    ("material", "online"): ("Online", "Online"),
    ("material", "onsite"): (None, None),
}


@pytest.mark.parametrize(("kind", "mode"), list(CASES))
def test_one_rule_decides_where_each_kind_takes_place(kind, mode, places, make, app):
    school, company = places
    offer = make.offer(
        company,
        kind=kind,
        location_mode=mode,
        address="Dijkweg 1" if kind in ("company_visit", "facility") else None,
    )

    place = venue(offer, school)

    assert (place.label, place.location) == CASES[(kind, mode)]
    assert place.at_school == (kind in ("guest_lesson", "guest_teacher") and mode != "online")


def test_the_offer_page_says_a_guest_lesson_comes_to_the_school(places, make, db, client):
    _school, company = places
    offer = make.offer(company, kind="guest_lesson", location_mode="onsite", address="Dijkweg 1")
    db.session.commit()

    html = client.get(f"/aanbod/{offer.id}-{offer.slug}").get_data(as_text=True)

    assert "Op je school (de aanbieder komt naar je toe)" in html
    assert "Dijkweg 1" not in html


def test_a_guest_lesson_booking_carries_the_school_in_page_mail_and_calendar(places, make, db, client_for):
    school, company = places
    teacher = make.user("teacher", organisation=school)
    provider = make.user("provider", organisation=company)
    offer = make.offer(company, kind="guest_lesson", booking_mode="slots", address="Dijkweg 1")
    slot = make.slot(offer, capacity=30)
    db.session.commit()

    booking = services.book_slot(teacher, slot, 20)
    services.confirm(booking, provider)
    db.session.commit()

    where = "Op school: OBS De Polder, Schoolstraat 3, 8224 AB Lelystad"
    for http in (client_for(teacher), client_for(provider)):
        assert where in http.get(f"/mijn/boekingen/{booking.id}").get_data(as_text=True)
    mails = outbox(db)
    assert mails and all(where in m.body_text for m in mails if m.template.startswith("booking_"))
    event = Calendar.from_ical(ics.booking_calendar(booking)).walk("VEVENT")[0]
    assert str(event["location"]) == "OBS De Polder, Schoolstraat 3, 8224 AB Lelystad"
    assert "Dronten" not in str(event["location"])
