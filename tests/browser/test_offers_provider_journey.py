"""Offers area: browser journey of a provider: create an offer with dates and an image, submit it;
axe-core on every page on the way (create form, dates, files, offer page, my offers)."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from playwright.sync_api import expect

from portal.demo import DEMO_DOMAIN
from tests.browser.test_shared_pages import log_in
from tests.clock import days_ahead
from tests.offers.test_uploads import png_bytes

pytestmark = pytest.mark.browser


@pytest.fixture
def live_server_seed():
    return "accounts"


def test_provider_creates_and_submits_an_offer(live_server, page, visit, shot, axe_check, tmp_path):
    log_in(page, live_server, f"aanbieder.bouw@{DEMO_DOMAIN}")
    visit(page, "/aanbod/nieuw")
    page.get_by_role("link", name="Bedrijfsbezoek").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Bedrijfsbezoek")
    page.get_by_label("Titel").fill("Lassen & solderen in de werkplaats")
    page.get_by_label("Samenvatting").fill("Leerlingen lassen hun eerste naad.")
    page.get_by_label("Beschrijving").fill("Een **praktische** middag.\n\n- helm\n- handschoenen")
    page.get_by_label("vmbo BB (basisberoepsgerichte leerweg)").check()
    page.get_by_label("Vaste data met plaatsen").check()
    page.get_by_label("Grootste groep").fill("3")
    page.get_by_label("Kleinste groep").fill("8")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("alert")).to_contain_text("Vul het adres in")  # nothing lost:
    expect(page.get_by_label("Titel")).to_have_value("Lassen & solderen in de werkplaats")
    shot(page, "form-errors")
    axe_check(page)
    page.get_by_label("Adres").fill("Werkplaatsweg 1, Zeewolde")
    page.get_by_label("Grootste groep").fill("16")
    page.get_by_role("button", name="Opslaan").click()

    expect(page).to_have_url(re.compile(r"/aanbod/\d+/tijden$"))
    offer_path = page.url.rsplit("/tijden", 1)[0]
    first_day = days_ahead(60)  # four weeks: four Wednesdays
    page.locator("#series-first_day").fill(first_day.isoformat())
    page.locator("#series-last_day").fill((first_day + timedelta(days=27)).isoformat())
    page.locator("#series-weekday").select_option("2")
    page.locator("#series-start_time").fill("09:00")
    page.locator("#series-end_time").fill("11:00")
    page.locator("#series-capacity").fill("20")
    page.get_by_role("button", name="Reeks toevoegen").click()
    expect(page.get_by_text("Er zijn 4 data toegevoegd.")).to_be_visible()
    visit(page, page.url.replace(live_server.url, ""))

    image = tmp_path / "werkplaats.png"
    image.write_bytes(png_bytes())
    visit(page, offer_path.replace(live_server.url, "") + "/bestanden")
    page.get_by_label("Bestand", exact=True).set_input_files(str(image))
    page.get_by_label("Beschrijving van de afbeelding (alt-tekst)").fill("Een lasser aan het werk")
    page.get_by_role("button", name="Uploaden").click()
    expect(page.get_by_alt_text("Een lasser aan het werk")).to_be_visible()

    visit(page, "/mijn/aanbod")
    page.get_by_role("button", name="Indienen").click()
    expect(page.get_by_text("Je aanbod is ingediend ter controle")).to_be_visible()
    shot(page, "my-offers")
    axe_check(page)

    page.get_by_role("link", name="Lassen & solderen in de werkplaats", exact=True).click()
    expect(page).to_have_url(re.compile(r"/aanbod/\d+-lassen-solderen-in-de-werkplaats$"))
    expect(page.get_by_role("status")).to_contain_text("wacht op controle")
    expect(page.get_by_role("img", name="Een lasser aan het werk")).to_be_visible()
    shot(page, "offer-page")
    axe_check(page)
