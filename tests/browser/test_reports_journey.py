"""Reports and white spots (issue 12, items 2-4): a coordinator opens the white-spot map,
follows a municipality's tile to its row, clicks an empty cell and sees why it is empty (no
offer for that municipality and profile on /aanbod), comes back and downloads the matrix;
the reports page shows its charts. At desktop and phone size, axe-core on every page."""

from __future__ import annotations

import csv
import io

import pytest
from playwright.sync_api import expect

from portal.demo import DEMO_DOMAIN
from tests.browser.test_shared_pages import log_in

pytestmark = pytest.mark.browser

COORDINATOR = f"coordinator@{DEMO_DOMAIN}"


def no_sideways_scroll(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0


@pytest.mark.parametrize("which", ["page", "mobile_page"])
def test_coordinator_finds_a_white_spot_and_exports_the_matrix(
    live_server, request, visit, shot, axe_check, which
):
    page = request.getfixturevalue(which)
    size = "desktop" if which == "page" else "phone"
    log_in(page, live_server, COORDINATOR)

    visit(page, "/beheer")
    page.get_by_role("link", name="Witte vlekken").click()
    expect(page.get_by_role("heading", level=1, name="Witte vlekken")).to_be_visible()
    axe_check(page)
    no_sideways_scroll(page)
    the_map = page.get_by_role("group", name="Tegelkaart", exact=False)
    expect(the_map).to_be_visible()
    shot(page, f"{size}-white-spots")

    # A tile leads to the municipality's row of the matrix.
    page.locator(".ws-map a").first.click()
    assert "#gemeente-" in page.url

    # An empty cell of the vmbo profile matrix: the text says so, the link shows why.
    empty = page.locator("#m-profile").locator("xpath=..").locator("td.ws-empty a").first
    hidden = empty.locator(".visually-hidden").inner_text()
    assert hidden.startswith("geen aanbod")
    municipality = hidden.rsplit(" in ", 1)[1].strip()
    expect(
        page.locator(".ws-sentences li", has_text=f"{municipality}: geen aanbod voor").first
    ).to_be_visible()
    empty.click()
    expect(page.get_by_text("We vonden geen aanbod dat past bij je zoekopdracht.")).to_be_visible()
    axe_check(page)
    shot(page, f"{size}-empty-cell-on-aanbod")
    page.go_back()

    # Export the matrix as CSV: the municipality's row is in it.
    with page.expect_download() as info:
        page.get_by_role("link", name="CSV (Excel) – Gemeente × vmbo-profiel").click()
    download = info.value
    assert download.suggested_filename == "witte-vlekken-profile.csv"
    with open(download.path(), "rb") as handle:
        raw = handle.read()
    assert raw.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][0] == "Gemeente" and any(r[0] == municipality for r in rows[1:])

    # The reports page: charts with their tables, readable at this size.
    page.get_by_role("link", name="Rapportages").click()
    expect(page.get_by_role("heading", level=1, name="Rapportages")).to_be_visible()
    expect(page.get_by_role("img", name="Per maand", exact=False)).to_be_visible()
    axe_check(page)
    no_sideways_scroll(page)
    shot(page, f"{size}-reports")
