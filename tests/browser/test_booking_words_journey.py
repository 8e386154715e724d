"""Words and forms of booking (issue 10, items 3, 5 and 6), at desktop and phone size with axe
on every page: the button says "Aanvragen" for a request and "Boeken" for a booking; a wrong
field is marked and named at the top; a date in the school holiday gets a warning while it is
typed; the teacher's receipt says by when the provider answers; the provider confirms with
the teacher's first preferred date already filled in."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from portal.demo import DEMO_DOMAIN
from tests.browser.a11y import axe_check
from tests.browser.conftest import DESKTOP, PHONE
from tests.browser.test_shared_pages import log_in

pytestmark = pytest.mark.browser

TEACHER = f"docent.vmbo@{DEMO_DOMAIN}"  # Vmbo College Lelystad: holiday region noord
PROVIDER = f"aanbieder@{DEMO_DOMAIN}"  # Windpark Flevopolder Energie
REQUEST_OFFER = "Gastles energietransitie: van gas naar wind en zon"
SLOT_OFFER = "Bezoek aan Windpark Flevopolder: onder de wiek van"
INSTANT_OFFER = "Energielab in de windparkcontainer"
AUTUMN_HOLIDAY = "2026-10-20"  # herfstvakantie 2026 (noord and midden: 17-25 October)


def offer_path(live_server, title: str, auto_confirm: bool | None = None) -> str:
    from portal.extensions import db
    from portal.models import Offer

    with live_server.app.app_context():
        offer = db.session.scalars(db.select(Offer).where(Offer.title.startswith(title))).one()
        if auto_confirm is not None:
            offer.auto_confirm = auto_confirm
            db.session.commit()
        return f"/aanbod/{offer.id}-{offer.slug}"


@pytest.mark.parametrize("size", ["page", "mobile_page"])
def test_booking_words_holidays_errors_receipt_and_prefilled_answer(
    size, request, live_server, browser, visit, shot, smtp_sink
):
    page = request.getfixturevalue(size)
    log_in(page, live_server, TEACHER)

    # The button says what happens.
    instant = offer_path(live_server, INSTANT_OFFER, auto_confirm=True)
    for path, word, other in (
        (offer_path(live_server, REQUEST_OFFER), "Aanvragen", "Boeken"),
        (offer_path(live_server, SLOT_OFFER), "Aanvragen", "Boeken"),
        (instant, "Boeken", "Aanvragen"),
    ):
        visit(page, path)
        form = page.locator("form.booking-form")
        expect(form.get_by_role("button", name=word, exact=True)).to_be_visible()
        expect(form.get_by_role("button", name=other, exact=True)).to_have_count(0)
        if word == "Aanvragen":
            answers = re.compile(r"De aanbieder antwoordt binnen 10 dagen, uiterlijk op")
            expect(page.get_by_text(answers)).to_be_visible()
        else:
            expect(page.get_by_text("je boeking is meteen bevestigd")).to_be_visible()
    shot(page, "instant-booking-says-boeken")

    # A wrong field is marked and named at the top.
    request_path = offer_path(live_server, REQUEST_OFFER)
    visit(page, request_path)
    form = page.locator("form.booking-form")
    form.get_by_label("Aantal leerlingen").fill("0")
    form.get_by_role("button", name="Aanvragen", exact=True).click()
    summary = page.locator("#form-errors")
    expect(summary).to_be_visible()
    expect(summary.get_by_role("link", name="Aantal leerlingen")).to_be_visible()
    expect(summary.get_by_role("link", name="Je voorkeursdata")).to_be_visible()
    size_field = page.locator("form.booking-form").get_by_label("Aantal leerlingen")
    expect(size_field).to_have_attribute("aria-invalid", "true")
    expect(size_field).to_have_class(re.compile(r"\bis-invalid\b"))
    expect(size_field).to_have_attribute("aria-describedby", re.compile("group_size-error"))
    axe_check(page)
    shot(page, "errors-named-and-marked")

    # A date in the school holiday gets a warning while it is typed (not a block).
    form = page.locator("form.booking-form")
    form.get_by_label("Datum 1").fill(AUTUMN_HOLIDAY)
    form.get_by_label("Datum 1").dispatch_event("change")
    warning = page.locator("#preferred-0-holiday")
    expect(warning).to_have_text(
        re.compile(r"Let op: 20 oktober 2026 valt in de herfstvakantie \(regio noord\)")
    )
    form.get_by_label("Dagdeel").first.select_option("morning")
    form.get_by_label("Aantal leerlingen").fill("24")
    form.get_by_label("Opmerkingen voor de aanbieder").fill("Graag in het praktijklokaal.")
    shot(page, "holiday-warning-while-typing")
    form.get_by_role("button", name="Aanvragen", exact=True).click()
    expect(page.get_by_text("Je aanvraag is naar de aanbieder gestuurd")).to_be_visible()
    expect(page.get_by_text(re.compile("valt in de herfstvakantie")).first).to_be_visible()
    expect(page.locator("#antwoord-termijn")).to_contain_text("De aanbieder antwoordt uiterlijk op")
    booking_path = page.url.replace(live_server.url, "")
    visit(page, booking_path)
    shot(page, "teacher-booking-page")

    # The receipt says what was asked and by when the provider answers.
    receipt = smtp_sink.wait_for(to=TEACHER, subject_contains="Aanvraag verstuurd", timeout=20)
    text = smtp_sink.text(receipt)
    assert "Dit heb je gevraagd" in text and "dinsdag 20 oktober 2026 (ochtend)" in text
    assert "Graag in het praktijklokaal." in text
    assert re.search(r"Windpark Flevopolder Energie antwoordt uiterlijk op \w+dag \d+ \w+ 2026\.", text)
    html = smtp_sink.html(receipt)
    assert "antwoordt uiterlijk op" in html and "Bekijk je aanvraag" in html
    assert any(booking_path in link for link in smtp_sink.links(receipt))

    # The provider confirms, starting from the teacher's first preferred date and daypart.
    viewport = DESKTOP if size == "page" else PHONE
    context = browser.new_context(locale="nl-NL", viewport=viewport, timezone_id="Europe/Amsterdam")
    provider = context.new_page()
    log_in(provider, live_server, PROVIDER)
    visit(provider, booking_path)
    confirm = provider.locator("form", has=provider.get_by_role("button", name="Bevestigen"))
    expect(confirm.get_by_label("Datum")).to_have_value(AUTUMN_HOLIDAY)
    expect(confirm.get_by_label("Begintijd")).to_have_value("09:00")
    expect(confirm.get_by_label("Eindtijd")).to_have_value("12:00")
    expect(confirm.get_by_text(re.compile("valt in de herfstvakantie"))).to_be_visible()
    shot(provider, "provider-confirm-prefilled")
    confirm.get_by_role("button", name="Bevestigen").click()
    expect(provider.get_by_text("Gelukt: de boeking is nu")).to_be_visible()
    visit(provider, booking_path)
    context.close()

    confirmation = smtp_sink.wait_for(to=TEACHER, subject_contains="Bevestigd", timeout=20)
    assert "dinsdag 20 oktober 2026, 09:00 - 12:00" in smtp_sink.text(confirmation)
