"""A decision applies to the version that was reviewed.

The review page sends the version it shows; a decision on an offer that changed since is
refused with a Dutch message and the page shows the new state. Underneath, every decision is
one conditional UPDATE on status and version, so two decisions taken on the same version
record one, also when they come from two sessions at once.
"""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import func, select

from portal.models import Offer, OfferStatusChange, User
from portal.offers import lifecycle, revisions, services
from tests.offers.conftest import offer_form

CHANGED = "Dit aanbod is gewijzigd nadat je het opende"


@pytest.fixture
def provider(make, submitted):
    return make.user("provider", organisation=submitted.organisation)


@pytest.fixture
def pending_edit(db, make):
    """A published offer of an unverified provider with an edit waiting for review."""
    provider = make.user("provider", organisation=make.company(verified=False))
    offer = make.offer(provider.organisation, status="published", description="Leerlingen bouwen een robot.")
    revisions.add_revision(offer, None, revisions.snapshot(offer), approved=True)
    data = services.form_data(offer)
    data["description"] = "Leerlingen lassen een robot."
    services.save_offer(offer, provider, data)
    lifecycle.submit(offer, provider)
    db.session.commit()
    return offer, provider


def _decisions(db, offer) -> list[str]:
    db.session.expire_all()
    return list(
        db.session.scalars(
            select(OfferStatusChange.event)
            .where(
                OfferStatusChange.offer_id == offer.id,
                OfferStatusChange.event.in_(
                    ("approve", "reject", "edit_approved", "edit_rejected", "unpublish")
                ),
            )
            .order_by(OfferStatusChange.id)
        )
    )


def test_review_page_carries_the_version_it_shows(client, login_as, flevo_coordinator, submitted):
    login_as(flevo_coordinator)
    html = client.get(f"/beheer/aanbod/{submitted.id}").get_data(as_text=True)
    hidden = f'<input type="hidden" name="version" value="{submitted.version}">'
    assert html.count(hidden) == 2  # approve and reject


def test_approving_a_new_offer_changed_since_the_page_was_opened_is_refused(
    client, client_for, db, make, login_as, flevo_coordinator, submitted, provider
):
    login_as(flevo_coordinator)
    seen = submitted.version
    assert "Robots bouwen in groep 8" in client.get(f"/beheer/aanbod/{submitted.id}").get_data(as_text=True)
    # The provider swaps the text between the coordinator's look and the click.
    changed = client_for(provider).post(
        f"/aanbod/{submitted.id}/bewerken",
        data=offer_form(make, title="Iets heel anders", description="Koop onze producten."),
    )
    assert changed.status_code == 302
    db.session.refresh(submitted)
    assert submitted.version > seen

    response = client.post(
        f"/beheer/aanbod/{submitted.id}/goedkeuren", data={"version": seen}, follow_redirects=True
    )
    html = response.get_data(as_text=True)
    assert CHANGED in html
    assert "Koop onze producten." in html  # the page shows what is there now
    db.session.refresh(submitted)
    assert submitted.status == "submitted"
    assert _decisions(db, submitted) == []
    # Decided on what the page shows now, the approval goes through.
    client.post(f"/beheer/aanbod/{submitted.id}/goedkeuren", data={"version": submitted.version})
    db.session.refresh(submitted)
    assert submitted.status == "published" and submitted.title == "Iets heel anders"


@pytest.mark.both_databases
def test_approving_a_pending_edit_changed_since_is_refused_and_shows_the_new_diff(
    client, db, login_as, flevo_coordinator, pending_edit
):
    offer, provider = pending_edit
    login_as(flevo_coordinator)
    page = client.get(f"/beheer/aanbod/{offer.id}").get_data(as_text=True)
    assert '<ins class="diff-ins">lassen</ins>' in page
    seen = offer.version
    data = services.form_data(offer)
    data["description"] = "Leerlingen solderen een robot."
    assert services.save_offer(offer, provider, data) == "pending"
    db.session.commit()

    response = client.post(
        f"/beheer/aanbod/{offer.id}/goedkeuren", data={"version": seen}, follow_redirects=True
    )
    html = response.get_data(as_text=True)
    assert CHANGED in html
    assert '<ins class="diff-ins">solderen</ins>' in html
    db.session.refresh(offer)
    assert offer.description == "Leerlingen bouwen een robot." and offer.edit_pending
    assert _decisions(db, offer) == []


@pytest.mark.parametrize(
    "action,data",
    [
        ("afwijzen", {"reject-reason": "Te vaag."}),
        ("goedkeuren", {}),
    ],
)
def test_a_decision_without_or_with_an_old_version_is_refused(
    client, db, login_as, flevo_coordinator, pending_edit, action, data
):
    offer, provider = pending_edit
    login_as(flevo_coordinator)
    for version in (None, offer.version - 1):
        post = dict(data) if version is None else {**data, "version": version}
        response = client.post(f"/beheer/aanbod/{offer.id}/{action}", data=post, follow_redirects=True)
        assert CHANGED in response.get_data(as_text=True)
    db.session.refresh(offer)
    assert offer.edit_pending and _decisions(db, offer) == []


def test_taking_offline_a_version_not_seen_is_refused(client, db, make, login_as, flevo_coordinator):
    offer = make.offer(status="published")
    login_as(flevo_coordinator)
    seen = offer.version
    services.save_offer(offer, offer.created_by, {"title": "Nieuwe titel"})  # verified: in place
    db.session.commit()
    response = client.post(
        f"/beheer/aanbod/{offer.id}/offline",
        data={"unpublish-reason": "Verouderd", "version": seen},
        follow_redirects=True,
    )
    assert CHANGED in response.get_data(as_text=True)
    db.session.refresh(offer)
    assert offer.status == "published"


@pytest.mark.both_databases
def test_two_sessions_deciding_on_the_same_version_record_one_decision(
    app, db, flevo_coordinator, make, submitted
):
    """Both sessions read the offer at the same version; the second decision finds its status
    and version gone in the conditional UPDATE (its own copy still says "submitted")."""
    second = make.user("coordinator", name="Tweede Coordinator")
    db.session.commit()
    offer_id, seen = submitted.id, submitted.version
    with app.app_context():  # session B reads first ...
        offer_b = db.session.get(Offer, offer_id)
        assert offer_b.status == "submitted" and offer_b.version == seen
        with app.app_context():  # ... session A decides and commits
            offer_a = db.session.get(Offer, offer_id)
            lifecycle.approve(offer_a, db.session.get(User, flevo_coordinator.id), seen)
            db.session.commit()
        with pytest.raises(lifecycle.OfferChanged):
            lifecycle.reject(offer_b, db.session.get(User, second.id), "Nee.", seen)
        db.session.rollback()
    assert _decisions(db, submitted) == ["approve"]
    assert submitted.status == "published"


@pytest.mark.both_databases
def test_a_decision_waiting_for_another_ones_lock_is_refused_after_it(app, db, flevo_coordinator, submitted):
    """Session A holds its conditional UPDATE uncommitted while session B's waits for the lock
    (or runs after A's commit): either way B finds nothing to update."""
    db.session.commit()
    offer_id, seen, actor_id = submitted.id, submitted.version, flevo_coordinator.id
    loaded, outcome = threading.Event(), {}

    def decide_in_b():
        with app.app_context():
            offer = db.session.get(Offer, offer_id)
            loaded.set()
            try:
                lifecycle.reject(offer, db.session.get(User, actor_id), "Nee.", seen)
                db.session.commit()
                outcome["b"] = "recorded"
            except lifecycle.OfferChanged:
                db.session.rollback()
                outcome["b"] = "refused"

    with app.app_context():
        offer_a = db.session.get(Offer, offer_id)
        lifecycle.approve(offer_a, db.session.get(User, actor_id), seen)
        thread = threading.Thread(target=decide_in_b)
        thread.start()
        assert loaded.wait(10)
        thread.join(0.3)  # B is now (most likely) waiting for A's lock
        db.session.commit()
    thread.join(20)
    assert not thread.is_alive()
    assert outcome == {"b": "refused"}
    assert _decisions(db, submitted) == ["approve"]
    count = db.session.scalar(
        select(func.count())
        .select_from(OfferStatusChange)
        .where(OfferStatusChange.offer_id == offer_id, OfferStatusChange.to_status == "rejected")
    )
    assert count == 0
