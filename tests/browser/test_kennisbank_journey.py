"""Kennisbank (issue 14, item 1) in the browser, at desktop and phone size with axe-core on
every page: a teacher finds an article through the navigation and the search, reads it,
follows a related offer (whose page links back "In de kennisbank") and shares an
experience; a provider writes an article, a coordinator approves it and a visitor finds it."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from portal.demo import DEMO_DOMAIN
from tests.browser.test_shared_pages import log_in
from tests.browser.test_shortlist_journey import no_sideways_scroll, open_nav_link

pytestmark = pytest.mark.browser

OOL = "Onderzoekend en ontwerpend leren in groep 7-8: robots"
OFFER = "Robots programmeren in groep 7-8"


@pytest.mark.parametrize("which", ["page", "mobile_page"])
def test_teacher_finds_reads_and_follows_a_related_offer(live_server, request, visit, axe_check, shot, which):
    page = request.getfixturevalue(which)
    size = "desktop" if which == "page" else "phone"
    log_in(page, live_server, f"docent@{DEMO_DOMAIN}")

    open_nav_link(page, "Kennisbank")
    expect(page.get_by_role("heading", level=1, name="Kennisbank")).to_be_visible()
    axe_check(page)
    page.get_by_label("Zoekwoorden").fill("ontwerpen robot")
    page.get_by_role("button", name="Zoeken", exact=True).click()
    expect(page.get_by_role("heading", name=re.compile(r"^1 artikel$"))).to_be_visible()
    axe_check(page)
    no_sideways_scroll(page)
    shot(page, f"{size}-search")

    page.get_by_role("link", name=OOL).click()
    expect(page.get_by_role("heading", level=1, name=OOL)).to_be_visible()
    expect(page.get_by_role("heading", name="De stappen")).to_be_visible()  # the Markdown body
    expect(
        page.get_by_text(re.compile(r"^Een docent van Basisschool"))
    ).to_be_visible()  # a colleague's experience, no name
    axe_check(page)
    no_sideways_scroll(page)
    shot(page, f"{size}-article")

    page.get_by_label("Jouw ervaring").fill("Met mijn groep 8 werkte stap 3 het best in tweetallen.")
    page.get_by_role("button", name="Ervaring delen").click()
    expect(page.get_by_text("Bedankt voor het delen van je ervaring.")).to_be_visible()
    expect(page.get_by_text("werkte stap 3 het best")).to_be_visible()
    axe_check(page)

    page.get_by_role("region", name="Bijpassend aanbod").get_by_role("link", name=OFFER).click()
    expect(page.get_by_role("heading", level=1, name=OFFER)).to_be_visible()
    back = page.get_by_role("region", name="In de kennisbank").get_by_role("link", name=OOL)
    expect(back).to_be_visible()
    axe_check(page)
    no_sideways_scroll(page)
    shot(page, f"{size}-offer-links-back")


@pytest.mark.parametrize("which", ["page", "mobile_page"])
def test_provider_writes_an_article_and_a_coordinator_approves_it(
    live_server, browser, request, visit, axe_check, shot, which
):
    page = request.getfixturevalue(which)
    size = "desktop" if which == "page" else "phone"
    title = f"Zo bouw je een warmtepomp-opstelling in de klas ({size})"
    log_in(page, live_server, f"aanbieder@{DEMO_DOMAIN}")

    visit(page, "/kennisbank/nieuw")
    page.get_by_role("button", name="Opslaan").click()  # empty: Dutch messages, nothing lost
    expect(page.get_by_text("Verbeter de gemarkeerde velden hieronder.")).to_be_visible()
    axe_check(page)
    page.get_by_label("Lesidee").check()
    page.get_by_label("Titel").fill(title)
    page.get_by_label("Samenvatting").fill("Een opstelling met een kleine warmtepomp voor PIE.")
    page.get_by_label("Tekst", exact=True).fill("## Benodigdheden\n\n- een warmtepomp\n- twee emmers water")
    page.get_by_label("Installatietechniek").check()
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("Je artikel is opgeslagen als concept")).to_be_visible()
    axe_check(page)
    no_sideways_scroll(page)
    page.get_by_role("link", name="Naar het artikel").click()
    page.get_by_role("button", name="Indienen ter controle").click()
    expect(page.get_by_text("Je artikel is ter controle verstuurd.")).to_be_visible()
    axe_check(page)
    shot(page, f"{size}-submitted")

    staff = browser.new_context(locale="nl-NL", viewport=page.viewport_size)
    coordinator = staff.new_page()
    log_in(coordinator, live_server, f"coordinator@{DEMO_DOMAIN}")
    visit(coordinator, "/beheer/kennisbank")
    coordinator.get_by_role("link", name=title).click()
    expect(coordinator.get_by_role("heading", level=1, name=title)).to_be_visible()
    expect(coordinator.locator("ins.diff-ins").first).to_be_visible()
    axe_check(coordinator)
    shot(coordinator, f"{size}-review")
    coordinator.get_by_role("button", name="Goedkeuren en publiceren").click()
    expect(coordinator.get_by_text("Het artikel is gepubliceerd.")).to_be_visible()
    staff.close()

    visitor = browser.new_context(locale="nl-NL").new_page()
    visit(visitor, "/kennisbank?q=warmtepomp&soort=lesson_idea")
    visitor.get_by_role("link", name=title).click()
    expect(visitor.get_by_role("heading", level=1, name=title)).to_be_visible()
    expect(
        visitor.get_by_text("Windpark Flevopolder Energie")
    ).to_be_visible()  # the organisation, not the person
    axe_check(visitor)
    visitor.context.close()
