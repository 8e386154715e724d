"""iCalendar files parse back: stable UID, Europe/Amsterdam times, METHOD, rising SEQUENCE;
and the private calendar feed with its revocable secret URL."""

from __future__ import annotations

import base64

import pytest
from icalendar import Calendar

from portal.bookings import ics, services
from tests.bookings.conftest import IN_TEN_DAYS, at, outbox

pytestmark = pytest.mark.calendar  # dates relative to today: `make test-calendar`


def parse(data: bytes):
    calendar = Calendar.from_ical(data)
    [event] = list(calendar.walk("VEVENT"))
    return calendar, event


def attachment(mail) -> bytes:
    return base64.b64decode(mail.attachments[0]["data"])


def test_confirmation_ics_parses_back(booking_in, world, db):
    booking = booking_in("confirmed")
    calendar, event = parse(attachment(outbox(db, "booking_confirmed")[0]))
    assert str(calendar["METHOD"]) == "REQUEST"
    assert str(event["UID"]) == f"booking-{booking.id}@portal.test"
    start = event.decoded("DTSTART")
    assert str(start.tzinfo) == "Europe/Amsterdam"
    assert start.replace(tzinfo=None) == at(IN_TEN_DAYS, 9)
    assert event["DTSTART"].params["TZID"] == "Europe/Amsterdam"
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/Amsterdam"]
    assert str(event["SUMMARY"]).startswith("Bezoek aan het windpark")
    assert str(event["ORGANIZER"]).startswith("mailto:")
    assert world.teacher.email in str(event["ATTENDEE"])


def test_cancellation_keeps_uid_raises_sequence_and_cancels(booking_in, world, db):
    booking = booking_in("confirmed", mode="slots")
    _, confirmed = parse(attachment(outbox(db, "booking_confirmed")[0]))
    services.cancel(booking, world.provider, "Storm")
    db.session.commit()
    calendar, cancelled = parse(attachment(outbox(db, "booking_cancelled")[0]))
    assert str(calendar["METHOD"]) == "CANCEL"
    assert str(cancelled["STATUS"]) == "CANCELLED"
    assert str(cancelled["UID"]) == str(confirmed["UID"])
    assert int(cancelled["SEQUENCE"]) > int(confirmed["SEQUENCE"])


def test_sequence_increases_with_every_change(booking_in, world, db):
    booking = booking_in("proposed")
    first = booking.sequence
    services.accept_proposal(booking, world.teacher)
    db.session.commit()
    _, event = parse(ics.booking_calendar(booking))
    assert int(event["SEQUENCE"]) == booking.sequence > first


def test_booking_ics_download(booking_in, world, client_for):
    booking = booking_in("confirmed")
    response = client_for(world.teacher).get(f"/mijn/boekingen/{booking.id}/agenda.ics")
    assert response.status_code == 200
    assert response.mimetype == "text/calendar"
    parse(response.data)


def test_private_feed_lists_confirmed_bookings_and_can_be_revoked(booking_in, world, client_for, db):
    booking_in("confirmed")
    booking_in("requested", mode="slots")
    client = client_for(world.teacher)
    assert client.post("/mijn/agenda").status_code == 303
    db.session.refresh(world.teacher)
    token = world.teacher.calendar_token
    assert token and token in client.get("/mijn/agenda").get_data(as_text=True)
    feed = client.application.test_client().get(f"/agenda/{token}.ics")
    assert feed.status_code == 200
    calendar = Calendar.from_ical(feed.data)
    assert len(list(calendar.walk("VEVENT"))) == 1  # the confirmed one, not the request
    assert "METHOD" not in calendar
    client.post("/mijn/agenda")  # a new link: the old one dies
    db.session.refresh(world.teacher)
    assert client.application.test_client().get(f"/agenda/{token}.ics").status_code == 404
    new_token = world.teacher.calendar_token
    client.post("/mijn/agenda/intrekken")
    assert client.application.test_client().get(f"/agenda/{new_token}.ics").status_code == 404


def test_provider_feed_shows_the_organisations_bookings(booking_in, world, client_for, db):
    booking_in("confirmed")
    client = client_for(world.provider)
    client.post("/mijn/agenda")
    db.session.refresh(world.provider)
    feed = client.application.test_client().get(f"/agenda/{world.provider.calendar_token}.ics")
    assert len(list(Calendar.from_ical(feed.data).walk("VEVENT"))) == 1


def test_booking_ics_shows_the_teachers_address_only_to_who_may_see_it(booking_in, world, make, client_for):
    booking = booking_in("confirmed")
    path = f"/mijn/boekingen/{booking.id}/agenda.ics"
    colleague = make.user("teacher", organisation=world.school)
    for user, shown in ((world.teacher, True), (world.provider, True), (colleague, False)):
        _, event = parse(client_for(user).get(path).data)
        assert ("ATTENDEE" in event) is shown, user.email
