"""The moderation queue, the review page and the decisions taken on it."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from portal.models import OutboxMail


@pytest.mark.both_databases
def test_coordinator_sees_offers_of_own_region_only(
    client, login_as, flevo_coordinator, submitted, utrecht_offer
):
    login_as(flevo_coordinator)
    html = client.get("/beheer/").get_data(as_text=True)
    assert "Robots bouwen in groep 8" in html
    assert "Bruggen bouwen in Utrecht" not in html


def test_admin_sees_every_region(client, login_as, submitted, utrecht_offer):
    login_as("admin")
    html = client.get("/beheer/").get_data(as_text=True)
    assert "Robots bouwen in groep 8" in html and "Bruggen bouwen in Utrecht" in html


def test_offer_without_municipality_is_scoped_by_its_provider(
    client, login_as, make, flevo_coordinator, utrecht_town
):
    company = make.company(municipality=utrecht_town)
    make.offer(
        company, status="submitted", municipality=None, location_mode="online", title="Online les uit Utrecht"
    )
    login_as(flevo_coordinator)
    assert "Online les uit Utrecht" not in client.get("/beheer/").get_data(as_text=True)


@pytest.mark.both_databases
def test_queue_lists_oldest_first_and_counts_per_status(client, login_as, make, flevo_coordinator):
    from datetime import datetime

    company = make.company(verified=False)
    make.offer(company, status="submitted", title="Nieuwste", submitted_at=datetime(2026, 3, 2))
    make.offer(company, status="submitted", title="Oudste", submitted_at=datetime(2026, 1, 2))
    make.offer(company, status="draft", title="Onaf robotlesje")
    login_as(flevo_coordinator)
    html = client.get("/beheer/").get_data(as_text=True)
    assert html.index("Oudste") < html.index("Nieuwste")
    assert "Onaf robotlesje" not in html
    drafts = client.get("/beheer/?status=draft").get_data(as_text=True)
    assert "Onaf robotlesje" in drafts and "Oudste" not in drafts


def test_nav_badge_counts_offers_waiting_in_scope(
    client, login_as, flevo_coordinator, submitted, utrecht_offer
):
    from portal.plugs import plugs

    assert plugs().nav_badges["moderation"](flevo_coordinator) == 1


def test_review_shows_word_level_diff(client, login_as, flevo_coordinator, edited):
    login_as(flevo_coordinator)
    html = client.get(f"/beheer/aanbod/{edited.id}").get_data(as_text=True)
    assert '<del class="diff-del">bouwen</del>' in html
    assert '<ins class="diff-ins">lassen</ins>' in html


@pytest.mark.both_databases
def test_approve_publishes_and_mails_provider(client, db, login_as, make, flevo_coordinator, submitted):
    provider = make.user("provider", organisation=submitted.organisation)
    login_as(flevo_coordinator)
    response = client.post(f"/beheer/aanbod/{submitted.id}/goedkeuren", data={"version": submitted.version})
    assert response.status_code == 302
    db.session.refresh(submitted)
    assert submitted.status == "published"
    assert submitted.status_changes[-1].actor_id == flevo_coordinator.id
    assert db.session.scalar(select(OutboxMail).where(OutboxMail.recipient == provider.email))


def test_reject_requires_a_reason(client, db, login_as, flevo_coordinator, submitted):
    login_as(flevo_coordinator)
    response = client.post(
        f"/beheer/aanbod/{submitted.id}/afwijzen", data={"reject-reason": " ", "version": submitted.version}
    )
    assert response.status_code == 400
    assert "Geef een reden" in response.get_data(as_text=True)
    db.session.refresh(submitted)
    assert submitted.status == "submitted"


def test_reject_with_reason_records_it(client, db, login_as, flevo_coordinator, submitted):
    login_as(flevo_coordinator)
    response = client.post(
        f"/beheer/aanbod/{submitted.id}/afwijzen",
        data={"reject-reason": "Voeg een adres toe.", "version": submitted.version},
    )
    assert response.status_code == 302
    db.session.refresh(submitted)
    assert submitted.status == "rejected"
    assert submitted.rejection_reason == "Voeg een adres toe."
    assert submitted.status_changes[-1].reason == "Voeg een adres toe."


def test_stale_page_gives_a_clear_message_not_an_error(client, db, login_as, flevo_coordinator, submitted):
    login_as(flevo_coordinator)
    seen = submitted.version
    client.post(f"/beheer/aanbod/{submitted.id}/goedkeuren", data={"version": seen})
    again = client.post(
        f"/beheer/aanbod/{submitted.id}/afwijzen",
        data={"reject-reason": "Te laat", "version": seen},
        follow_redirects=True,
    )
    assert again.status_code == 200
    assert "Iemand heeft dit aanbod al behandeld" in again.get_data(as_text=True)
    db.session.refresh(submitted)
    assert submitted.status == "published"


def test_unpublish_needs_reason_and_takes_offer_offline(client, db, login_as, make, flevo_coordinator):
    offer = make.offer(status="published")
    login_as(flevo_coordinator)
    refused = client.post(
        f"/beheer/aanbod/{offer.id}/offline", data={"unpublish-reason": "", "version": offer.version}
    )
    assert refused.status_code == 400
    db.session.refresh(offer)
    assert offer.status == "published"
    client.post(
        f"/beheer/aanbod/{offer.id}/offline",
        data={"unpublish-reason": "Bedrijf bestaat niet meer.", "version": offer.version},
    )
    db.session.refresh(offer)
    assert offer.status == "rejected"
    assert offer.rejection_reason == "Bedrijf bestaat niet meer."


def test_feature_toggle(client, db, login_as, make, flevo_coordinator):
    offer = make.offer(status="published")
    login_as(flevo_coordinator)
    client.post(f"/beheer/aanbod/{offer.id}/uitlichten", data={"featured": "1"})
    db.session.refresh(offer)
    assert offer.featured is True
    client.post(f"/beheer/aanbod/{offer.id}/uitlichten", data={"featured": "0"})
    db.session.refresh(offer)
    assert offer.featured is False


def test_only_a_published_offer_is_featured(client, db, login_as, flevo_coordinator, submitted):
    login_as(flevo_coordinator)
    response = client.post(
        f"/beheer/aanbod/{submitted.id}/uitlichten", data={"featured": "1"}, follow_redirects=True
    )
    assert response.request.path == f"/beheer/aanbod/{submitted.id}"
    assert "Alleen gepubliceerd aanbod kan op de homepagina" in response.get_data(as_text=True)
    db.session.refresh(submitted)
    assert submitted.featured is False


def test_coordinator_of_other_region_cannot_act(client, db, login_as, utrecht_coordinator, submitted):
    login_as(utrecht_coordinator)
    assert client.get(f"/beheer/aanbod/{submitted.id}").status_code == 403
    assert client.post(f"/beheer/aanbod/{submitted.id}/goedkeuren").status_code == 403
    db.session.refresh(submitted)
    assert submitted.status == "submitted"


def test_nav_badge_and_dashboard_show_what_waits(
    client, login_as, flevo_coordinator, submitted, utrecht_offer
):
    login_as(flevo_coordinator)
    html = client.get("/mijn/").get_data(as_text=True)
    assert "1 aanbod wacht op je beoordeling." in html
    assert 'text-bg-warning">1<' in html  # the badge next to "Beheer"


def test_teacher_sees_no_management_link(client, login_as):
    login_as("teacher")
    assert "/beheer/" not in client.get("/mijn/").get_data(as_text=True)


def test_approving_a_pending_edit_names_the_new_title(client, db, login_as, flevo_coordinator, make):
    from portal.offers import lifecycle, revisions, services

    provider = make.user("provider", organisation=make.company(verified=False))
    offer = make.offer(provider.organisation, status="published", title="Lassen in tien dagen")
    revisions.add_revision(offer, None, revisions.snapshot(offer), approved=True)
    data = services.form_data(offer)
    data["title"] = "Lassen in negen dagen"
    assert services.save_offer(offer, provider, data) == "pending"
    lifecycle.submit(offer, provider)
    db.session.commit()
    login_as(flevo_coordinator)
    response = client.post(
        f"/beheer/aanbod/{offer.id}/goedkeuren", data={"version": offer.version}, follow_redirects=True
    )
    assert "Lassen in negen dagen" in response.get_data(as_text=True).split("<main")[1]
    assert "tien dagen" not in response.get_data(as_text=True).split("<main")[1]
