"""Issue 10, item 7, at desktop and phone size with axe on every page: an unverified provider
creates an offer with a date and an image in one go (the steps Gegevens, Data, Afbeeldingen,
Controleren en indienen), uses the Markdown toolbar and the "Voorbeeld" tab, meets a refused
date without losing what was typed, and submits for review; the coordinator opens the review
and sees every field, the image and the date of the new offer."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from portal.demo import DEMO_DOMAIN
from tests.browser.test_shared_pages import log_in
from tests.clock import days_ahead
from tests.offers.test_uploads import png_bytes

pytestmark = pytest.mark.browser

TITLE = "Windturbines van dichtbij"
PROVIDER = f"aanbieder.bouw@{DEMO_DOMAIN}"  # an unverified company: its offers are reviewed
PREPARATION = "Bespreek in de klas wat een windturbine doet."
ALT = "Leerlingen in de voet van een turbine"


@pytest.fixture
def live_server_seed():
    return "accounts"


def _step(page, label: str):
    """The step indicator marks where the provider is."""
    expect(page.locator(".stepper [aria-current='step']")).to_contain_text(label)


def _details(page, shot, axe_check):
    page.get_by_label("Titel").fill(TITLE)
    page.get_by_label("Samenvatting").fill("Leerlingen klimmen in de voet van een windturbine.")
    description = page.get_by_label("Beschrijving", exact=True)
    description.fill("Een middag in het windpark.\n\n")
    description.press("End")
    page.get_by_role("toolbar", name="Opmaak").get_by_role("button", name="Vet").click()
    page.keyboard.type("veiligheid eerst")  # replaces the selected sample text
    description.press("End")
    description.press("Enter")
    description.press("Enter")
    page.get_by_role("toolbar", name="Opmaak").get_by_role("button", name="Lijst").click()
    page.keyboard.type("helm")
    description.type("\n<script>window.hacked = 1</script>")
    expect(description).to_have_value(re.compile(r"\*\*veiligheid eerst\*\*"))

    # The "Voorbeeld" tab, by keyboard: the same sanitised Markdown as the offer page.
    page.get_by_role("tab", name="Schrijven").focus()
    page.keyboard.press("ArrowRight")
    expect(page.get_by_role("tab", name="Voorbeeld")).to_have_attribute("aria-selected", "true")
    preview = page.get_by_role("tabpanel", name="Voorbeeld")
    expect(preview.locator("strong")).to_have_text("veiligheid eerst")
    expect(preview.locator("li")).to_have_text("helm")
    assert preview.locator("script").count() == 0
    assert page.evaluate("window.hacked") is None
    expect(description).to_be_hidden()
    shot(page, "step1-preview")
    axe_check(page)
    page.keyboard.press("ArrowLeft")
    expect(description).to_be_visible()

    page.get_by_label("Voorbereiding voor de klas").fill(PREPARATION)
    page.get_by_label("vmbo BB (basisberoepsgerichte leerweg)").check()
    page.get_by_label("Vaste data met plaatsen").check()
    page.get_by_label("Adres").fill("Windparkweg 3, Zeewolde")
    shot(page, "step1-details")
    page.get_by_role("button", name="Opslaan en verder").click()


def _dates(page, shot, axe_check):
    _step(page, "Data")
    expect(page).to_have_title(re.compile("Stap 2 van 4"))
    axe_check(page)
    page.get_by_label("Datum", exact=True).fill(days_ahead(-3).isoformat())
    page.get_by_label("Begintijd").first.fill("09:30")
    page.get_by_label("Eindtijd").first.fill("12:00")
    page.get_by_label("Plaatsen", exact=True).fill("24")
    page.get_by_role("button", name="Volgende: Afbeeldingen").click()
    # Refused next to the field; nothing typed is lost, and the step stays.
    _step(page, "Data")
    expect(page.locator("#one-day-error")).to_have_text("Kies een datum en tijd in de toekomst.")
    expect(page.get_by_label("Begintijd").first).to_have_value("09:30")
    expect(page.get_by_label("Plaatsen", exact=True)).to_have_value("24")
    shot(page, "step2-refused")
    axe_check(page)
    page.get_by_label("Datum", exact=True).fill(days_ahead(40).isoformat())
    page.get_by_role("button", name="Volgende: Afbeeldingen").click()


def _images(page, shot, axe_check, tmp_path):
    _step(page, "Afbeeldingen")
    axe_check(page)
    file_field = page.get_by_label("Bestand", exact=True)
    alt_text = page.get_by_label("Beschrijving van de afbeelding (alt-tekst)")
    alt_text.fill(ALT)
    # Too large (the limit for images is 8 MB): refused before it is sent, next to the field.
    huge = tmp_path / "enorm.png"
    huge.write_bytes(png_bytes() + b"\0" * (9 * 1024 * 1024))
    file_field.set_input_files(str(huge))
    expect(page.locator("#file-size-error")).to_contain_text("Het bestand is te groot (9,0 MB)")
    expect(file_field).to_have_attribute("aria-invalid", "true")
    page.get_by_role("button", name="Uploaden").click()
    expect(page.locator("#file-size-error")).to_be_visible()
    _step(page, "Afbeeldingen")
    shot(page, "step3-too-large")
    axe_check(page)

    image = tmp_path / "windturbine.png"
    image.write_bytes(png_bytes())
    file_field.set_input_files(str(image))
    expect(page.locator("#file-size-error")).to_be_hidden()
    expect(alt_text).to_have_value(ALT)
    shot(page, "step3-image")
    # The step indicator's link saves what was chosen and typed before it moves on.
    page.locator(".stepper").get_by_role("link", name="Controleren en indienen").click()


def _check_and_submit(page, shot, axe_check):
    _step(page, "Controleren en indienen")
    axe_check(page)
    expect(page.get_by_role("img", name=ALT)).to_be_visible()
    expect(page.get_by_text(PREPARATION)).to_be_visible()
    expect(page.locator("#check-details").locator("xpath=../..").locator("strong")).to_have_text(
        "veiligheid eerst"
    )
    expect(page.get_by_text("Plaatsen: 24")).to_be_visible()
    expect(page.get_by_role("button", name="Publiceren")).to_have_count(0)
    shot(page, "step4-check")
    page.get_by_role("button", name="Indienen ter controle").click()
    expect(page.locator(".flashes")).to_contain_text("Je aanbod is ingediend ter controle")
    axe_check(page)


def _review(coordinator, live_server, visit, shot):
    log_in(coordinator, live_server, f"coordinator@{DEMO_DOMAIN}")
    visit(coordinator, "/beheer/")
    coordinator.locator("table").get_by_role("link", name=TITLE).first.click()
    visit(coordinator, coordinator.url)
    expect(coordinator.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(coordinator.get_by_text("nog nooit goedgekeurd")).to_be_visible()
    fields = coordinator.locator(".offer-fields")
    expect(fields).to_contain_text("Voorbereiding voor de klas")
    expect(fields).to_contain_text(PREPARATION)
    expect(fields).to_contain_text("Windparkweg 3, Zeewolde")
    expect(fields.locator("strong")).to_have_text("veiligheid eerst")
    expect(coordinator.get_by_role("img", name=ALT)).to_be_visible()
    expect(coordinator.get_by_text("Alt-tekst:")).to_be_visible()
    expect(coordinator.locator("section[aria-labelledby='dates-title']")).to_contain_text("09:30–12:00")
    shot(coordinator, "review")


@pytest.mark.parametrize("size", ["page", "mobile_page"])
def test_a_provider_publishes_in_one_go_and_the_coordinator_sees_it_all(
    request, size, browser, live_server, visit, shot, axe_check, tmp_path
):
    page = request.getfixturevalue(size)
    log_in(page, live_server, PROVIDER)
    visit(page, "/aanbod/nieuw")
    page.get_by_role("link", name="Gastles").first.click()
    _step(page, "Gegevens")
    axe_check(page)
    _details(page, shot, axe_check)
    _dates(page, shot, axe_check)
    _images(page, shot, axe_check, tmp_path)
    _check_and_submit(page, shot, axe_check)

    context = browser.new_context(locale="nl-NL", viewport=page.viewport_size, timezone_id="Europe/Amsterdam")
    try:
        _review(context.new_page(), live_server, visit, shot)
    finally:
        context.close()
