"""Keep the index equal to the committed database: queue, sync, reindex, check.

After a flush, the ids of touched offers are written to ``search_queue`` inside the same
transaction; after commit the pending queue is applied to the index; after a rollback
nothing happened. A write that fails (``IndexBusy``: Whoosh ``LockError``) leaves its queue
rows pending; the next commit, ``flask search sync`` or ``flask search check --fix`` retries.
The writer lock is held while documents are read, so a slower process can never
overwrite a newer document with an older one.
"""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import cast

from flask import Flask, current_app, has_app_context
from sqlalchemy import Table, delete, event, inspect, select, update
from sqlalchemy.orm import Session

from portal.extensions import db
from portal.models import Municipality, Offer, Organisation, Region, Slot, Term, utcnow
from portal.models.offers import offer_term
from portal.models.search import QUEUED, QUEUED_IDS, SearchQueue, queue_offers
from portal.models.statuses import OfferStatus
from portal.search.backends.base import IndexBusy, IndexUnavailable
from portal.search.documents import documents_for, published_ids
from portal.search.engine import get_backend

log = logging.getLogger(__name__)
Q = cast(Table, SearchQueue.__table__)
KEEP_DONE = timedelta(days=1)
CHUNK = 500


def _name_changed(obj, *attrs) -> bool:
    state = inspect(obj)
    return any(state.attrs[a].history.has_changes() for a in attrs)


def _org_changed(organisation: Organisation) -> bool:
    """Its name is indexed; its municipality is where its offers without one happen."""
    return _name_changed(organisation, "name", "municipality_id")


def _place_changed(session, obj) -> bool:
    """A municipality or region added, removed, moved or given another centre: the places
    every offer serves (``nearby``) may change. Rare; a migration does it without this
    session, hence ``search reindex`` after one (README)."""
    if obj in session.dirty:
        if isinstance(obj, Municipality):
            return _name_changed(obj, "latitude", "longitude", "region_id", "slug")
        return _name_changed(obj, "parent_id", "slug")
    return True


def touched_offer_ids(session) -> set[int]:
    """Offers whose indexed document may have changed in this flush."""
    ids, orgs, terms, places = set(), set(), set(), set()
    everything = False  # what every offer serves, or a region of it, may have changed
    for obj in (*session.new, *session.dirty, *session.deleted):
        if isinstance(obj, Offer) and obj.id is not None:
            ids.add(obj.id)
        elif isinstance(obj, Slot) and obj.offer_id is not None:
            ids.add(obj.offer_id)
        elif isinstance(obj, Organisation) and obj in session.dirty and _org_changed(obj):
            orgs.add(obj.id)
        elif isinstance(obj, Municipality | Region) and _place_changed(session, obj):
            everything = True
        elif isinstance(obj, Term) and obj in session.dirty and _name_changed(obj, "label"):
            terms.add(obj.id)
        elif isinstance(obj, Municipality) and obj in session.dirty and _name_changed(obj, "name"):
            places.add(obj.id)
    conn = session.connection()
    if everything:
        ids.update(conn.execute(select(Offer.id).where(Offer.status == OfferStatus.PUBLISHED)).scalars())
    if orgs:
        ids.update(conn.execute(select(Offer.id).where(Offer.organisation_id.in_(orgs))).scalars())
    if terms:
        ids.update(
            conn.execute(select(offer_term.c.offer_id).where(offer_term.c.term_id.in_(terms))).scalars()
        )
    if places:
        ids.update(conn.execute(select(Offer.id).where(Offer.municipality_id.in_(places))).scalars())
    return ids


def _enabled() -> bool:
    return has_app_context() and "portal_search" in current_app.extensions


def init_app(app: Flask) -> None:
    """Follow the committed data: listen to the portal's session (once per process)."""
    for name, listener in (
        ("after_flush", _after_flush),
        ("after_commit", _after_commit),
        ("after_soft_rollback", _after_rollback),
    ):
        if not event.contains(db.session, name, listener):
            event.listen(db.session, name, listener)


def _after_flush(session, flush_context):
    if _enabled():
        queue_offers(session, touched_offer_ids(session))


def _after_commit(session):
    # SQLAlchemy also calls this when a SAVEPOINT is released (``begin_nested``), while the
    # outer transaction, and with it the queue rows, is still uncommitted: wait for the end.
    if session.in_nested_transaction():
        return
    session.info.pop(QUEUED_IDS, None)
    if session.info.pop(QUEUED, None) and _enabled():
        try:
            sync_pending()
        except Exception:  # the queue row stays; never break the request that committed
            log.exception("search index update failed; it stays queued")


def _after_rollback(session, previous_transaction):
    # Rows queued inside a rolled-back savepoint are gone (queue again if flushed again);
    # those queued before it still wait for the outer commit.
    session.info.pop(QUEUED_IDS, None)
    if not previous_transaction.nested:
        session.info.pop(QUEUED, None)


def apply(session: Session, ids) -> None:
    """Write the committed state of ``ids`` into the index (raises IndexBusy)."""
    ids = sorted(set(ids))
    backend = get_backend()
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        with backend.write() as batch:
            session.rollback()  # read after taking the lock: a fresh snapshot
            docs, removes = documents_for(session, chunk)
            for doc in docs:
                batch.index(doc)
            for offer_id in removes:
                batch.remove(offer_id)


def sync_pending(limit: int = 5000) -> int:
    """Apply pending queue rows; return how many were applied (0 when the index is busy)."""
    with Session(db.engine) as session:
        rows = session.execute(
            select(Q.c.id, Q.c.offer_id).where(Q.c.done_at.is_(None)).order_by(Q.c.id).limit(limit)
        ).all()
        if not rows:
            return 0
        row_ids = [r.id for r in rows]
        try:
            apply(session, {r.offer_id for r in rows})
        except IndexUnavailable:
            session.rollback()
            reindex()
        except IndexBusy:
            session.rollback()
            log.warning("search index busy: %d changes stay queued", len(rows))
            session.execute(update(Q).where(Q.c.id.in_(row_ids)).values(attempts=Q.c.attempts + 1))
            session.commit()
            return 0
        now = utcnow()
        session.execute(update(Q).where(Q.c.id.in_(row_ids)).values(done_at=now))
        session.execute(delete(Q).where(Q.c.done_at < now - KEEP_DONE))
        session.commit()
        return len(rows)


def pending_count() -> int:
    with Session(db.engine) as session:
        return len(session.execute(select(Q.c.id).where(Q.c.done_at.is_(None)).limit(10000)).all())


def reindex(progress=None) -> int:
    """Build a new index from the database, swap it in, then replay changes made meanwhile."""
    started = utcnow()
    with Session(db.engine) as session:
        ids = sorted(published_ids(session))

        def documents():
            for start in range(0, len(ids), CHUNK):
                docs, _ = documents_for(session, ids[start : start + CHUNK])
                yield from docs
                session.expunge_all()

        get_backend().rebuild(documents(), len(ids), progress)
    with Session(db.engine) as session:
        replay = set(
            session.scalars(select(Q.c.offer_id).where(Q.c.created_at >= started - timedelta(minutes=1)))
        )
        if replay:
            apply(session, replay)
    return len(ids)


def check() -> dict[str, list[int]]:
    """Offers missing from, stale in, or wrongly present in the index."""
    indexed = get_backend().fingerprints()
    missing, stale = [], []
    with Session(db.engine) as session:
        ids = sorted(published_ids(session))
        for start in range(0, len(ids), CHUNK):
            docs, _ = documents_for(session, ids[start : start + CHUNK])
            for doc in docs:
                if doc["id"] not in indexed:
                    missing.append(doc["id"])
                elif indexed[doc["id"]] != doc["fingerprint"]:
                    stale.append(doc["id"])
            session.expunge_all()
    extra = sorted(set(indexed) - set(ids))
    return {"missing": missing, "stale": stale, "extra": extra}


def fix(report: dict[str, list[int]]) -> None:
    with Session(db.engine) as session:
        apply(session, [i for ids in report.values() for i in ids])
    sync_pending()
