"""The offer card (home page and /aanbod): image or placeholder, next dates or "on
request", levels and profiles, place or "comes to your school" with the distance from the
teacher's school, price and duration."""

from __future__ import annotations

import re
from datetime import timedelta

from portal.offers.cards import card, cards_for, duration_text
from portal.search.fit import fit_for
from tests import clock


def text_of(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def test_the_next_two_open_dates_and_how_many_more(make, db):
    offer = make.offer(booking_mode="slots")
    make.slot(offer, days_ahead=-2)  # passed
    make.slot(offer, days_ahead=3, capacity=10, booked=10)  # full
    for days in (5, 9, 20, 30):
        make.slot(offer, days_ahead=days)
    db.session.commit()
    shown = card(offer)
    assert shown.dates == [clock.days_ahead(5), clock.days_ahead(9)]
    assert shown.more_dates == 2 and shown.when is None


def test_without_dates_the_card_says_how_it_is_booked(make, db):
    assert card(make.offer(booking_mode="request")).when == "Op aanvraag"
    assert card(make.offer(booking_mode="download", kind="material")).when == "Altijd beschikbaar"
    empty = make.offer(booking_mode="slots")
    make.slot(empty, days_ahead=-1)
    assert card(empty).when == "Geen data gepland"


def test_a_guest_lesson_comes_to_the_school_and_shows_no_distance(make, db):
    school = make.school(municipality_slug="dronten")
    lesson = make.offer(kind="guest_lesson", municipality=make.municipality("lelystad"))
    shown = card(lesson, school)
    assert shown.place == "Komt naar je school" and shown.km is None


def test_a_company_visit_shows_its_town_and_the_distance_from_the_school(make, db):
    school = make.school(municipality_slug="almere")
    visit = make.offer(kind="company_visit", municipality=make.municipality("lelystad"))
    assert (card(visit, school).place, card(visit, school).km) == ("Lelystad", 23)
    assert card(visit).km is None  # no school: no distance


def test_no_distance_when_a_municipality_has_no_coordinates(make, db):
    town = make.municipality("urk")
    town.latitude = town.longitude = None
    visit = make.offer(kind="company_visit", municipality=town)
    assert card(visit, make.school()).km is None
    assert card(visit, make.school()).place == "Urk"


def test_online_and_hybrid_offers(make, db):
    assert card(make.offer(kind="material", location_mode="online")).place == "Online"
    hybrid = make.offer(kind="company_visit", location_mode="hybrid", municipality=make.municipality("urk"))
    assert card(hybrid).place == "Urk, of online"
    assert (
        card(make.offer(kind="guest_lesson", location_mode="hybrid")).place
        == "Komt naar je school, of online"
    )


def test_levels_profiles_price_and_duration_read_short(make, db):
    offer = make.offer(
        price_cents=7550,
        duration_minutes=105,
        terms=[
            ("audience", "po-5-6"),
            ("audience", "po-7-8"),
            ("audience", "vmbo-bb"),
            ("audience", "vmbo-kb"),
            ("profile", "pie"),
            ("profile", "groen"),
        ],
    )
    shown = card(offer)
    assert shown.levels == ["groep 5-8", "vmbo BB/KB"]
    assert shown.profiles == ["PIE", "Groen"]
    assert shown.price == "€ 75,50" and shown.duration == "1 uur 45 min"
    assert card(make.offer(price_cents=None)).price == "gratis"


def test_durations(app):
    assert [duration_text(m) for m in (None, 0, 45, 60, 90, 120, 150, 75)] == [
        None,
        None,
        "45 min",
        "1 uur",
        "1,5 uur",
        "2 uur",
        "2,5 uur",
        "1 uur 15 min",
    ]


def test_a_card_says_when_an_offer_is_not_for_the_chosen_levels(make, db):
    po = make.offer(terms=[("audience", "po-7-8")])
    vmbo = make.offer(terms=[("audience", "vmbo-bb"), ("audience", "vmbo-kb")])
    anyone = make.offer()  # names no audience: nothing says it does not fit
    fit = fit_for(["vmbo-bb"])
    assert card(po, fit=fit).misfit == "Niet voor vmbo BB"
    assert card(vmbo, fit=fit).misfit is None and card(anyone, fit=fit).misfit is None
    assert card(po).misfit is None  # no level chosen


def test_cards_measure_from_a_teachers_approved_school_only(make, db):
    visit = make.offer(kind="company_visit", municipality=make.municipality("lelystad"))
    teacher = make.user("teacher", organisation=make.school(municipality_slug="almere"))
    pending = make.user("teacher", organisation=make.school(), membership_status="pending")
    provider = make.user("provider")
    assert cards_for([visit], teacher)[visit.id].km == 23
    assert cards_for([visit], pending)[visit.id].km is None
    assert cards_for([visit], provider)[visit.id].km is None


def test_home_cards_show_placeholder_dates_place_price_and_distance(client, make, db, login_as):
    visit = make.offer(
        title="Bezoek aan de windturbine",
        kind="company_visit",
        municipality=make.municipality("lelystad"),
        booking_mode="slots",
        price_cents=0,
        duration_minutes=120,
        terms=[("audience", "vmbo-bb"), ("profile", "pie")],
    )
    make.slot(visit, days_ahead=7)
    db.session.commit()
    html = client.get("/").text
    assert 'src="/static/img/offer-company-visit.svg" alt=""' in html
    page = text_of(html)
    assert "Bezoek aan de windturbine" in page and "Lelystad" in page and "ca. 23 km" not in page
    assert "Voor: vmbo BB · PIE" in page and "Prijs: Gratis · Duur: 2 uur" in page
    day = clock.days_ahead(7)
    assert re.search(rf"\b{day.day} \w+", page)
    login_as("teacher", organisation=make.school(municipality_slug="almere"))
    page = text_of(client.get("/").text)
    assert "Lelystad · ca. 23 km" in page


def test_home_and_search_show_the_offers_image_when_it_has_one(client, make, db):
    from portal.models import Attachment

    offer = make.offer(title="Met foto", kind="guest_lesson")
    offer.attachments.append(
        Attachment(
            kind="image",
            stored_name="x.png",
            thumbnail_name="x-thumb.png",
            original_name="x.png",
            content_type="image/png",
            size_bytes=10,
            alt_text="Leerlingen bij een robotarm",
            position=1,
        )
    )
    db.session.commit()
    for path in ("/", "/aanbod"):
        html = client.get(path).text
        assert 'src="/aanbod/bestand/x-thumb.png" alt="Leerlingen bij een robotarm"' in html or (
            "x-thumb.png" in html and 'alt="Leerlingen bij een robotarm"' in html
        ), path
        assert "offer-guest-lesson.svg" not in html, path


def test_a_file_waiting_for_review_never_shows_on_a_card(make, db):
    from portal.models import Attachment

    offer = make.offer()
    offer.attachments.append(
        Attachment(
            kind="image",
            stored_name="y.png",
            thumbnail_name="y-thumb.png",
            original_name="y.png",
            content_type="image/png",
            size_bytes=10,
            alt_text="x",
            position=1,
            awaiting_review=True,
        )
    )
    db.session.flush()
    assert card(offer).image is None
    assert card(offer).placeholder == "img/offer-guest-lesson.svg"


def test_days_ahead_helper_is_the_frozen_date():
    assert clock.days_ahead(1) - clock.TODAY == timedelta(days=1)


def test_an_offer_in_the_schools_own_municipality_says_so_instead_of_0_km(client, make, db, login_as):
    almere = make.municipality("almere")
    make.offer(title="Kijkje bij de installateur", kind="company_visit", municipality=almere)
    db.session.commit()
    login_as("teacher", organisation=make.school(municipality_slug="almere"))
    page = text_of(client.get("/aanbod?niveau=alle").text)
    assert "Almere · in de gemeente van je school" in page
    assert "ca. 0 km" not in page
