"""A coordinator's moderation round in a real browser (real CSRF), with an axe scan of
every /beheer page on the way."""

from __future__ import annotations

import re


def _login(page, live_server, email):
    page.goto(live_server("/inloggen"))
    page.fill("#email", email)
    page.fill("#password", "demo-wachtwoord")
    page.locator("form:has(#email) button[type=submit]").click()
    page.wait_for_load_state()


def test_coordinator_reviews_rejects_and_verifies(live_server, page, visit, axe_check):
    _login(page, live_server, "coordinator@demo.techniekflevoland.nl")
    visit(page, "/beheer/")
    assert page.locator("h1").inner_text() == "Moderatie"
    page.get_by_role("link", name=re.compile("dag uit het leven van een medisch technicus")).first.click()
    visit(page, page.url)
    assert page.locator("ins.diff-ins").count() > 0
    page.get_by_role("button", name="Afwijzen").click()
    assert "Geef een reden" in page.locator("#reject-reason-error").inner_text()
    axe_check(page)
    page.fill("#reject-reason", "Vermeld welke opleidingen erbij horen.")
    page.get_by_role("button", name="Afwijzen").click()
    assert "Afgewezen" in page.locator(".flashes").inner_text()

    visit(page, "/beheer/organisaties?kind=company&verified=no")
    page.get_by_role("link", name="Media Makers Almere").click()
    visit(page, page.url)
    page.get_by_role("button", name="Verifieer deze organisatie").click()
    assert "is geverifieerd" in page.locator(".flashes").inner_text()
    assert page.get_by_role("link", name="Taxonomie").count() == 0  # admins only


def test_admin_edits_the_taxonomy(live_server, page, visit, axe_check):
    _login(page, live_server, "beheerder@demo.techniekflevoland.nl")
    visit(page, "/beheer/taxonomie")
    page.fill("#new-theme-label", "Ruimtevaarttechniek")
    page.locator("form[action$='/taxonomie/theme'] button[type=submit]").click()
    assert "Ruimtevaarttechniek" in page.locator(".flashes").inner_text()
    row = page.locator("tr", has=page.locator("code", has_text=re.compile("^energietransitie$")))
    page.once("dialog", lambda dialog: dialog.accept())
    row.get_by_role("button", name=re.compile("Verwijderen")).click()
    assert "gebruiken deze term" in page.locator(".flashes").inner_text()
    axe_check(page)
