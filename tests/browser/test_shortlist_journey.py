"""Short list (issue 10, item 2): a teacher saves an offer from the search results and one
from its offer page, opens "Bewaard", ticks both and sees them side by side; at desktop and
phone size, axe-core on every page. Without JavaScript the same button posts and comes back
with a message; a visitor is asked to log in and comes back to the offer."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from portal.demo import DEMO_DOMAIN, DEMO_PASSWORD
from tests.browser.test_shared_pages import log_in

pytestmark = pytest.mark.browser

TEACHER = f"docent.vmbo@{DEMO_DOMAIN}"  # the vmbo demo teacher starts with an empty list
FROM_SEARCH = "Bezoek aan Windpark Flevopolder: onder de wiek van een windturbine"
FROM_PAGE = "Bouwplaats Zeewolde: een huis van hout in tien dagen"


def named(action: str, title: str) -> re.Pattern:
    """ "Bewaren: <title>": the visible word and the offer's title, which is visually hidden
    (Chromium puts a space before the colon of a hidden span)."""
    return re.compile(rf"^{action}\s*: {re.escape(title)}$")


def offer_path(live_server, title: str) -> str:
    from portal.extensions import db
    from portal.models import Offer

    with live_server.app.app_context():
        offer = db.session.query(Offer).filter_by(title=title).one()
        return f"/aanbod/{offer.id}-{offer.slug}"


def no_sideways_scroll(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0


def open_nav_link(page, name) -> None:
    """Click a link of the main navigation (opening the menu first on a phone)."""
    toggler = page.get_by_role("button", name="Menu openen")
    if toggler.is_visible():
        toggler.click()
    page.get_by_role("navigation", name="Hoofdnavigatie").get_by_role("link", name=name).click()


@pytest.mark.parametrize("which", ["page", "mobile_page"])
def test_teacher_saves_two_offers_and_compares_them(live_server, request, visit, shot, which):
    page = request.getfixturevalue(which)
    size = "desktop" if which == "page" else "phone"
    log_in(page, live_server, TEACHER)

    visit(page, "/aanbod?q=windturbine")
    save = page.get_by_role("button", name=named("Bewaren", FROM_SEARCH))
    save.click()
    saved = page.get_by_role("button", name=named("Bewaard", FROM_SEARCH))
    expect(saved).to_have_attribute("aria-pressed", "true")
    expect(page.locator("body > [role=status][aria-live=polite]")).to_contain_text("Bewaard:")
    expect(page.locator("[data-shortlist-count]")).to_have_text("1")
    assert page.url.endswith("/aanbod?q=windturbine")  # no reload, no jump
    shot(page, f"{size}-saved-from-search")

    visit(page, offer_path(live_server, FROM_PAGE))
    page.get_by_role("button", name=named("Bewaren", FROM_PAGE)).click()
    expect(page.get_by_role("button", name=named("Bewaard", FROM_PAGE))).to_have_attribute(
        "aria-pressed", "true"
    )
    expect(page.locator("[data-shortlist-count]")).to_have_text("2")
    no_sideways_scroll(page)
    shot(page, f"{size}-saved-on-offer-page")

    open_nav_link(page, "Bewaard (2)")
    expect(page.get_by_role("heading", level=1, name="Bewaard aanbod")).to_be_visible()
    visit(page, "/bewaard")
    no_sideways_scroll(page)
    shot(page, f"{size}-list")
    page.get_by_label(named("Vergelijken", FROM_SEARCH)).check()
    page.get_by_label(named("Vergelijken", FROM_PAGE)).check()
    page.get_by_role("button", name="Vergelijk het aangevinkte aanbod").first.click()

    expect(page.get_by_role("heading", level=1, name="Aanbod vergelijken")).to_be_visible()
    visit(page, page.url.replace(live_server.url, ""))
    table = page.get_by_role("table")
    headers = table.get_by_role("columnheader")
    expect(headers).to_have_count(2)
    expect(headers).to_have_text([FROM_PAGE, FROM_SEARCH])  # as on the list: newest first
    for row in ("Soort", "Waar", "Doelgroepen", "Prijs", "Eerstvolgende data", "Boeken"):
        expect(table.get_by_role("rowheader", name=row, exact=True)).to_be_visible()
    expect(table.get_by_role("row", name=re.compile("^Soort")).get_by_role("cell")).to_have_text(
        ["Bedrijfsbezoek", "Bedrijfsbezoek"]
    )
    no_sideways_scroll(page)
    shot(page, f"{size}-compare")
    if size == "phone":
        # The table scrolls inside its box; the row names stay in view while it does.
        region = page.get_by_role("region", name=re.compile("naast elkaar"))
        assert region.evaluate("el => el.scrollWidth > el.clientWidth")
        label = table.get_by_role("rowheader", name="Prijs", exact=True)
        before = label.bounding_box()["x"]
        region.evaluate("el => el.scrollBy(400, 0)")
        page.wait_for_function("document.querySelector('.shortlist-compare').scrollLeft > 0")
        assert label.bounding_box()["x"] == before
        expect(headers.nth(1)).to_be_in_viewport()
        shot(page, "phone-compare-scrolled")

    # Removing from the list: the count goes down, the other one stays.
    visit(page, "/bewaard")
    page.get_by_role("button", name=named("Verwijderen", FROM_SEARCH)).click()
    expect(page.get_by_text("Verwijderd uit je bewaarde aanbod")).to_be_visible()
    expect(page.get_by_role("heading", level=2, name=FROM_SEARCH)).to_have_count(0)
    expect(page.get_by_role("heading", level=2, name=FROM_PAGE)).to_be_visible()
    expect(page.locator("[data-shortlist-count]")).to_have_text("1")


def test_without_javascript_the_button_posts_and_comes_back(live_server, browser, shot):
    context = browser.new_context(locale="nl-NL", java_script_enabled=False)
    page = context.new_page()
    try:
        log_in(page, live_server, TEACHER)
        path = offer_path(live_server, FROM_PAGE)
        # axe-core needs JavaScript: these pages are scanned in the journey above.
        assert page.goto(live_server(path)).status == 200
        page.get_by_role("button", name=named("Bewaren", FROM_PAGE)).click()
        expect(page.get_by_text(f"Bewaard: “{FROM_PAGE}”")).to_be_visible()
        assert page.url.endswith(path)
        expect(page.get_by_role("button", name=named("Bewaard", FROM_PAGE))).to_have_attribute(
            "aria-pressed", "true"
        )
        shot(page, "no-js-saved")
        page.get_by_role("button", name=named("Bewaard", FROM_PAGE)).click()
        expect(page.get_by_text("Verwijderd uit je bewaarde aanbod")).to_be_visible()
    finally:
        context.close()


def test_a_visitor_logs_in_to_save_and_comes_back_to_the_offer(live_server, mobile_page, visit):
    path = offer_path(live_server, FROM_PAGE)
    visit(mobile_page, path)
    mobile_page.get_by_role("link", name=named("Log in om te bewaren", FROM_PAGE)).click()
    mobile_page.get_by_label("E-mailadres").fill(TEACHER)
    mobile_page.get_by_label("Wachtwoord", exact=True).fill(DEMO_PASSWORD)
    mobile_page.get_by_role("button", name="Inloggen").click()
    mobile_page.wait_for_url(f"**{path}")
    expect(mobile_page.get_by_role("button", name=named("Bewaren", FROM_PAGE))).to_be_visible()


def test_a_full_list_says_so_next_to_the_button(live_server, page, axe_check, shot):
    from portal.extensions import db
    from portal.models import Offer, SavedOffer, User
    from portal.shortlist.services import MAX_SAVED

    with live_server.app.app_context():
        teacher = db.session.query(User).filter_by(email=TEACHER).one()
        others = db.session.query(Offer).filter(Offer.title != FROM_PAGE).limit(MAX_SAVED).all()
        for offer in others:
            db.session.add(SavedOffer(user_id=teacher.id, offer_id=offer.id))
        for n in range(MAX_SAVED - len(others)):  # the demo has fewer offers than a full list
            copy = Offer(organisation=others[0].organisation, kind="material", status=others[0].status)
            copy.title, copy.slug = f"Extra {n}", f"extra-{n}"
            db.session.add(copy)
            db.session.flush()
            db.session.add(SavedOffer(user_id=teacher.id, offer_id=copy.id))
        db.session.commit()
    log_in(page, live_server, TEACHER)
    page.goto(live_server(offer_path(live_server, FROM_PAGE)))

    page.get_by_role("button", name=named("Bewaren", FROM_PAGE)).click()

    expect(page.get_by_role("alert")).to_contain_text("Je hebt 50 aanbiedingen bewaard")
    expect(page.get_by_role("button", name=named("Bewaren", FROM_PAGE))).to_have_attribute(
        "aria-pressed", "false"
    )
    expect(page.locator("[data-shortlist-count]")).to_have_text("50")
    axe_check(page)
    shot(page, "list-full")
