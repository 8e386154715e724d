"""The offer lifecycle: every transition allowed and refused, history, revisions, mail."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from portal.models import OfferRevision, OfferStatusChange, OutboxMail, local_now
from portal.offers import lifecycle, services
from portal.offers.lifecycle import OfferError
from tests.clock import TODAY
from tests.offers.conftest import offer_url

STATUSES = ["draft", "submitted", "published", "rejected", "archived"]
REASON = "Graag een duidelijkere samenvatting."


def _act(action, offer, actor):
    if action in ("reject", "unpublish"):
        return getattr(lifecycle, action)(offer, actor, REASON)
    return getattr(lifecycle, action)(offer, actor)


# (action, from status) -> status afterwards; missing pairs are refused.
ALLOWED = {
    ("submit", "draft"): "submitted",
    ("submit", "rejected"): "submitted",
    ("approve", "submitted"): "published",
    ("reject", "submitted"): "rejected",
    ("unpublish", "published"): "rejected",
    ("archive", "draft"): "archived",
    ("archive", "submitted"): "archived",
    ("archive", "published"): "archived",
    ("archive", "rejected"): "archived",
    ("restore", "archived"): "draft",
}
ACTIONS = ["submit", "approve", "reject", "unpublish", "archive", "restore"]


@pytest.mark.parametrize("action,status", [(a, s) for a in ACTIONS for s in STATUSES])
def test_transition(action, status, make, db, provider, coordinator):
    offer = make.offer(organisation=provider.organisation, status=status)
    db.session.commit()
    before = len(offer.status_changes)
    expected = ALLOWED.get((action, status))
    if expected is None:
        with pytest.raises(OfferError):
            _act(action, offer, coordinator)
        assert offer.status == status
        assert len(offer.status_changes) == before
        return
    _act(action, offer, coordinator)
    db.session.commit()
    assert offer.status == expected
    change = offer.status_changes[-1]
    assert (change.from_status, change.to_status, change.actor_id) == (status, expected, coordinator.id)
    assert change.created_at is not None


@pytest.mark.parametrize("action", ["reject", "unpublish"])
@pytest.mark.parametrize("reason", ["", "   ", None])
def test_reason_is_required(action, reason, make, provider, coordinator):
    offer = make.offer(
        organisation=provider.organisation, status="submitted" if action == "reject" else "published"
    )
    with pytest.raises(OfferError):
        getattr(lifecycle, action)(offer, coordinator, reason)


def test_verified_organisation_publishes_on_submit(make, db, verified_provider, coordinator):
    offer = make.offer(organisation=verified_provider.organisation, status="draft", published_at=None)
    assert lifecycle.submit(offer, verified_provider) == "published"
    db.session.commit()
    assert offer.status == "published" and offer.published_at is not None
    assert offer.status_changes[-1].event == "publish"
    assert db.session.scalar(select(OfferRevision).where(OfferRevision.approved.is_(True)))
    assert not db.session.scalars(select(OutboxMail).where(OutboxMail.template == "offer_submitted")).all()


def test_slot_offer_needs_a_future_date_before_submit(make, provider):
    offer = make.offer(organisation=provider.organisation, status="draft", booking_mode="slots")
    with pytest.raises(OfferError):
        lifecycle.submit(offer, provider)
    make.slot(offer, days_ahead=7)
    assert lifecycle.submit(offer, provider) == "submitted"


@pytest.mark.both_databases
def test_edit_of_published_offer_keeps_approved_version_public(
    client, login_as, make, db, provider, published, coordinator
):
    from tests.offers.conftest import offer_form

    old_title = published.title
    login_as(provider)
    response = client.post(
        f"/aanbod/{published.id}/bewerken", data=offer_form(make, title="Nieuwe titel na bewerking")
    )
    assert response.status_code == 302
    db.session.refresh(published)
    # The row (what search indexes and visitors see) still holds the approved version.
    assert published.status == "published" and published.edit_pending
    assert published.title == old_title
    client.post("/uitloggen")
    with client.session_transaction() as session:
        session.clear()
    page = client.get(offer_url(published)).get_data(as_text=True)
    assert old_title in page and "Nieuwe titel na bewerking" not in page
    # The moderation diff shows what changed.
    rows = dict((label, (old, new)) for label, old, new in lifecycle.pending_changes(published))
    assert rows["Titel"] == (old_title, "Nieuwe titel na bewerking")
    # Coordinators are told; approval makes the edit public.
    assert db.session.scalars(
        select(OutboxMail).where(
            OutboxMail.template == "offer_submitted", OutboxMail.recipient == coordinator.email
        )
    ).all()
    lifecycle.approve(published, coordinator)
    db.session.commit()
    assert published.title == "Nieuwe titel na bewerking" and not published.edit_pending
    assert published.slug == "nieuwe-titel-na-bewerking"
    assert [c.event for c in published.status_changes][-2:] == ["edit_submitted", "edit_approved"]


def test_rejected_edit_keeps_the_published_version(make, db, provider, published, coordinator):
    old_title = published.title
    services.save_offer(published, provider, {"title": "Slechte titel"})
    lifecycle.submit(published, provider)
    lifecycle.reject(published, coordinator, REASON)
    db.session.commit()
    assert published.status == "published" and published.title == old_title
    assert published.rejection_reason == REASON
    mail = db.session.scalars(select(OutboxMail).where(OutboxMail.template == "offer_decision")).all()
    assert mail and REASON in mail[-1].body_text
    # The provider improves the edit and sends it again.
    assert services.form_data(published)["title"] == "Slechte titel"
    services.save_offer(published, provider, {"title": "Betere titel"})
    assert lifecycle.submit(published, provider) == "edit_submitted"
    lifecycle.approve(published, coordinator)
    assert published.title == "Betere titel"


def test_verified_organisation_edits_in_place(make, db, verified_provider):
    offer = make.offer(organisation=verified_provider.organisation, status="published")
    assert services.save_offer(offer, verified_provider, {"title": "Direct zichtbaar"}) == "saved"
    assert offer.title == "Direct zichtbaar" and not offer.edit_pending


def test_unpublish_moves_to_rejected_with_reason(make, db, provider, published, coordinator):
    lifecycle.unpublish(published, coordinator, REASON)
    db.session.commit()
    assert published.status == "rejected" and published.rejection_reason == REASON
    change = published.status_changes[-1]
    assert (change.event, change.reason, change.actor_id) == ("unpublish", REASON, coordinator.id)


@pytest.mark.both_databases
def test_status_history_records_who_when_why(make, db, provider, coordinator):
    offer = make.offer(organisation=provider.organisation, status="draft")
    lifecycle.submit(offer, provider)
    lifecycle.reject(offer, coordinator, REASON)
    lifecycle.submit(offer, provider)
    lifecycle.approve(offer, coordinator)
    lifecycle.archive(offer, provider)
    db.session.commit()
    rows = db.session.scalars(
        select(OfferStatusChange).where(OfferStatusChange.offer_id == offer.id).order_by(OfferStatusChange.id)
    ).all()
    assert [(r.from_status, r.to_status) for r in rows] == [
        ("draft", "submitted"),
        ("submitted", "rejected"),
        ("rejected", "submitted"),
        ("submitted", "published"),
        ("published", "archived"),
    ]
    assert [r.actor_id for r in rows] == [
        provider.id,
        coordinator.id,
        provider.id,
        coordinator.id,
        provider.id,
    ]
    assert rows[1].reason == REASON
    assert all(r.created_at for r in rows)


@pytest.mark.both_databases
def test_submission_mail_goes_to_coordinators_in_scope_by_preference(make, db, provider):
    each = make.user("coordinator", region=make.region("flevoland"))
    daily = make.user(
        "coordinator", region=make.region("flevoland"), notification_prefs={"moderation": "daily"}
    )
    elsewhere = make.user("coordinator", region=make.region("utrecht"))
    offer = make.offer(organisation=provider.organisation, status="draft")
    lifecycle.submit(offer, provider)
    db.session.commit()
    recipients = {
        m.recipient
        for m in db.session.scalars(select(OutboxMail).where(OutboxMail.template == "offer_submitted"))
    }
    assert recipients == {each.email}
    assert daily.email not in recipients and elsewhere.email not in recipients


def test_decision_mail_goes_to_the_organisation_with_reason(make, db, provider, coordinator):
    colleague = make.user("provider", organisation=provider.organisation)
    outsider = make.user("provider")
    offer = make.offer(organisation=provider.organisation, status="submitted")
    lifecycle.reject(offer, coordinator, REASON)
    db.session.commit()
    mails = db.session.scalars(select(OutboxMail).where(OutboxMail.template == "offer_decision")).all()
    assert {m.recipient for m in mails} == {provider.email, colleague.email}
    assert outsider.email not in {m.recipient for m in mails}
    assert all(REASON in m.body_text and REASON in m.body_html for m in mails)
    assert "aangepast" in mails[0].subject


def _past(days):
    return local_now().replace(hour=9, minute=0, second=0, microsecond=0) - timedelta(days=days)


@pytest.mark.calendar
@pytest.mark.both_databases
def test_archive_expired(make, db, runner):
    ended = make.offer(booking_mode="slots")
    make.slot(ended, start=_past(2))
    running = make.offer(booking_mode="slots")
    make.slot(running, start=_past(5))
    make.slot(running, days_ahead=5)
    until_passed = make.offer(available_until=TODAY - timedelta(days=1))
    open_ended = make.offer()
    old_draft = make.offer(status="draft", available_until=TODAY - timedelta(days=30))
    db.session.commit()
    result = runner.invoke(args=["offers", "archive-expired"])
    assert result.exit_code == 0, result.output
    assert "2" in result.output
    db.session.expire_all()
    assert ended.status == "archived" and until_passed.status == "archived"
    assert running.status == "published" and open_ended.status == "published"
    assert old_draft.status == "draft"
    assert ended.status_changes[-1].event == "expire" and ended.status_changes[-1].actor_id is None


@pytest.mark.calendar
def test_archive_expired_today_option(make, db, runner):
    offer = make.offer(available_until=date(2030, 1, 1))
    db.session.commit()
    assert runner.invoke(args=["offers", "archive-expired", "--today", "2029-12-31"]).exit_code == 0
    db.session.expire_all()
    assert offer.status == "published"
    runner.invoke(args=["offers", "archive-expired", "--today", "2030-01-02"])
    db.session.expire_all()
    assert offer.status == "archived"


def test_submission_mail_reaches_coordinators_of_the_region_and_wider_regions_only(make, db, provider):
    flevoland = make.user("coordinator")
    landsdeel = make.user("coordinator", region=make.region("noordwest"))
    utrecht = make.user("coordinator", region=make.region("utrecht"))
    offer = make.offer(organisation=provider.organisation, status="draft", published_at=None)
    lifecycle.submit(offer, provider)
    db.session.flush()
    recipients = set(
        db.session.scalars(select(OutboxMail.recipient).where(OutboxMail.template == "offer_submitted"))
    )
    assert flevoland.email in recipients and landsdeel.email in recipients
    assert utrecht.email not in recipients
