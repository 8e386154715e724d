"""Issue 12, item 1, at desktop and phone size with axe: a provider writing a guest lesson says
how far they come to schools ("Komt naar scholen binnen (km)", 25 by default); the field goes away
for teaching material and for an online offer, and a number out of range is refused next to the
field without losing what was typed."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from portal.demo import DEMO_DOMAIN
from portal.extensions import db
from portal.models import Offer
from tests.browser.test_shared_pages import log_in

pytestmark = pytest.mark.browser

PROVIDER = f"aanbieder.bouw@{DEMO_DOMAIN}"
TITLE = "Zonnepanelen op het schoolplein"


@pytest.fixture
def live_server_seed():
    return "accounts"


@pytest.mark.parametrize("size", ["desktop", "phone"])
def test_a_guest_lesson_says_how_far_it_comes(size, page, mobile_page, live_server, visit, axe_check, shot):
    tab = page if size == "desktop" else mobile_page
    log_in(tab, live_server, PROVIDER)
    visit(tab, "/aanbod/nieuw?soort=guest_lesson")
    reach = tab.get_by_label("Komt naar scholen binnen (km)")
    expect(reach).to_be_visible()
    expect(reach).to_have_value("25")
    shot(tab, "reach-guest-lesson")

    tab.get_by_label("Lesmateriaal", exact=True).check()
    expect(reach).to_be_hidden()
    tab.get_by_label("Gastles", exact=True).check()
    expect(reach).to_be_visible()
    tab.get_by_label("Online", exact=True).check()
    expect(reach).to_be_hidden()
    tab.get_by_label("Op locatie", exact=True).check()
    expect(reach).to_be_visible()

    tab.get_by_label("Titel").fill(TITLE)
    tab.get_by_label("Samenvatting").fill("Leerlingen meten wat een zonnepaneel opbrengt.")
    tab.get_by_label("Gemeente").select_option(label="Amersfoort")
    tab.get_by_label("Adres").fill("Stationsplein 1, Amersfoort")
    reach.fill("900")
    tab.get_by_role("button", name=re.compile("Opslaan en verder")).click()
    expect(tab.locator("#serves_within_km-error")).to_have_text("Vul een getal tussen 1 en 300 in.")
    expect(tab.get_by_label("Titel")).to_have_value(TITLE)
    expect(tab.get_by_label("Komt naar scholen binnen (km)")).to_have_value("900")
    axe_check(tab)
    shot(tab, "reach-refused")

    tab.get_by_label("Komt naar scholen binnen (km)").fill("40")
    tab.get_by_role("button", name=re.compile("Opslaan en verder")).click()
    expect(tab.get_by_role("heading", level=1)).to_be_visible()
    with live_server.app.app_context():
        offer = db.session.scalar(select(Offer).where(Offer.title == TITLE))
        assert offer is not None and offer.serves_within_km == 40
