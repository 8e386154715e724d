"""Where it happens is decided once (``portal.offers.venue``) and is right everywhere: a guest
lesson at the school, a company visit at the provider, online offers online (issue 10, item 1).
"""

from __future__ import annotations

import base64

import pytest
from icalendar import Calendar

from portal.bookings import ics, services
from portal.bookings.errors import BookingError
from portal.offers.venue import booking_venue, venue
from tests.bookings.conftest import outbox
from tests.clock import at, days_ahead


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


# Online offers carry the meeting link once it is known ------------------------------------
LINK = "https://teams.example.org/les-123"

# kind, location mode, meeting link -> (label of the booking's place, calendar LOCATION)
BOOKING_CASES = {
    ("guest_lesson", "online", None): ("Online (de link volgt)", "Online"),
    ("guest_lesson", "online", LINK): (f"Online: {LINK}", LINK),
    ("company_visit", "online", None): ("Online (de link volgt)", "Online"),
    ("company_visit", "online", LINK): (f"Online: {LINK}", LINK),
    ("material", "online", LINK): (f"Online: {LINK}", LINK),
    # hybrid: at the place, unless the provider gave a link (then it takes place online)
    ("guest_lesson", "hybrid", None): (
        "Op school: OBS De Polder, Schoolstraat 3, 8224 AB Lelystad, of online",
        "OBS De Polder, Schoolstraat 3, 8224 AB Lelystad",
    ),
    ("guest_lesson", "hybrid", LINK): (f"Online: {LINK}", LINK),
    ("company_visit", "hybrid", LINK): (f"Online: {LINK}", LINK),
    # on site: a link (if any) does not move it
    ("guest_lesson", "onsite", LINK): (
        "Op school: OBS De Polder, Schoolstraat 3, 8224 AB Lelystad",
        "OBS De Polder, Schoolstraat 3, 8224 AB Lelystad",
    ),
    ("company_visit", "onsite", None): (
        "Bij Windpark BV: Dijkweg 1, Dronten",
        "Windpark BV, Dijkweg 1, Dronten",
    ),
}


@pytest.mark.parametrize(("kind", "mode", "link"), list(BOOKING_CASES))
def test_a_booking_takes_place_online_with_its_link_once_known(kind, mode, link, places, make, db, app):
    school, company = places
    teacher = make.user("teacher", organisation=school)
    offer = make.offer(
        company, kind=kind, location_mode=mode, address="Dijkweg 1" if kind == "company_visit" else None
    )
    booking = services.request_booking(teacher, offer, [(days_ahead(10), None, "morning")], 20)
    booking.meeting_link = link

    place = booking_venue(booking)

    assert (place.label, place.location) == BOOKING_CASES[(kind, mode, link)]
    online = mode == "online" or (mode == "hybrid" and link is not None)
    assert place.meeting_link == (link if online else None)
    assert place.link_pending == (mode == "online" and link is None)


@pytest.fixture
def online_booking(places, make, db):
    school, company = places
    teacher = make.user("teacher", organisation=school, name="Sanne Docent")
    provider = make.user("provider", organisation=company)
    offer = make.offer(company, kind="guest_lesson", location_mode="online", booking_mode="request")
    booking = services.request_booking(teacher, offer, [(days_ahead(10), None, "morning")], 20)
    db.session.commit()
    return booking, teacher, provider


def test_the_provider_gives_the_link_when_confirming(online_booking, client_for, db):
    booking, teacher, provider = online_booking
    page = client_for(provider).get(f"/mijn/boekingen/{booking.id}").get_data(as_text=True)
    assert "Link voor de online sessie" in page and "Online (de link volgt)" in page

    client_for(provider).post(
        f"/mijn/boekingen/{booking.id}/bevestigen",
        data={
            "bevestigen-day": days_ahead(10).isoformat(),
            "bevestigen-start": "09:00",
            "bevestigen-end": "10:30",
            "bevestigen-meeting_link": LINK,
        },
    )

    db.session.refresh(booking)
    assert booking.status == "confirmed" and booking.meeting_link == LINK
    html = client_for(teacher).get(f"/mijn/boekingen/{booking.id}").get_data(as_text=True)
    assert f'<a href="{LINK}"' in html
    [mail] = outbox(db, "booking_confirmed")
    assert f"Online: {LINK}" in mail.body_text and f'href="{LINK}"' in mail.body_html
    event = Calendar.from_ical(base64.b64decode(mail.attachments[0]["data"])).walk("VEVENT")[0]
    assert str(event["location"]) == LINK and str(event["url"]) == LINK
    assert LINK in str(event["description"])


def test_until_the_link_is_known_mail_and_calendar_say_it_follows(online_booking, db):
    booking, _teacher, provider = online_booking
    services.confirm(booking, provider, at(days_ahead(10), 9), at(days_ahead(10), 10))
    db.session.commit()

    [mail] = outbox(db, "booking_confirmed")
    assert "Waar: Online (de link volgt)" in mail.body_text
    assert "Online (de link volgt)" in mail.body_html
    event = Calendar.from_ical(ics.booking_calendar(booking)).walk("VEVENT")[0]
    assert str(event["location"]) == "Online"
    assert "De link voor de online sessie volgt." in str(event["description"])
    assert "url" not in event


def test_the_provider_gives_or_changes_the_link_later_and_the_teacher_is_mailed(
    online_booking, client_for, db
):
    booking, teacher, provider = online_booking
    services.confirm(booking, provider, at(days_ahead(10), 9), at(days_ahead(10), 10))
    db.session.commit()
    sequence = booking.sequence

    response = client_for(provider).post(f"/mijn/boekingen/{booking.id}/link", data={"meeting_link": LINK})

    assert response.status_code == 303
    db.session.refresh(booking)
    assert booking.meeting_link == LINK and booking.sequence == sequence + 1
    [mail] = outbox(db, "booking_meeting_link")
    assert mail.recipient == teacher.email
    assert mail.subject == f"Link voor de online sessie: {booking.offer.title}"
    assert LINK in mail.body_text and f'href="{LINK}"' in mail.body_html
    event = Calendar.from_ical(base64.b64decode(mail.attachments[0]["data"])).walk("VEVENT")[0]
    assert str(event["location"]) == LINK and int(event["sequence"]) == booking.sequence


@pytest.mark.parametrize(
    "typed", ["teams.example.org/les", "javascript:alert(1)", "ftp://example.org/x", "https:// spatie.nl"]
)
def test_a_meeting_link_must_be_a_whole_web_link(typed, online_booking, client_for, db):
    booking, _teacher, provider = online_booking
    services.confirm(booking, provider, at(days_ahead(10), 9), at(days_ahead(10), 10))
    db.session.commit()

    response = client_for(provider).post(f"/mijn/boekingen/{booking.id}/link", data={"meeting_link": typed})

    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "Geef de hele link, die begint met https://" in html
    assert 'aria-invalid="true"' in html and f'value="{typed}"' in html.replace("&#34;", '"')
    db.session.refresh(booking)
    assert booking.meeting_link is None


def test_only_online_offers_take_a_link_and_only_their_provider_gives_it(places, make, db, client_for):
    school, company = places
    teacher = make.user("teacher", organisation=school)
    provider = make.user("provider", organisation=company)
    offer = make.offer(company, kind="guest_lesson", location_mode="onsite")
    booking = services.request_booking(teacher, offer, [(days_ahead(10), None, "morning")], 20)
    db.session.commit()

    assert (
        client_for(teacher)
        .post(f"/mijn/boekingen/{booking.id}/link", data={"meeting_link": LINK})
        .status_code
        == 403
    )
    with pytest.raises(BookingError):
        services.set_meeting_link(booking, provider, LINK)


def test_a_fixed_date_online_booking_is_confirmed_with_or_without_its_link(places, make, db, client_for):
    school, company = places
    provider = make.user("provider", organisation=company)
    offer = make.offer(company, kind="company_visit", location_mode="online", booking_mode="slots")
    slot = make.slot(offer, capacity=60)
    with_link, without = (
        services.book_slot(make.user("teacher", organisation=school), slot, 10) for _ in "ab"
    )
    db.session.commit()
    http = client_for(provider)

    # on the booking page, with the link; from /mijn, the one button without it (the page's csrf_token)
    http.post(f"/mijn/boekingen/{with_link.id}/bevestigen", data={"bevestigen-meeting_link": LINK})
    http.post(f"/mijn/boekingen/{without.id}/bevestigen", data={})

    db.session.refresh(with_link)
    db.session.refresh(without)
    assert (with_link.status, with_link.meeting_link) == ("confirmed", LINK)
    assert (without.status, without.meeting_link) == ("confirmed", None)


def test_a_hybrid_offer_asks_for_the_link_only_when_it_takes_place_online(places, make, db, client_for):
    school, company = places
    teacher = make.user("teacher", organisation=school)
    provider = make.user("provider", organisation=company)
    offer = make.offer(company, kind="guest_lesson", location_mode="hybrid")
    booking = services.request_booking(teacher, offer, [(days_ahead(10), None, "morning")], 20)
    db.session.commit()

    html = client_for(provider).get(f"/mijn/boekingen/{booking.id}").get_data(as_text=True)

    assert "Alleen als het online plaatsvindt: hiermee doet de klas mee." in html
