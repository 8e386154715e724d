"""Saved searches (issue 13, item 4) on a 390 px phone: a teacher saves the search from
/aanbod, renames it at /mijn/zoekopdrachten, a matching offer is published, ``alerts send``
mails it (with the RFC 8058 headers), and the unsubscribe link in the mail stops the mails
without logging in. axe-core on every page."""

from __future__ import annotations

from datetime import timedelta

import pytest
from playwright.sync_api import expect

from portal.demo import DEMO_DOMAIN
from tests.browser.test_shared_pages import log_in

pytestmark = pytest.mark.browser

TEACHER = f"docent.vmbo@{DEMO_DOMAIN}"  # starts without saved searches
NEW_OFFER = "Robotlassen in de Lelystadse werkplaats"


def publish_matching_offer(live_server) -> None:
    """A provider's new offer about robots goes live (as an approved offer would)."""
    from sqlalchemy import select

    from portal.extensions import db
    from portal.models import Offer, Organisation, utcnow

    with live_server.app.app_context():
        company = db.session.scalar(select(Organisation).where(Organisation.kind == "company").limit(1))
        db.session.add(
            Offer(
                organisation=company,
                kind="guest_lesson",
                status="published",
                title=NEW_OFFER,
                slug="robotlassen",
                summary="Leerlingen zien een lasrobot aan het werk en programmeren hem zelf.",
                description="Een gastles over robots in de metaalbewerking.",
                municipality=company.municipality,
                published_at=utcnow(),
            )
        )
        db.session.commit()


def test_save_a_search_get_the_mail_and_unsubscribe(
    live_server, mobile_page, visit, shot, smtp_sink, frozen_clock
):
    page = mobile_page
    log_in(page, live_server, TEACHER)

    visit(page, "/aanbod?q=robots&niveau=alle")
    page.get_by_text("Mail mij nieuw aanbod voor deze zoekopdracht").click()
    page.get_by_label("Naam van deze zoekopdracht").fill("Robots")
    page.get_by_label("Dagelijks: een mail op elke dag met nieuw aanbod").check()
    page.get_by_role("button", name="Zoekopdracht bewaren").click()
    expect(page.get_by_text("Zoekopdracht bewaard als “Robots”. We mailen je dagelijks")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
    shot(page, "phone-saved")

    visit(page, "/mijn/zoekopdrachten")
    expect(page.get_by_role("heading", level=2, name="Robots")).to_be_visible()
    page.get_by_text("Naam of frequentie wijzigen").click()
    page.get_by_label("Naam", exact=True).fill("Robots voor 3 KB")
    page.get_by_role("button", name="Wijzigingen opslaan").click()
    expect(page.get_by_text("Opgeslagen: “Robots voor 3 KB”, dagelijks.")).to_be_visible()
    visit(page, "/mijn/zoekopdrachten")
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
    shot(page, "phone-manage")

    publish_matching_offer(live_server)
    frozen_clock.shift(timedelta(days=1))  # the next morning's run
    result = live_server.app.test_cli_runner().invoke(args=["alerts", "send"])
    # the demo teacher saved the same search: one search run, a mail to each
    assert result.exit_code == 0 and "distinct searches run: 1" in result.output, result.output

    mail = smtp_sink.wait_for(to=TEACHER, subject_contains="Robots voor 3 KB", timeout=20)
    assert NEW_OFFER in smtp_sink.text(mail)
    [unsubscribe] = [link for link in smtp_sink.links(mail) if "/zoekopdrachten/afmelden/" in link]
    assert mail["List-Unsubscribe"] == f"<{unsubscribe}>"
    assert mail["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"

    page.context.clear_cookies()  # the link works without logging in
    visit(page, unsubscribe.removeprefix(live_server.url))
    expect(page.get_by_text("Wil je stoppen met de mails over nieuw aanbod")).to_be_visible()
    page.get_by_role("button", name="Ja, stop deze mails").click()
    expect(
        page.get_by_text("Je krijgt geen mails meer voor de zoekopdracht “Robots voor 3 KB”.")
    ).to_be_visible()
    visit(page, unsubscribe.removeprefix(live_server.url))
    shot(page, "phone-unsubscribed")

    log_in(page, live_server, TEACHER)
    visit(page, "/mijn/zoekopdrachten")
    expect(page.get_by_text("Geen mails zolang gepauzeerd.")).to_be_visible()
