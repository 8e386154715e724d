"""Places on /aanbod (issue 12, item 1) at desktop and phone size with axe on every page: a
visitor filters on a province, searches within 25 km of a municipality they choose and sorts
nearest first; a teacher's school is where "in de buurt" counts from; without a place to
start, the page asks for one."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from portal.demo import DEMO_DOMAIN
from tests.browser.test_search_cards_journey import is_phone
from tests.browser.test_shared_pages import log_in

pytestmark = pytest.mark.browser

TEACHER_PO = f"docent@{DEMO_DOMAIN}"  # Basisschool De Windroos, Almere


@pytest.fixture(params=["page", "mobile_page"])
def view(request):
    return request.getfixturevalue(request.param)


def open_filters(page):
    if is_phone(page):
        page.get_by_role("button", name=re.compile(r"^Filters \d")).click()
        expect(page.locator("#filters")).to_be_visible()
    return page.locator("#filters")


def test_a_visitor_filters_on_a_province_and_searches_nearby(live_server, view, visit, axe_check, shot):
    visit(view, "/aanbod")
    filters = open_filters(view)
    region = filters.get_by_role("group", name="Voor scholen in provincie of regio")
    expect(region.get_by_label(re.compile(r"^Flevoland \(\d+\)"))).to_be_visible()
    axe_check(view)
    region.get_by_label(re.compile(r"^Flevoland")).check()
    if is_phone(view):
        filters.get_by_role("button", name="Toon resultaten").click()
    expect(view).to_have_url(re.compile(r"regio=flevoland"))
    expect(view.locator(".active-filters")).to_contain_text("Regio Flevoland")
    axe_check(view)
    shot(view, "region-flevoland")

    filters = open_filters(view)
    filters.get_by_label("Afstand vanaf").select_option(label="Lelystad")
    filters.get_by_label("Binnen 25 km").check()
    filters.get_by_role("button", name="Toon resultaten").click()
    expect(view).to_have_url(re.compile(r"nabij=25"))
    expect(view).to_have_url(re.compile(r"vanaf=lelystad"))
    expect(view.locator("#resultaten")).to_be_focused()
    expect(view.get_by_text("Afstanden hemelsbreed vanaf het midden van Lelystad.")).to_be_visible()
    expect(view.locator(".active-filters")).to_contain_text("Binnen 25 km")
    axe_check(view)

    view.get_by_label("Sorteren op").select_option("afstand")
    expect(view).to_have_url(re.compile(r"sorteer=afstand"))
    cards = view.locator("ol.search-results article")
    expect(cards.first).to_be_visible()
    # Where the class travels (a visit, a facility), nearest first; material, online offers
    # and guest lessons that come to the school count as 0 km (their card may still say how
    # far the provider is).
    travel = " ".join(
        t for t in cards.all_inner_texts() if re.search(r"Bedrijfsbezoek|Faciliteit", t) and "online" not in t
    )
    distances = [int(km) for km in re.findall(r"ca\. (\d+) km", travel)]
    assert distances == sorted(distances) and all(km <= 25 for km in distances), distances
    axe_check(view)
    shot(view, "nearest-first-from-lelystad")


def test_without_a_place_the_page_asks_for_one(live_server, view, visit, shot):
    visit(view, "/aanbod?nabij=10")
    expect(view.get_by_role("status").filter(has_text="moeten we weten vanaf waar")).to_be_visible()
    expect(view.get_by_role("heading", name=re.compile(r"^\d+ resultaten?$"))).to_be_visible()
    shot(view, "asks-for-a-place")


def test_a_teachers_school_is_the_starting_point(live_server, view, visit, shot):
    log_in(view, live_server, TEACHER_PO)
    visit(view, "/aanbod?nabij=10&sorteer=afstand&niveau=alle")
    expect(view.get_by_text("Afstanden hemelsbreed vanaf het midden van Almere.")).to_be_visible()
    expect(view.locator("#f-vanaf option").first).to_have_text("Mijn school (Almere)")
    expect(view.locator("ol.search-results > li").first).to_be_visible()
    shot(view, "teacher-school-nearby")
