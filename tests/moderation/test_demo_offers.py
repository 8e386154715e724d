"""The demo offers: enough, varied, in every status, and seeded only once."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import func, select

from portal.models import Municipality, Offer, OfferStatusChange, Region, Term, local_now
from portal.models.offers import OFFER_KINDS
from portal.models.statuses import OfferStatus
from portal.offers.lifecycle import approved_snapshot, pending_changes
from portal.offers.revisions import FIELD_LABELS


def _seed(runner):
    result = runner.invoke(args=["seed-demo"])
    assert result.exit_code == 0, result.output


@pytest.mark.both_databases
def test_demo_seed_is_idempotent(runner, db):
    _seed(runner)
    counts = [db.session.scalar(select(func.count()).select_from(m)) for m in (Offer, OfferStatusChange)]
    _seed(runner)
    assert [
        db.session.scalar(select(func.count()).select_from(m)) for m in (Offer, OfferStatusChange)
    ] == counts


def test_demo_offers_cover_every_kind_term_and_municipality(runner, db):
    _seed(runner)
    offers = db.session.scalars(select(Offer).where(Offer.external_id.like("demo-%"))).all()
    assert len(offers) >= 60
    assert {o.kind for o in offers} == set(OFFER_KINDS)
    used = {t.id for o in offers for t in o.terms}
    for vocabulary in ("audience", "theme", "profile"):
        terms = db.session.scalars(select(Term).where(Term.vocabulary == vocabulary)).all()
        missing = [t.code for t in terms if t.id not in used]
        assert not missing, f"{vocabulary}: {missing}"
    published = [o for o in offers if o.status == "published"]
    flevoland = select(Municipality.id).join(Region).where(Region.slug == "flevoland")  # where the demo plays
    assert {o.municipality_id for o in published} >= set(db.session.scalars(flevoland))


def test_demo_offers_are_in_every_status_with_reasons_and_a_pending_diff(runner, db):
    _seed(runner)
    offers = db.session.scalars(select(Offer).where(Offer.external_id.like("demo-%"))).all()
    assert {o.status for o in offers} == set(OfferStatus)
    assert all(o.rejection_reason for o in offers if o.status == "rejected")
    waiting = [o for o in offers if o.status == "submitted" or o.edit_pending]
    with_diff = [o for o in waiting if approved_snapshot(o) and pending_changes(o)]
    assert len(with_diff) >= 2
    expected = {str(FIELD_LABELS[name]) for name in ("title", "summary", "description", "duration_minutes")}
    for offer in with_diff:  # only what the provider changed, no noise from the seed
        assert {label for label, _old, _new in pending_changes(offer)} <= expected


@pytest.mark.calendar
def test_demo_slots_lie_ahead_and_some_are_nearly_full(runner, db):
    _seed(runner)
    offers = db.session.scalars(
        select(Offer).where(Offer.external_id.like("demo-%"), Offer.booking_mode == "slots")
    ).all()
    slots = [s for o in offers for s in o.slots]
    assert len(slots) >= 40
    assert all(s.starts_at > local_now() for s in slots)
    assert sum(1 for s in slots if 0 < s.remaining <= 2) >= 5


def test_demo_texts_use_the_words_search_must_handle(runner, db):
    _seed(runner)
    text = " ".join(
        f"{o.title} {o.summary} {o.description}".lower() for o in db.session.scalars(select(Offer))
    )
    words = set(re.findall(r"\w+", text))
    for word in (
        "lassen",
        "gelast",
        "last",
        "zonnepanelen",
        "energie",
        "énergie",
        "gastles",
        "gastlessen",
        "robot",
        "robots",
    ):
        assert word in words, word
