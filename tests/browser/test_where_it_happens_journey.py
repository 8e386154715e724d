"""Where it happens (issue 10, item 1), at desktop and phone size with axe on every page: a
guest lesson takes place at the school. The offer page says the provider comes to the school;
the teacher's booking page, the provider's view, the request and confirmation mails and the
calendar file all carry the school's name and address, never the provider's town."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from portal.demo import DEMO_DOMAIN
from tests.browser.conftest import DESKTOP, PHONE
from tests.browser.test_booking_words_journey import REQUEST_OFFER, offer_path
from tests.browser.test_shared_pages import log_in

pytestmark = pytest.mark.browser

TEACHER = f"docent.vmbo@{DEMO_DOMAIN}"  # Vmbo College Lelystad, Collegeweg 1
PROVIDER = f"aanbieder@{DEMO_DOMAIN}"  # Windpark Flevopolder Energie, also in Lelystad
SCHOOL_PLACE = "Vmbo College Lelystad, Collegeweg 1, 8232 TV Lelystad"
PREFERRED = "2027-03-16"


@pytest.mark.parametrize("size", ["page", "mobile_page"])
def test_a_guest_lesson_takes_place_at_the_school_everywhere(
    size, request, live_server, browser, visit, shot, smtp_sink
):
    page = request.getfixturevalue(size)
    log_in(page, live_server, TEACHER)
    path = offer_path(live_server, REQUEST_OFFER)
    visit(page, path)
    expect(page.get_by_text("Op je school (de aanbieder komt naar je toe)").first).to_be_visible()
    shot(page, "offer-page-says-at-your-school")

    form = page.locator("form.booking-form")
    form.get_by_label("Datum 1").fill(PREFERRED)
    form.get_by_label("Dagdeel").first.select_option("morning")
    form.get_by_label("Aantal leerlingen").fill("20")
    form.get_by_role("button", name="Aanvragen", exact=True).click()
    expect(page.get_by_text("Je aanvraag is naar de aanbieder gestuurd")).to_be_visible()
    booking_path = page.url.replace(live_server.url, "")
    visit(page, booking_path)
    expect(page.get_by_text(SCHOOL_PLACE).first).to_be_visible()
    shot(page, "teacher-booking-at-the-school")

    asked = smtp_sink.wait_for(to=PROVIDER, subject_contains="aanvraag", timeout=20)
    assert SCHOOL_PLACE in smtp_sink.text(asked)

    viewport = DESKTOP if size == "page" else PHONE
    context = browser.new_context(locale="nl-NL", viewport=viewport, timezone_id="Europe/Amsterdam")
    provider = context.new_page()
    log_in(provider, live_server, PROVIDER)
    visit(provider, booking_path)
    expect(provider.get_by_text(SCHOOL_PLACE).first).to_be_visible()
    shot(provider, "provider-sees-the-school")
    confirm = provider.locator("form", has=provider.get_by_role("button", name="Bevestigen"))
    confirm.get_by_role("button", name="Bevestigen").click()
    expect(provider.get_by_text("Gelukt: de boeking is nu")).to_be_visible()
    context.close()

    confirmation = smtp_sink.wait_for(to=TEACHER, subject_contains="Bevestigd", timeout=20)
    assert SCHOOL_PLACE in smtp_sink.text(confirmation)
    calendars = [body for name, _type, body in smtp_sink.attachments(confirmation) if name.endswith(".ics")]
    assert calendars, "the confirmation carries a calendar file"
    unfolded = calendars[0].decode().replace("\r\n ", "")
    assert "LOCATION:Vmbo College Lelystad\\, Collegeweg 1\\, 8232 TV Lelystad" in unfolded
