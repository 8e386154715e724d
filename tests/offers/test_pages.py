"""Create and edit through the form, and the public offer page."""

from __future__ import annotations

import json
import re
from datetime import timedelta

import pytest
from sqlalchemy import select

from portal.models import Offer, local_now
from tests.offers.conftest import offer_form, offer_url


def test_create_offer_from_the_form(client, login_as, provider, make, db):
    login_as(provider)
    response = client.post("/aanbod/nieuw", data=offer_form(make))
    assert response.status_code == 302
    offer = db.session.scalar(select(Offer))
    assert offer.status == "draft"
    assert offer.slug == "lassen-solderen"
    assert offer.price_cents == 1250
    assert offer.vog_available is True
    assert {t.code for t in offer.terms} == {"vmbo-bb", "pie", "installatietechniek"}
    assert offer.organisation_id == provider.organisation_id
    assert offer.status_changes[0].actor_id == provider.id


def test_create_asks_for_the_kind_first(client, login_as, provider):
    login_as(provider)
    page = client.get("/aanbod/nieuw").get_data(as_text=True)
    assert "soort=company_visit" in page
    form = client.get("/aanbod/nieuw?soort=material").get_data(as_text=True)
    assert 'value="material" checked' in form or "checked" in form


def test_validation_messages_are_dutch_and_keep_input(client, login_as, provider, make, db):
    login_as(provider)
    data = offer_form(
        make,
        title="",
        address="",
        group_min="20",
        group_max="10",
        price="abc",
        summary="Mijn samenvatting blijft staan",
    )
    page = client.post("/aanbod/nieuw", data=data).get_data(as_text=True)
    assert "Dit veld is verplicht" in page
    assert "Vul het adres in" in page
    assert "maximum moet minstens" in page
    assert "Vul een bedrag in euro" in page
    assert "Mijn samenvatting blijft staan" in page
    assert "Werkplaatsweg" not in page  # (address was emptied on purpose)
    assert "Piet Las" in page and "0320 123456" in page
    assert db.session.scalar(select(Offer)) is None


def test_download_only_for_material(client, login_as, provider, make, db):
    login_as(provider)
    page = client.post("/aanbod/nieuw", data=offer_form(make, booking_mode="download")).get_data(as_text=True)
    assert "Alleen downloaden kan alleen bij lesmateriaal" in page
    response = client.post(
        "/aanbod/nieuw",
        data=offer_form(make, kind="material", booking_mode="download", location_mode="online", address=""),
    )
    assert response.status_code == 302
    assert db.session.scalar(select(Offer)).booking_mode == "download"


def test_online_offer_needs_no_address(client, login_as, provider, make, db):
    login_as(provider)
    response = client.post(
        "/aanbod/nieuw", data=offer_form(make, location_mode="online", address="", municipality_id="")
    )
    assert response.status_code == 302


def test_wrong_slug_redirects_permanently(client, published):
    response = client.get(f"/aanbod/{published.id}-iets-anders")
    assert response.status_code == 301
    assert response.headers["Location"].endswith(offer_url(published))
    assert client.get(f"/aanbod/{published.id}").status_code == 301


def test_unpublished_offer_is_404_for_visitors_and_shown_to_owner(client, login_as, draft, provider):
    assert client.get(offer_url(draft)).status_code == 404
    login_as(provider)
    page = client.get(offer_url(draft)).get_data(as_text=True)
    assert "concept" in page.lower()
    assert f"/aanbod/{draft.id}/indienen" in page and "/herstellen" not in page


def test_offer_page_shows_what_a_teacher_needs(client, make, db):
    org = make.company(verified=True, website="https://las.example.org")
    offer = make.offer(
        organisation=org,
        booking_mode="slots",
        price_cents=1250,
        vog_available=True,
        contact_name="Piet Las",
        address="Werkplaatsweg 1",
        terms=[("audience", "vmbo-bb"), ("theme", "bouw")],
    )
    make.slot(offer, capacity=10, booked=3, days_ahead=10)
    make.slot(offer, capacity=10, start=local_now().replace(microsecond=0) - timedelta(days=3))
    db.session.commit()
    page = client.get(offer_url(offer)).get_data(as_text=True)
    for text in (
        offer.title,
        "vmbo BB",
        "Bouw",
        "€ 12,50",
        "Piet Las",
        org.name,
        "geverifieerd",
        "Werkplaatsweg 1",
        "90 minuten",
        "mailto:?subject=",
        'id="share-url"',
    ):
        assert text in page, text
    assert "<strong>robot</strong>" in page
    assert page.count("<tr><td>") == 1  # only the future slot
    assert "7 leerlingen" in page
    ld = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)[1])
    assert ld[0]["@type"] == "Event" and ld[0]["remainingAttendeeCapacity"] == 7


def test_course_jsonld_for_request_offers(client, make, db):
    offer = make.offer(title="</script><script>alert(1)</script>")
    db.session.commit()
    page = client.get(offer_url(offer)).get_data(as_text=True)
    raw = re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)[1]
    assert "<script>" not in raw
    assert json.loads(raw)["@type"] == "Course"


def test_edit_form_keeps_values(client, login_as, provider, make, db):
    login_as(provider)
    client.post("/aanbod/nieuw", data=offer_form(make))
    offer = db.session.scalar(select(Offer))
    page = client.get(f"/aanbod/{offer.id}/bewerken").get_data(as_text=True)
    assert 'value="12,50"' in page and "Lassen &amp; solderen" in page
    data = offer_form(make, title="Solderen voor beginners")
    response = client.post(f"/aanbod/{offer.id}/bewerken", data=data)
    assert response.status_code == 302
    db.session.refresh(offer)
    assert offer.title == "Solderen voor beginners" and offer.slug == "solderen-voor-beginners"


@pytest.mark.both_databases
def test_duplicate_makes_a_draft_copy_without_bookings(client, login_as, provider, make, db):
    offer = make.offer(organisation=provider.organisation, booking_mode="slots", terms=[("theme", "bouw")])
    make.slot(offer, capacity=10, booked=4)
    db.session.commit()
    login_as(provider)
    response = client.post(f"/aanbod/{offer.id}/dupliceren")
    assert response.status_code == 302
    copy = db.session.scalar(select(Offer).where(Offer.id != offer.id))
    assert copy.status == "draft" and copy.published_at is None
    assert copy.title.startswith("Kopie van")
    assert [t.code for t in copy.terms] == ["bouw"]
    assert copy.slots == [] and offer.slots[0].booked == 4


@pytest.mark.both_databases
def test_my_offers_groups_by_status_with_actions(client, login_as, provider, make, db):
    make.offer(organisation=provider.organisation, status="draft", title="Concept A")
    make.offer(organisation=provider.organisation, status="published", title="Live B")
    make.offer(organisation=provider.organisation, status="archived", title="Oud C")
    make.offer(title="Van een ander")
    db.session.commit()
    login_as(provider)
    page = client.get("/mijn/aanbod").get_data(as_text=True)
    assert "Concept A" in page and "Live B" in page and "Oud C" in page
    assert "Van een ander" not in page
    assert 'id="status-draft"' in page and 'id="status-archived"' in page
    assert "/herstellen" in page and "/indienen" in page


def test_dashboard_and_home_sections(client, login_as, provider, make, db):
    make.offer(organisation=provider.organisation, status="rejected", title="Moet beter")
    make.offer(title="Uitgelicht aanbod", featured=True)
    make.offer(title="Nieuw aanbod")
    db.session.commit()
    home = client.get("/").get_data(as_text=True)
    assert "Uitgelicht aanbod" in home and "Nieuw aanbod" in home
    assert "Moet beter" not in home
    login_as(provider)
    dashboard = client.get("/mijn/").get_data(as_text=True)
    assert "Moet beter" in dashboard and "/mijn/aanbod" in dashboard


def test_owner_still_sees_an_archived_offer(client, login_as, make, provider, db):
    offer = make.offer(organisation=provider.organisation, status="archived")
    db.session.commit()
    assert client.get(offer_url(offer)).status_code == 404
    login_as(provider)
    page = client.get(offer_url(offer)).get_data(as_text=True)
    assert "gearchiveerd" in page and "/bewerken" not in page
    assert f"/aanbod/{offer.id}/herstellen" in page and "/indienen" not in page


def test_lifecycle_posts_need_a_csrf_token(app, client, login_as, provider, published, db):
    app.config["WTF_CSRF_ENABLED"] = True
    login_as(provider)
    response = client.post(f"/aanbod/{published.id}/archiveren")
    assert response.status_code == 400
    db.session.refresh(published)
    assert published.status == "published"
