"""Result cards, fit and search on a phone (issue 10, items 2-4), at desktop and phone size
with axe on every page: the cards show image or placeholder, dates or "Op aanvraag",
levels, place and distance, price and duration; a teacher's classes pre-fill the filter
(removable); on a phone the first result is on the first screen, the filters open from
"Filters (n)" and applying one keeps the results in view; the /mijn tables of a teacher and
a provider show every column at 390 px."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from portal.demo import DEMO_DOMAIN
from tests.browser.test_shared_pages import log_in

pytestmark = pytest.mark.browser

TEACHER_VMBO = f"docent.vmbo@{DEMO_DOMAIN}"  # Vmbo College Lelystad; classes vmbo BB and KB
TEACHER_PO = f"docent@{DEMO_DOMAIN}"  # Basisschool De Windroos, Almere
PROVIDER = f"aanbieder@{DEMO_DOMAIN}"


@pytest.fixture(params=["page", "mobile_page"])
def view(request):
    """The same journey in a desktop window and on a phone."""
    return request.getfixturevalue(request.param)


def is_phone(page) -> bool:
    return page.viewport_size["width"] < 600


def in_view(page, locator) -> bool:
    """The element's top edge is inside the window as it is scrolled now."""
    box = locator.bounding_box()
    return box is not None and -2 <= box["y"] < page.viewport_size["height"]  # -2: sub-pixels


def test_cards_show_what_a_teacher_chooses_by(live_server, view, visit, shot):
    visit(view, "/")
    cards = view.locator("article.offer-card")
    expect(cards.first).to_be_visible()
    # real images (drawn by the demo seed) and placeholders per kind, side by side
    expect(view.locator("article.offer-card img[alt^='Tekening van']").first).to_be_visible()
    assert view.locator("article.offer-card img.offer-card-placeholder").count() >= 1
    assert (
        view.locator("article.offer-card img.offer-card-placeholder[alt='']").count()
        == view.locator("article.offer-card img.offer-card-placeholder").count()
    )
    robots = cards.filter(has_text="Robots programmeren in groep 7-8")
    expect(robots.locator(".fact-when")).to_contain_text(re.compile(r"\b(ma|di|wo|do|vr) \d{1,2} \w+"))
    expect(robots.locator(".fact-where")).to_contain_text("Komt naar je school")
    expect(robots.locator(".fact-for")).to_contain_text("groep 7-8")
    expect(robots.locator(".fact-time")).to_contain_text("Gratis")
    expect(robots.locator(".fact-time")).to_contain_text("1,5 uur")
    shot(view, "home-cards")

    visit(view, "/aanbod?sorteer=datum")
    first = view.locator("ol.search-results > li").first
    expect(first.locator(".fact-when")).not_to_contain_text("Op aanvraag")  # dates first
    last_page = view.locator("ol.search-results > li .fact-when")
    assert "Op aanvraag" not in last_page.first.inner_text()
    visit(view, "/aanbod?q=zonnepanelen")
    expect(view.locator("ol.search-results .fact-when").first).to_have_text(re.compile("Op aanvraag"))
    expect(view.locator("ol.search-results mark").first).to_be_visible()  # highlighted snippet
    shot(view, "search-cards")


def test_a_teachers_classes_fill_the_filter_and_can_be_removed(live_server, view, visit, shot):
    log_in(view, live_server, TEACHER_VMBO)
    visit(view, "/aanbod")
    note = view.locator(".levels-note")
    expect(note).to_contain_text("Afgestemd op jouw klassen: vmbo BB/KB.")
    expect(view.get_by_role("heading", name=re.compile(r"^\d+ resultaten?$"))).to_be_visible()
    # a company visit elsewhere says how far it is from the school in Lelystad
    visit(view, "/aanbod?q=kas+tomaten")
    expect(view.locator("ol.search-results .fact-where").first).to_contain_text(re.compile(r"ca\. \d+ km"))
    shot(view, "teacher-levels")

    visit(view, "/aanbod")
    note.get_by_role("link", name="Alle niveaus tonen").click()
    expect(view).to_have_url(re.compile(r"niveau=alle"))
    expect(view.locator(".levels-note")).to_contain_text("Je ziet alle niveaus.")
    expect(view.locator(".offer-card-misfit").first).to_contain_text("Niet voor vmbo BB/KB")
    view.get_by_role("navigation", name="Resultaatpagina's").get_by_role("link", name="2").click()
    expect(view).to_have_url(re.compile(r"niveau=alle.*pagina=2|pagina=2.*niveau=alle"))
    expect(view.locator(".levels-note")).to_contain_text("Je ziet alle niveaus.")  # it sticks
    shot(view, "every-level-page-2")

    misfit = view.locator("article.offer-card").filter(has=view.locator(".offer-card-misfit")).first
    misfit.get_by_role("heading").get_by_role("link").click()
    expect(view.locator(".fit-notice")).to_contain_text("Niet voor vmbo BB/KB")
    assert view.locator(".fit-notice").count() == 1
    shot(view, "offer-not-for-these-classes")


def test_on_a_phone_the_first_result_is_on_the_first_screen_and_filters_keep_results_in_view(
    live_server, view, visit, axe_check, shot
):
    visit(view, "/aanbod")
    first = view.locator("ol.search-results > li").first
    expect(first).to_be_visible()
    assert in_view(view, first), "the first result starts on the first screen"
    heading = view.locator("#resultaten")
    if is_phone(view):
        toggle = view.get_by_role("button", name=re.compile(r"^Filters 0"))
        expect(toggle).to_be_visible()
        filters = view.locator("#filters")
        expect(filters).not_to_be_visible()
        toggle.focus()
        view.keyboard.press("Enter")  # keyboard opens it
        expect(filters).to_be_visible()
        expect(view.get_by_role("dialog", name="Filters")).to_be_visible()
        axe_check(view)
        view.keyboard.press("Escape")  # and closes it
        expect(filters).not_to_be_visible()
        toggle.click()
        expect(filters).to_be_visible()
        shot(view, "filters-open")
        filters.get_by_label(re.compile(r"^Gratis")).check()
        filters.get_by_role("button", name="Toon resultaten").click()
    else:
        expect(view.get_by_role("button", name=re.compile(r"^Filters \d"))).to_be_hidden()
        view.locator("#filters").get_by_label(re.compile(r"^Gratis")).check()  # applies at once
    expect(view).to_have_url(re.compile(r"gratis=1.*#resultaten$"))
    expect(heading).to_be_focused()
    assert in_view(view, heading), "after applying a filter the results are in view"
    axe_check(view)
    if is_phone(view):
        expect(view.get_by_role("button", name=re.compile(r"^Filters 1"))).to_be_visible()
    remove = view.locator(".active-filters").get_by_role("link", name=re.compile("^Gratis"))
    remove.click()
    expect(view).not_to_have_url(re.compile("gratis"))
    expect(view.locator("#resultaten")).to_be_focused()
    assert in_view(view, view.locator("#resultaten"))
    shot(view, "filter-applied-and-removed")


def _every_cell_fits(page) -> None:
    """No sideways scrolling, and every cell of every table is on screen horizontally."""
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"{page.url}: {overflow}px wider than the screen"
    cells = page.locator("main table td")
    assert cells.count() > 0, f"{page.url}: no table"
    width = page.viewport_size["width"]
    for i in range(cells.count()):
        cell = cells.nth(i)
        cell.scroll_into_view_if_needed()
        expect(cell).to_be_visible()
        box = cell.bounding_box()
        assert box["x"] >= -1 and box["x"] + box["width"] <= width + 1, (page.url, i, box)
        if is_phone(page) and cell.get_attribute("data-label"):
            label = page.evaluate("el => getComputedStyle(el, '::before').content", cell.element_handle())
            assert label.strip('"') == cell.get_attribute("data-label")


def test_mijn_tables_show_every_column(live_server, view, browser, visit, shot):
    log_in(view, live_server, TEACHER_PO)
    visit(view, "/mijn/boekingen")
    _every_cell_fits(view)
    shot(view, "teacher-bookings")

    provider = browser.new_context(locale="nl-NL", viewport=view.viewport_size).new_page()
    log_in(provider, live_server, PROVIDER)
    for path in ("/mijn/boekingen", "/mijn/aanbod"):
        visit(provider, path)
        _every_cell_fits(provider)
        shot(provider, "provider" + path.replace("/", "-"))
    provider.get_by_role("link", name="Data").first.click()
    expect(provider.get_by_role("heading", name="Geplande data")).to_be_visible()
    _every_cell_fits(provider)
    shot(provider, "provider-dates")
    provider.context.close()


def test_without_javascript_filters_and_sorting_still_work_on_a_phone(live_server, browser):
    """(No axe here: it runs as a script. The same page is scanned with JavaScript above.)"""
    context = browser.new_context(
        locale="nl-NL", viewport={"width": 390, "height": 844}, java_script_enabled=False
    )
    context.set_default_timeout(10_000)
    phone = context.new_page()
    phone.goto(live_server("/aanbod"))
    expect(phone.locator(".filters-toggle")).to_be_hidden()  # no panel without JavaScript
    free = phone.locator("#filters").get_by_label(re.compile(r"^Gratis"))
    expect(free).to_be_visible()
    free.check()
    phone.locator("#filters").get_by_role("button", name="Toon resultaten").click()
    expect(phone).to_have_url(re.compile(r"gratis=1"))
    phone.get_by_label("Sorteren op").select_option("datum")
    phone.get_by_role("button", name="Sorteren", exact=True).click()
    expect(phone).to_have_url(re.compile(r"sorteer=datum"))
    expect(phone.locator("#filters").get_by_label(re.compile(r"^Gratis"))).to_be_checked()
    context.close()


def test_staff_tables_show_every_column(live_server, view, visit, shot):
    """The tables a coordinator and an admin reach from /mijn stack the same way."""
    log_in(view, live_server, f"beheerder@{DEMO_DOMAIN}")
    for path in ("/beheer/", "/beheer/organisaties", "/beheer/taxonomie", "/beheer/mail/"):
        visit(view, path)
        _every_cell_fits(view)
        shot(view, "admin" + path.rstrip("/").replace("/", "-"))
