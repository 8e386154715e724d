"""Open data in the browser: someone who wants the data finds the feeds in /aanbod's page head,
opens the API page (/api/v1/), reads what it offers and follows the links to the JSON and the
OpenAPI document; axe on the page at desktop and phone size, and no sideways scrolling."""

from __future__ import annotations

import json

import pytest


@pytest.fixture(params=["desktop", "phone"])
def any_page(request, page, mobile_page):
    return page if request.param == "desktop" else mobile_page


def test_open_data_page_and_links(any_page, live_server, visit, shot):
    p = any_page
    visit(p, "/aanbod?thema=energietransitie")
    feeds = p.locator('link[rel="alternate"]')
    hrefs = {
        feeds.nth(i).get_attribute("type"): feeds.nth(i).get_attribute("href") for i in range(feeds.count())
    }
    assert "/aanbod.ics?thema=energietransitie" in hrefs["text/calendar"]
    assert "/aanbod.atom?thema=energietransitie" in hrefs["application/atom+xml"]

    visit(p, "/api/v1/")
    assert p.get_by_role("heading", name="Open data", level=1).is_visible()
    assert p.get_by_role("heading", name="GET /api/v1/offers: Aanbod zoeken").is_visible()
    assert p.get_by_role("table", name="Parameters van /api/v1/offers", exact=True).count() == 1
    overflow = p.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"the page scrolls sideways by {overflow}px"
    shot(p, "api-docs")

    p.get_by_role("link", name="/api/v1/openapi.json").click()
    document = json.loads(p.locator("body").inner_text())
    assert document["openapi"] == "3.1.0" and "/api/v1/figures" in document["paths"]
    response = p.request.get(live_server("/api/v1/offers?thema=energietransitie&per_page=5"))
    body = response.json()
    assert response.status == 200 and body["items"] and body["total"] >= len(body["items"])
    assert response.headers["access-control-allow-origin"] == "*"
