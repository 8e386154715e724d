"""Nothing of an unverified provider goes public unreviewed: files added to a published offer
wait for review like text; dates do not, but show in the history. Files that are not public
are never served with a public cache lifetime."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from sqlalchemy import select

from portal.models import Attachment, OutboxMail
from portal.offers import attachments, lifecycle, revisions, uploads
from tests.offers.conftest import offer_url
from tests.offers.test_uploads import png_bytes

PDF = b"%PDF-1.7\n%...\n"


def _fetch(client, url) -> tuple[int, dict]:
    """Status and headers; the response is closed (a served file stays open until then)."""
    with client.get(url) as response:
        return response.status_code, dict(response.headers)


def _upload(client, offer, name="robot.png", data=None, alt="Een robotarm"):
    return client.post(
        f"/aanbod/{offer.id}/bestanden",
        data={"file": (io.BytesIO(data or png_bytes()), name), "alt_text": alt},
        content_type="multipart/form-data",
    )


@pytest.fixture
def waiting_file(db, client, login_as, provider, published, coordinator):
    """An image and a document the unverified provider added to the published offer."""
    revisions.add_revision(published, None, revisions.snapshot(published), approved=True)
    db.session.commit()
    login_as(provider)
    assert _upload(client, published).status_code == 302
    assert _upload(client, published, "lesbrief.pdf", PDF, "").status_code == 302
    db.session.expire_all()
    image, document = db.session.scalars(select(Attachment).order_by(Attachment.id)).all()
    return image, document


def test_a_file_added_to_a_published_offer_waits_for_review(db, published, waiting_file, coordinator):
    image, document = waiting_file
    assert image.awaiting_review and document.awaiting_review
    assert published.status == "published" and published.edit_pending
    mails = db.session.scalars(
        select(OutboxMail).where(
            OutboxMail.template == "offer_submitted", OutboxMail.recipient == coordinator.email
        )
    ).all()
    assert len(mails) == 1  # the second file joins the change already waiting


def test_visitors_never_see_a_waiting_file(app, db, published, waiting_file):
    image, document = waiting_file
    published.featured = True
    db.session.commit()
    visitor = app.test_client()
    page = visitor.get(offer_url(published)).get_data(as_text=True)
    home = visitor.get("/").get_data(as_text=True)
    assert published.title in page and published.title in home  # a card, without the image
    for name in (image.stored_name, image.thumbnail_name, document.stored_name):
        assert name not in page and name not in home
        assert _fetch(visitor, f"/bestanden/{name}")[0] == 404
    assert "lesbrief.pdf" not in page


def test_the_provider_sees_waiting_files_marked_and_served_privately(client, published, waiting_file):
    image, _ = waiting_file
    html = client.get(f"/aanbod/{published.id}/bestanden").get_data(as_text=True)
    assert "Wacht op beoordeling" in html and image.original_name in html
    status, headers = _fetch(client, f"/bestanden/{image.stored_name}")
    assert status == 200
    assert headers["Cache-Control"] == "private, no-store" and "Expires" not in headers


def test_another_provider_gets_404_for_a_waiting_file(client_for, make, waiting_file):
    image, _ = waiting_file
    stranger = client_for(make.user("provider"))
    assert _fetch(stranger, f"/bestanden/{image.stored_name}")[0] == 404


def test_the_coordinator_sees_waiting_files_as_part_of_the_change(
    client_for, published, waiting_file, coordinator
):
    image, document = waiting_file
    reviewer = client_for(coordinator)
    html = reviewer.get(f"/beheer/aanbod/{published.id}").get_data(as_text=True)
    changes = html.split('id="changes-title"')[1].split('id="offer-title"')[0]
    assert "Nieuwe bestanden" in changes
    assert image.thumbnail_name in changes and document.original_name in changes
    status, headers = _fetch(reviewer, f"/bestanden/{image.stored_name}")
    assert status == 200 and headers["Cache-Control"] == "private, no-store"


def test_approving_the_change_publishes_the_files(app, db, client_for, published, waiting_file, coordinator):
    image, _ = waiting_file
    db.session.refresh(published)
    response = client_for(coordinator).post(
        f"/beheer/aanbod/{published.id}/goedkeuren", data={"version": published.version}
    )
    assert response.status_code == 302
    db.session.expire_all()
    assert not image.awaiting_review and not published.edit_pending
    visitor = app.test_client()
    assert image.thumbnail_name in visitor.get(offer_url(published)).get_data(as_text=True)
    status, headers = _fetch(visitor, f"/bestanden/{image.stored_name}")
    assert status == 200
    assert "public" in headers["Cache-Control"] and "max-age=3600" in headers["Cache-Control"]


def test_rejecting_the_change_keeps_the_files_hidden_until_submitted_again(
    app, db, client, client_for, published, waiting_file, coordinator
):
    image, _ = waiting_file
    db.session.refresh(published)
    client_for(coordinator).post(
        f"/beheer/aanbod/{published.id}/afwijzen",
        data={"reject-reason": "Geen reclame.", "version": published.version},
    )
    db.session.expire_all()
    assert image.awaiting_review and not published.edit_pending
    assert _fetch(app.test_client(), f"/bestanden/{image.stored_name}")[0] == 404
    html = client.get(f"/aanbod/{published.id}/bestanden").get_data(as_text=True)
    assert "Niet goedgekeurd" in html
    mine = client.get("/mijn/aanbod").get_data(as_text=True)
    assert f"/aanbod/{published.id}/indienen" in mine and "Geen reclame." in mine
    client.post(f"/aanbod/{published.id}/indienen")
    db.session.expire_all()
    assert published.edit_pending


def test_a_verified_provider_publishes_files_at_once(app, db, client, login_as, verified_provider, make):
    offer = make.offer(organisation=verified_provider.organisation, status="published")
    login_as(verified_provider)
    _upload(client, offer)
    attachment = db.session.scalar(select(Attachment))
    assert not attachment.awaiting_review and not offer.edit_pending
    assert _fetch(app.test_client(), f"/bestanden/{attachment.stored_name}")[0] == 200


def test_files_of_a_draft_are_not_waiting_but_private(
    app, db, client, client_for, login_as, provider, draft, coordinator
):
    login_as(provider)
    _upload(client, draft, "lesbrief.pdf", PDF, "")
    attachment = db.session.scalar(select(Attachment))
    assert not attachment.awaiting_review
    url = f"/bestanden/{attachment.stored_name}"
    for who in (client, client_for(coordinator)):
        status, headers = _fetch(who, url)
        assert status == 200
        assert headers["Cache-Control"] == "private, no-store"
        assert "Expires" not in headers and "public" not in headers["Cache-Control"]
    assert _fetch(app.test_client(), url)[0] == 404


def test_files_of_an_offer_taken_offline_stop_being_public(
    app, db, client, login_as, provider, published, coordinator
):
    login_as(provider)
    published.organisation.verified = True  # uploaded while verified: public at once
    db.session.commit()
    _upload(client, published)
    attachment = db.session.scalar(select(Attachment))
    url = f"/bestanden/{attachment.thumbnail_name}"
    assert "public" in _fetch(app.test_client(), url)[1]["Cache-Control"]
    lifecycle.unpublish(published, coordinator, "Verouderd.")
    db.session.commit()
    assert _fetch(app.test_client(), url)[0] == 404
    assert _fetch(client, url)[1]["Cache-Control"] == "private, no-store"


def test_dates_need_no_review_but_show_in_the_history(
    db, client, client_for, login_as, provider, published, coordinator
):
    from datetime import timedelta

    from portal.models.base import local_now

    published.booking_mode = "slots"
    db.session.commit()
    version = published.version
    login_as(provider)
    day = (local_now() + timedelta(days=20)).date()
    response = client.post(
        f"/aanbod/{published.id}/tijden",
        data={
            "one-day": day.isoformat(),
            "one-start_time": "09:00",
            "one-end_time": "11:00",
            "one-capacity": "20",
        },
    )
    assert response.status_code == 302
    db.session.expire_all()
    assert not published.edit_pending and published.version == version
    assert len(published.slots) == 1
    change = published.status_changes[-1]
    assert (change.event, change.actor_id) == ("dates_added", provider.id)
    html = client_for(coordinator).get(f"/beheer/aanbod/{published.id}").get_data(as_text=True)
    history = html.split('id="history-title"')[1]
    assert "Data toegevoegd" in history and day.strftime("%d-%m-%Y") in history


def _stored(app, attachment) -> list[Path]:
    folder = Path(app.config["UPLOAD_DIR"])
    return [folder / name for name in (attachment.stored_name, attachment.thumbnail_name)]


def test_a_removed_file_leaves_the_disk_only_when_the_removal_is_committed(app, db, draft):
    attachment = uploads.store(draft, "robot.png", png_bytes(), "Een robotarm")
    db.session.commit()
    files = _stored(app, attachment)
    attachments.remove_file(draft, attachment)
    db.session.rollback()
    assert all(f.exists() for f in files)
    attachments.remove_file(draft, draft.attachments[0])
    assert all(f.exists() for f in files)  # not before the commit
    db.session.commit()
    assert not any(f.exists() for f in files)


def test_the_files_page_removes_a_file(app, db, client, login_as, provider, draft):
    attachment = uploads.store(draft, "robot.png", png_bytes(), "Een robotarm")
    db.session.commit()
    files = _stored(app, attachment)
    login_as(provider)
    response = client.post(f"/aanbod/{draft.id}/bestanden/{attachment.id}/verwijderen")
    assert response.status_code == 302
    db.session.expire_all()
    assert draft.attachments == [] and not any(f.exists() for f in files)


def test_the_files_of_an_archived_offer_stay_until_it_is_restored(app, db, client, login_as, provider, make):
    offer = make.offer(organisation=provider.organisation, status="archived")
    attachment = uploads.store(offer, "robot.png", png_bytes(), "Een robotarm")
    db.session.commit()
    login_as(provider)
    response = client.post(f"/aanbod/{offer.id}/bestanden/{attachment.id}/verwijderen", follow_redirects=True)
    assert response.request.path == f"/aanbod/{offer.id}/bestanden"
    assert "Gearchiveerd aanbod kun je niet wijzigen" in response.get_data(as_text=True)
    added = _upload(client, offer, "lesbrief.pdf", PDF, "")
    assert added.status_code == 303
    db.session.expire_all()
    assert [a.id for a in offer.attachments] == [attachment.id]
    assert all(f.exists() for f in _stored(app, attachment))
