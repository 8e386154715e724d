"""``offer.version``: bumped by every change a reviewer would see, and every lifecycle step
is conditional on the status (and version) its request read."""

from __future__ import annotations

from datetime import time, timedelta

import pytest
from sqlalchemy import select

from portal.models import Offer, OfferStatusChange, User
from portal.models.base import local_now
from portal.offers import attachments, lifecycle, revisions, services, slots
from portal.offers.lifecycle import OfferChanged
from tests.offers.test_uploads import png_bytes


def _version(db, offer) -> int:
    db.session.flush()
    db.session.expire(offer, ["version"])
    return offer.version


def test_text_and_terms_edits_of_a_draft_bump_the_version(make, db, provider, draft):
    before = _version(db, draft)
    services.save_offer(draft, provider, {"title": draft.title})  # nothing changes
    assert _version(db, draft) == before
    services.save_offer(draft, provider, {"description": "Andere tekst."})
    assert _version(db, draft) == before + 1
    services.save_offer(draft, provider, {"term_ids": [make.term("theme", "ict").id]})
    assert _version(db, draft) == before + 2


def test_a_new_pending_revision_bumps_the_version_once_per_change(db, provider, published):
    revisions.add_revision(published, None, revisions.snapshot(published), approved=True)
    before = _version(db, published)
    assert services.save_offer(published, provider, {"title": "Nieuwe titel"}) == "pending"
    assert _version(db, published) == before + 1
    services.save_offer(published, provider, {"title": "Nieuwe titel"})  # the same edit again
    assert _version(db, published) == before + 1
    services.save_offer(published, provider, {"title": "Nog een titel"})
    assert _version(db, published) == before + 2


def test_adding_and_removing_a_file_bump_the_version_a_date_does_not(db, app, provider, draft):
    before = _version(db, draft)
    attachment = attachments.add_file(draft, provider, "robot.png", png_bytes(), "Een robot")
    assert _version(db, draft) == before + 1
    attachments.remove_file(draft, attachment)
    assert _version(db, draft) == before + 2
    slots.add_slot(draft, local_now().date() + timedelta(days=30), time(9), time(11), 10)
    assert _version(db, draft) == before + 2


def test_every_decision_bumps_the_version(db, make, provider, coordinator):
    offer = make.offer(organisation=provider.organisation, status="draft", published_at=None)
    versions = [_version(db, offer)]
    lifecycle.submit(offer, provider)
    versions.append(_version(db, offer))
    lifecycle.approve(offer, coordinator, versions[-1])
    versions.append(_version(db, offer))
    assert versions == sorted(set(versions))


@pytest.mark.both_databases
@pytest.mark.parametrize(
    "first,second",
    [
        ("submit", "archive"),
        ("archive", "submit"),
        ("archive", "archive"),
        ("submit", "submit"),
    ],
)
def test_two_sessions_moving_the_same_offer_record_one_step(app, db, make, provider, first, second):
    """Both sessions read the draft; the one that acts second finds its status gone (its own
    copy still says "draft") and records nothing."""
    offer = make.offer(organisation=provider.organisation, status="draft", published_at=None)
    db.session.commit()
    offer_id = offer.id
    with app.app_context():
        late = db.session.get(Offer, offer_id)
        assert late.status == "draft"
        with app.app_context():
            getattr(lifecycle, first)(db.session.get(Offer, offer_id), db.session.get(User, provider.id))
            db.session.commit()
        with pytest.raises(OfferChanged):
            getattr(lifecycle, second)(late, db.session.get(User, provider.id))
        db.session.rollback()
    db.session.expire_all()
    steps = db.session.scalars(
        select(OfferStatusChange.event).where(
            OfferStatusChange.offer_id == offer_id, OfferStatusChange.event != "create"
        )
    ).all()
    assert steps == [first]
