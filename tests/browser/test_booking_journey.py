"""Bookings area: a teacher searches, books a slot, the provider confirms, the teacher gets
the confirmation mail with the .ics (over real SMTP), cancels, and the places are free again;
axe-core on every page on the way."""

from __future__ import annotations

import re

import pytest
from icalendar import Calendar
from playwright.sync_api import expect

from portal.demo import DEMO_DOMAIN
from tests.browser.test_shared_pages import log_in

pytestmark = pytest.mark.browser

TEACHER = f"docent.vmbo@{DEMO_DOMAIN}"
PROVIDER = f"aanbieder@{DEMO_DOMAIN}"
OFFER = re.compile("Windpark Flevopolder: onder de wiek")


def booked_places(live_server, slot_id: int) -> int:
    from portal.extensions import db
    from portal.models import Slot

    with live_server.app.app_context():
        return db.session.get(Slot, slot_id).booked


def ics_of(smtp_sink, message) -> Calendar:
    [(name, _type, data)] = [a for a in smtp_sink.attachments(message) if a[0].endswith(".ics")]
    return Calendar.from_ical(data)


def test_teacher_books_provider_confirms_teacher_cancels(live_server, page, browser, visit, shot, smtp_sink):
    log_in(page, live_server, TEACHER)
    visit(page, "/aanbod?q=windturbine")
    page.get_by_role("link", name=OFFER).first.click()
    expect(page.get_by_role("heading", name="Aanvragen")).to_be_visible()  # the provider confirms
    visit(page, page.url.replace(live_server.url, ""))
    slot_radio = page.get_by_label(re.compile("nog 30 plekken")).first
    slot_id = int(slot_radio.get_attribute("value"))
    before = booked_places(live_server, slot_id)
    slot_radio.check()
    page.get_by_label("Aantal leerlingen").fill("12")
    page.get_by_label("Groep of klas").fill("3 KB")
    page.get_by_role("button", name="Aanvragen", exact=True).click()  # the provider confirms: a request
    expect(page.get_by_text("Je aanvraag is naar de aanbieder gestuurd")).to_be_visible()
    booking_path = page.url.replace(live_server.url, "")
    assert re.fullmatch(r"/mijn/boekingen/\d+", booking_path)
    assert booked_places(live_server, slot_id) == before + 12
    visit(page, booking_path)
    shot(page, "teacher-requested")

    provider = browser.new_context(locale="nl-NL", timezone_id="Europe/Amsterdam").new_page()
    log_in(provider, live_server, PROVIDER)
    visit(provider, "/mijn/")
    row = provider.locator("li", has_text="Vmbo College Lelystad")
    row.get_by_role("button", name="Bevestigen").click()
    expect(provider.get_by_text("Gelukt: de boeking is nu")).to_be_visible()
    shot(provider, "provider-confirmed")
    provider.context.close()

    confirmation = smtp_sink.wait_for(to=TEACHER, subject_contains="Bevestigd", timeout=20)
    calendar = ics_of(smtp_sink, confirmation)
    assert str(calendar["METHOD"]) == "REQUEST"
    [event] = calendar.walk("VEVENT")
    assert event["DTSTART"].params["TZID"] == "Europe/Amsterdam"
    assert any(booking_path in link for link in smtp_sink.links(confirmation))

    visit(page, booking_path)
    expect(page.get_by_text("bevestigd").first).to_be_visible()
    page.get_by_label("Reden").fill("De bus is niet beschikbaar")
    page.get_by_role("button", name="Boeking annuleren").click()
    expect(page.get_by_text("Gelukt: de boeking is nu ‘geannuleerd’")).to_be_visible()
    visit(page, booking_path)
    expect(page.locator("#tijdlijn")).to_contain_text("De bus is niet beschikbaar")
    shot(page, "teacher-cancelled")
    assert booked_places(live_server, slot_id) == before

    cancellation = smtp_sink.wait_for(to=TEACHER, subject_contains="Geannuleerd", timeout=20)
    cancelled = ics_of(smtp_sink, cancellation)
    assert str(cancelled["METHOD"]) == "CANCEL"
    assert str(cancelled.walk("VEVENT")[0]["UID"]) == str(event["UID"])
    visit(page, "/mijn/")
