"""Issue 3's journey in one run, three people in three browsers: a provider creates an offer
with dates -> the coordinator rejects it with a reason (the provider is mailed) -> the provider
fixes and resubmits -> the coordinator approves -> a visitor finds it on /aanbod. Every page
on the way gets an axe-core scan."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from portal.demo import DEMO_DOMAIN
from tests.browser.test_shared_pages import log_in
from tests.clock import days_ahead

pytestmark = pytest.mark.browser

TITLE = "Zonnepanelen leggen op het dak van de werkplaats"
PROVIDER = f"aanbieder.bouw@{DEMO_DOMAIN}"  # an unverified company: its offers need review


@pytest.fixture
def live_server_seed():
    return "accounts"


@pytest.fixture
def second_page(browser):
    pages = []

    def open_page():
        context = browser.new_context(locale="nl-NL", viewport={"width": 1280, "height": 900})
        pages.append(context)
        return context.new_page()

    yield open_page
    for context in pages:
        context.close()


def create_offer_with_dates(page, visit):
    visit(page, "/aanbod/nieuw")
    page.get_by_role("link", name="Bedrijfsbezoek").click()
    page.get_by_label("Titel").fill(TITLE)
    page.get_by_label("Samenvatting").fill("Leerlingen leggen zelf een zonnepaneel.")
    page.get_by_label("Beschrijving").fill("Een middag **zonne-energie** in de praktijk.")
    page.get_by_label("vmbo KB (kaderberoepsgerichte leerweg)").check()
    page.get_by_label("Vaste data met plaatsen").check()
    page.get_by_label("Adres").fill("Werkplaatsweg 1, Zeewolde")
    page.get_by_label("Kleinste groep").fill("4")
    page.get_by_label("Grootste groep").fill("16")
    page.get_by_role("button", name="Opslaan").click()
    expect(page).to_have_url(re.compile(r"/aanbod/\d+/tijden$"))
    page.locator("#series-first_day").fill(days_ahead(90).isoformat())
    page.locator("#series-last_day").fill(days_ahead(119).isoformat())
    page.locator("#series-weekday").select_option("2")
    page.locator("#series-start_time").fill("13:00")
    page.locator("#series-end_time").fill("15:30")
    page.locator("#series-capacity").fill("16")
    page.get_by_role("button", name="Reeks toevoegen").click()
    expect(page.get_by_text(re.compile(r"Er zijn \d+ data toegevoegd"))).to_be_visible()
    return page.url.rsplit("/tijden", 1)[0].replace(page.url.split("/aanbod")[0], "")


def submit_from_my_offers(page, visit):
    visit(page, "/mijn/aanbod")
    page.locator("tr", has_text=TITLE).get_by_role("button", name="Indienen").click()
    expect(page.get_by_text("Je aanbod is ingediend ter controle")).to_be_visible()


def open_review(page, visit):
    visit(page, "/beheer/")
    page.locator("table").get_by_role("link", name=TITLE).first.click()
    visit(page, page.url)


def test_offer_goes_from_draft_through_rejection_to_search(live_server, page, second_page, visit, smtp_sink):
    log_in(page, live_server, PROVIDER)
    offer_path = create_offer_with_dates(page, visit)
    submit_from_my_offers(page, visit)

    coordinator = second_page()
    log_in(coordinator, live_server, f"coordinator@{DEMO_DOMAIN}")
    open_review(coordinator, visit)
    coordinator.fill("#reject-reason", "Noem de veiligheidsmaatregelen op het dak.")
    coordinator.get_by_role("button", name="Afwijzen").click()
    expect(coordinator.locator(".flashes")).to_contain_text("Afgewezen")

    decision = smtp_sink.wait_for(to=PROVIDER, subject_contains=TITLE)
    assert "Noem de veiligheidsmaatregelen op het dak." in decision.get_body(("plain",)).get_content()

    visit(page, offer_path + "/bewerken")
    page.get_by_label("Beschrijving").fill(
        "Een middag **zonne-energie** in de praktijk. Iedereen draagt een harnas en helm."
    )
    page.get_by_role("button", name="Opslaan").click()
    submit_from_my_offers(page, visit)

    open_review(coordinator, visit)
    expect(coordinator.get_by_text("harnas en helm").first).to_be_visible()
    coordinator.get_by_role("button", name="Goedkeuren en publiceren").click()
    expect(coordinator.locator(".flashes")).to_contain_text("gepubliceerd")

    visitor = second_page()
    visit(visitor, "/aanbod?q=zonnepaneel")
    visitor.get_by_role("link", name=TITLE).first.click()
    expect(visitor.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(visitor.get_by_text("harnas en helm")).to_be_visible()
    visit(visitor, visitor.url)
