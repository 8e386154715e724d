"""A date in a school holiday gets a warning, never a refusal (issue 10, item 6): the holiday
region is the school's (its municipality's), else the offer's; the dates are data."""

from __future__ import annotations

from datetime import date

import pytest

from portal.bookings import holidays, services
from portal.models import Booking
from tests.clock import at

SPRING_NORTH = date(2027, 2, 22)  # voorjaarsvakantie noord 20-28 Feb 2027; midden 13-21 Feb
SPRING_MIDDLE_ONLY = date(2027, 2, 15)
TERM_TIME = date(2027, 3, 9)
ASCENSION = date(2027, 5, 6)


@pytest.fixture
def schools(make, db):
    lelystad = make.school(name="OBS Lelystad", municipality=make.municipality("lelystad"))
    zeewolde = make.school(name="OBS Zeewolde", municipality=make.municipality("zeewolde"))
    db.session.commit()
    return lelystad, zeewolde


@pytest.mark.parametrize(
    ("day", "region", "expected"),
    [
        (SPRING_NORTH, "noord", "Voorjaarsvakantie"),
        (SPRING_NORTH, "midden", None),
        (SPRING_MIDDLE_ONLY, "midden", "Voorjaarsvakantie"),
        (SPRING_MIDDLE_ONLY, "noord", None),
        (date(2027, 2, 20), "noord", "Voorjaarsvakantie"),  # first day
        (date(2027, 2, 28), "noord", "Voorjaarsvakantie"),  # last day
        (date(2027, 3, 1), "noord", None),
        (ASCENSION, "noord", "Hemelvaart"),
        (TERM_TIME, "noord", None),
        (TERM_TIME, None, None),
    ],
)
def test_the_holiday_a_date_falls_in(day, region, expected, db):
    holiday = holidays.holiday_on(day, region)
    assert (holiday.name if holiday else None) == expected


def test_a_period_that_overlaps_a_holiday_falls_in_it(db):
    assert (
        holidays.holiday_on(date(2027, 2, 15), "noord", until=date(2027, 2, 21)).name == "Voorjaarsvakantie"
    )
    assert holidays.holiday_on(date(2027, 3, 2), "noord", until=date(2027, 3, 12)) is None


def test_the_region_is_the_schools_else_the_offers(schools, make, db):
    lelystad, zeewolde = schools
    offer = make.offer(municipality=make.municipality("zeewolde"))
    nowhere = make.school(name="School zonder gemeente", municipality=None)
    assert holidays.holiday_region(lelystad, offer) == "noord"
    assert holidays.holiday_region(zeewolde, offer) == "midden"
    assert holidays.holiday_region(nowhere, offer) == "midden"
    assert holidays.holiday_region(None, None) is None


def test_the_warning_reads_as_dutch(schools, make, db, app):
    lelystad, zeewolde = schools
    offer = make.offer()
    with app.test_request_context():
        assert str(holidays.warning(SPRING_NORTH, lelystad, offer)) == (
            "Let op: 22 februari 2027 valt in de voorjaarsvakantie (regio noord). "
            "Controleer of de school dan open is."
        )
        assert (
            str(holidays.warning(ASCENSION, lelystad, offer))
            == "Let op: 6 mei 2027 valt op Hemelvaart, een vrije dag voor scholen (regio noord)."
        )
        assert holidays.warning(SPRING_NORTH, zeewolde, offer) is None
        assert holidays.warning(TERM_TIME, lelystad, offer) is None


def test_a_slot_in_the_holiday_is_marked_on_the_booking_form(schools, make, db, client_for):
    lelystad, _ = schools
    teacher = make.user("teacher", organisation=lelystad)
    offer = make.offer(booking_mode="slots")
    in_holiday = make.slot(offer, start=at(SPRING_NORTH, 9))
    make.slot(offer, start=at(TERM_TIME, 9))
    db.session.commit()

    html = client_for(teacher).get(f"/aanbod/{offer.id}/boeken").get_data(as_text=True)

    assert html.count("valt in de voorjaarsvakantie (regio noord)") == 1
    assert f'aria-describedby="slot-{in_holiday.id}-holiday"' in html


def test_booking_a_date_in_the_holiday_is_allowed_with_a_warning(schools, make, db, client_for):
    lelystad, _ = schools
    teacher = make.user("teacher", organisation=lelystad)
    offer = make.offer(booking_mode="request")
    db.session.commit()

    response = client_for(teacher).post(
        f"/aanbod/{offer.id}/boeken",
        data={
            "preferred-0-date_from": SPRING_NORTH.isoformat(),
            "preferred-0-daypart": "morning",
            "group_size": 20,
        },
        follow_redirects=True,
    )

    html = response.get_data(as_text=True)
    assert db.session.query(Booking).count() == 1  # a warning, not a block
    assert "Je aanvraag is naar de aanbieder gestuurd" in html
    assert "Let op: 22 februari 2027 valt in de voorjaarsvakantie (regio noord)" in html


def test_the_live_check_answers_for_the_teachers_school(schools, make, db, client_for):
    lelystad, zeewolde = schools
    offer = make.offer(booking_mode="request")
    north, middle = make.user("teacher", organisation=lelystad), make.user("teacher", organisation=zeewolde)
    db.session.commit()
    url = f"/aanbod/{offer.id}/vakantiecheck?datum={SPRING_NORTH.isoformat()}"

    assert "voorjaarsvakantie (regio noord)" in client_for(north).get(url).get_json()["warning"]
    assert client_for(middle).get(url).get_json() == {"warning": None}
    period = f"/aanbod/{offer.id}/vakantiecheck?datum=2027-02-08&tot=2027-02-14"
    assert (
        "13 februari 2027 valt in de voorjaarsvakantie (regio midden)"
        in client_for(middle).get(period).get_json()["warning"]
    )
    for odd in ("", "?datum=gisteren", "?datum=2027-13-45", "?datum=99999-01-01&tot=x"):
        answer = client_for(north).get(f"/aanbod/{offer.id}/vakantiecheck{odd}")
        assert answer.status_code == 200 and answer.get_json() == {"warning": None}


def test_the_provider_is_warned_when_proposing_a_date_in_the_schools_holiday(schools, make, db, client_for):
    lelystad, _ = schools
    teacher = make.user("teacher", organisation=lelystad)
    provider = make.user("provider")
    offer = make.offer(provider.organisation, booking_mode="request")
    booking = services.request_booking(teacher, offer, [(TERM_TIME, None, "morning")], 20)
    db.session.commit()
    http = client_for(provider)

    live = http.get(f"/mijn/boekingen/{booking.id}/vakantiecheck?datum={SPRING_NORTH.isoformat()}")
    response = http.post(
        f"/mijn/boekingen/{booking.id}/voorstellen",
        data={
            "voorstellen-day": SPRING_NORTH.isoformat(),
            "voorstellen-start": "09:00",
            "voorstellen-end": "11:00",
        },
        follow_redirects=True,
    )

    assert "voorjaarsvakantie (regio noord)" in live.get_json()["warning"]
    db.session.refresh(booking)
    assert booking.status == "proposed"
    html = response.get_data(as_text=True)
    assert "Let op: 22 februari 2027 valt in de voorjaarsvakantie (regio noord)" in html
    other = make.user("provider")
    db.session.commit()
    assert (
        client_for(other).get(f"/mijn/boekingen/{booking.id}/vakantiecheck?datum=2027-02-22").status_code
        == 403
    )


def test_many_dates_are_checked_in_one_go(schools, make, db, app):
    lelystad, _ = schools
    days = [date(2027, 2, 19), SPRING_NORTH, date(2027, 3, 1), ASCENSION]
    with app.test_request_context():
        notes = {day: str(note) for day, note in holidays.warnings_on(days, lelystad, make.offer()).items()}
    assert list(notes) == [SPRING_NORTH, ASCENSION]
    assert "22 februari 2027 valt in de voorjaarsvakantie (regio noord)" in notes[SPRING_NORTH]
    assert "valt op Hemelvaart" in notes[ASCENSION]
    assert holidays.warnings_on([], lelystad, None) == {}
