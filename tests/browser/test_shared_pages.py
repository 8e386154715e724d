"""Shared pages (error pages, footer pages) pass axe, and forms really carry CSRF."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from portal.demo import DEMO_DOMAIN, DEMO_PASSWORD


@pytest.fixture
def live_server_seed():
    return "accounts"


def log_in(page, live_server, email: str) -> None:
    page.goto(live_server("/inloggen"))
    page.get_by_label("E-mailadres").fill(email)
    page.get_by_label("Wachtwoord", exact=True).fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    expect(page.get_by_text("Welkom terug")).to_be_visible()


@pytest.mark.parametrize("path", ["/toegankelijkheid", "/privacy"])
def test_footer_pages_pass_axe(page, visit, path):
    visit(page, path)

    expect(page.get_by_role("heading", level=1)).to_have_count(1)


def test_not_found_page_is_dutch_and_accessible(page, visit):
    visit(page, "/bestaat-niet", expect_status=404)

    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert page.locator("html").get_attribute("lang") == "nl"


def test_no_access_page_for_a_teacher_on_a_provider_page(live_server, page, visit):
    log_in(page, live_server, f"docent@{DEMO_DOMAIN}")

    visit(page, "/mijn/aanbod", expect_status=403)

    expect(page.get_by_role("heading", level=1, name="Geen toegang")).to_be_visible()


def test_a_form_without_its_csrf_cookie_is_refused_with_an_accessible_page(live_server, page, axe_check):
    page.goto(live_server("/inloggen"))
    page.context.clear_cookies()  # the session holding the CSRF secret is gone
    page.get_by_label("E-mailadres").fill(f"docent@{DEMO_DOMAIN}")
    page.get_by_label("Wachtwoord", exact=True).fill(DEMO_PASSWORD)

    with page.expect_response(re.compile(r"/inloggen$")) as answer:
        page.get_by_role("button", name="Inloggen").click()

    assert answer.value.status == 400
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    expect(page.get_by_role("button", name=re.compile(r"Uitloggen"))).to_have_count(0)
    axe_check(page)
