"""Requests area (issue 13): a provider chooses to hear of requests at once, a teacher posts a
request, the provider gets the mail and answers, the teacher gets the answer by mail, compares
and accepts it, which is a confirmed booking with its .ics; both see it on /mijn. axe-core on
every page on the way, and the list and request page at phone size (390 px)."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from playwright.sync_api import expect

from portal.demo import DEMO_DOMAIN
from portal.models import local_now
from tests.browser.test_shared_pages import log_in

pytestmark = pytest.mark.browser

TEACHER = f"docent.vmbo@{DEMO_DOMAIN}"
PROVIDER = f"aanbieder@{DEMO_DOMAIN}"
TITLE = "Gastles windenergie voor 3 KB"


def test_teacher_posts_provider_answers_teacher_accepts(live_server, page, browser, visit, shot, smtp_sink):
    provider = browser.new_context(locale="nl-NL", timezone_id="Europe/Amsterdam").new_page()
    log_in(provider, live_server, PROVIDER)
    visit(provider, "/mijn/vraagmeldingen")
    provider.get_by_label("Meteen").check()
    provider.get_by_role("button", name="Opslaan").click()
    expect(provider.get_by_text("Je voorkeur is opgeslagen")).to_be_visible()

    log_in(page, live_server, TEACHER)
    visit(page, "/vragen/nieuw")
    today = local_now().date()
    page.get_by_label("Wat zoek je?").fill(TITLE)
    page.get_by_label("Soort activiteit").select_option(label="Gastles")
    page.get_by_label("Niveau").select_option(label="vmbo KB (kaderberoepsgerichte leerweg)")
    page.get_by_label("Thema").select_option(label="Energietransitie")
    page.get_by_label("Gemeente").select_option(label="Lelystad")
    page.get_by_label("Van", exact=True).fill((today + timedelta(days=14)).isoformat())
    page.get_by_label("Tot en met").fill((today + timedelta(days=45)).isoformat())
    page.get_by_label("Aantal leerlingen").fill("18")
    page.get_by_label("Meer over je vraag").fill(
        "Hoe werkt een windturbine? Graag met iets om vast te pakken."
    )
    page.get_by_role("button", name="Plaats de vraag").click()
    expect(page.get_by_text("Je vraag is gepubliceerd")).to_be_visible()
    request_path = page.url.replace(live_server.url, "")
    assert re.fullmatch(r"/vragen/\d+", request_path)
    visit(page, request_path)
    shot(page, "teacher-posted")

    told = smtp_sink.wait_for(to=PROVIDER, subject_contains="Een leerkracht vraagt", timeout=20)
    assert any(request_path in link for link in smtp_sink.links(told))
    visit(provider, request_path)
    provider.get_by_label("Antwoord met").select_option(index=1)
    provider.get_by_label("Je bericht aan de leerkracht").fill("We komen met een model van een windturbine.")
    day = today + timedelta(days=21)
    provider.get_by_label("Voorgestelde datum (of eerste dag)").fill(day.isoformat())
    provider.get_by_label("Begintijd").fill("09:30")
    provider.get_by_label("Eindtijd").fill("11:00")
    provider.get_by_label("Prijs in euro").fill("75")
    provider.get_by_role("button", name="Verstuur het antwoord").click()
    expect(provider.get_by_text("Je antwoord is naar de leerkracht gestuurd")).to_be_visible()
    visit(provider, request_path)
    shot(provider, "provider-answered")

    answered = smtp_sink.wait_for(to=TEACHER, subject_contains="Een antwoord op je vraag", timeout=20)
    assert "Windpark Flevopolder Energie" in smtp_sink.text(answered)
    visit(page, request_path)
    row = page.get_by_role("row", name=re.compile("Windpark Flevopolder Energie"))
    expect(row).to_contain_text("€ 75,00")
    shot(page, "teacher-compares")
    row.get_by_role("button", name="Accepteer dit antwoord").click()
    expect(page.get_by_text("Je hebt het antwoord geaccepteerd")).to_be_visible()
    booking_path = page.url.replace(live_server.url, "")
    assert re.fullmatch(r"/mijn/boekingen/\d+", booking_path)
    visit(page, booking_path)
    expect(page.get_by_text("bevestigd").first).to_be_visible()

    confirmation = smtp_sink.wait_for(to=TEACHER, subject_contains="Bevestigd", timeout=20)
    assert any(name.endswith(".ics") for name, _t, _d in smtp_sink.attachments(confirmation))
    booked = smtp_sink.wait_for(to=PROVIDER, subject_contains="Nieuwe boeking", timeout=20)
    assert booking_path in " ".join(smtp_sink.links(booked))

    visit(page, "/mijn/")
    expect(page.locator("li", has_text=TITLE)).to_contain_text("Antwoord geaccepteerd")
    visit(provider, "/mijn/")
    expect(provider.locator("li", has_text=TITLE)).to_contain_text("Geaccepteerd")
    shot(provider, "provider-dashboard")
    provider.context.close()


def test_requests_pages_at_phone_size(live_server, mobile_page, visit, shot):
    visit(mobile_page, "/vragen")
    expect(mobile_page.get_by_role("heading", level=1)).to_have_text("Vragen van leerkrachten")
    mobile_page.get_by_role("link", name=re.compile("zonnepanelen")).first.click()
    visit(mobile_page, mobile_page.url.replace(live_server.url, ""))
    width = mobile_page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the request page scrolls sideways at 390 px ({width} px)"
    shot(mobile_page, "request-phone")
    log_in(mobile_page, live_server, TEACHER)
    visit(mobile_page, "/vragen/nieuw")
    width = mobile_page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the request form scrolls sideways at 390 px ({width} px)"
