"""A double click on a form button submits once: one request, one decision recorded.

Chromium already folds a double click into one navigation and the server refuses a decision
on an offer that is no longer waiting; portal.js adds a guard for browsers that do not."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect
from sqlalchemy import func, select

from portal.demo import DEMO_DOMAIN
from portal.extensions import db
from portal.models import Offer, OfferStatusChange
from tests.browser.test_shared_pages import log_in

pytestmark = pytest.mark.browser

TITLE = re.compile("dag uit het leven van een medisch technicus")


def decisions(live_server) -> tuple[str, int]:
    """(status, rejections recorded) of the demo offer waiting for review."""
    with live_server.app.app_context():
        offer = db.session.scalar(select(Offer).where(Offer.title.contains("medisch technicus")))
        rejections = db.session.scalar(
            select(func.count())
            .select_from(OfferStatusChange)
            .where(OfferStatusChange.offer_id == offer.id, OfferStatusChange.to_status == "rejected")
        )
        return offer.status, rejections


def test_double_clicking_reject_rejects_once(live_server, page, visit):
    _, rejections_before = decisions(live_server)
    log_in(page, live_server, f"coordinator@{DEMO_DOMAIN}")
    visit(page, "/beheer/")
    page.locator("table").get_by_role("link", name=TITLE).first.click()
    page.fill("#reject-reason", "Vermeld welke opleidingen erbij horen.")
    posts = []

    def count_and_continue(route):
        posts.append(route.request.url)
        route.continue_()

    page.route(re.compile(r".*/afwijzen$"), count_and_continue)
    page.get_by_role("button", name="Afwijzen").dblclick()
    expect(page.locator(".flashes")).to_contain_text("Afgewezen")
    assert len(posts) == 1
    assert decisions(live_server) == ("rejected", rejections_before + 1)
