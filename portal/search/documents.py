"""What the search index knows about an offer: a plain dict built from the database.

Both backends index the same document; ``fingerprint`` lets ``search check`` find
stale entries without comparing every field. The places an offer serves (``municipality``,
``region``) and its distance tokens (``near``) come from ``nearby``, on top of the one rule
of ``portal.offers.coverage``.
"""

from __future__ import annotations

import hashlib
import re
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from portal.extensions import db
from portal.models import Offer, Organisation, local_now
from portal.models.statuses import OfferStatus
from portal.search.nearby import Places, place_fields, served_ids

FAR_FUTURE = date(9999, 12, 31)
LONG_AGO = datetime(2000, 1, 1)  # noqa: DTZ001  (naive UTC, like every *_at column)
_MARKDOWN_NOISE = re.compile(r"[*_`#>\[\]()!|~]+|https?://\S+")


def plain_text(markdown: str | None) -> str:
    return " ".join(_MARKDOWN_NOISE.sub(" ", markdown or "").split())


def load_offers(session, ids) -> list[Offer]:
    """Offers with everything a document needs, loaded in a few queries."""
    stmt = (
        select(Offer)
        .where(Offer.id.in_(list(ids)))
        .options(
            selectinload(Offer.terms),
            selectinload(Offer.slots),
            selectinload(Offer.organisation).selectinload(Organisation.municipality),
            selectinload(Offer.municipality),
        )
    )
    return list(session.scalars(stmt))


def next_date(offer: Offer, today: date) -> date | None:
    """The soonest open slot; None for offers without slots (they sort after dated ones)."""
    days = [s.starts_at.date() for s in offer.slots if s.starts_at.date() >= today and not s.is_full]
    return min(days) if days else None


def build_document(
    offer: Offer, today: date | None = None, served: set[int] | None = None, places: Places | None = None
) -> dict:
    """The document of one offer; ``served`` (municipality ids, ``offers.coverage``) and
    ``places`` are read here when the caller did not read them for a whole batch."""
    today = today or local_now().date()
    if places is None:
        places = Places.load(db.session)
    if served is None:
        served = served_ids(db.session, [offer.id]).get(offer.id, set())
    terms = {
        v: sorted(t.code for t in offer.terms if t.vocabulary == v) for v in ("audience", "profile", "theme")
    }
    labels = " ".join(t.label for t in offer.terms)
    doc = {
        "id": offer.id,
        "title": offer.title,
        "summary": offer.summary or "",
        "body": plain_text(offer.description),
        "keywords": " ".join(
            filter(
                None,
                [
                    offer.organisation.name if offer.organisation else "",
                    labels,
                    offer.municipality.name if offer.municipality else "",
                ],
            )
        ),
        "provider": offer.organisation.name if offer.organisation else "",
        "kind": offer.kind,
        "audience": terms["audience"],
        "profile": terms["profile"],
        "theme": terms["theme"],
        **place_fields(offer, served, places),  # municipality, region, near (``nearby``)
        "online": offer.is_online,
        "free": offer.is_free,
        "published": offer.published_at or offer.created_at or LONG_AGO,
        "next_date": next_date(offer, today) or FAR_FUTURE,
        "slot_days": sorted({s.starts_at.date() for s in offer.slots if not s.is_full}),
        "open_until": (offer.available_until or FAR_FUTURE) if offer.booking_mode != "slots" else None,
    }
    doc["fingerprint"] = fingerprint(doc)
    return doc


def fingerprint(doc: dict) -> str:
    parts = [f"{k}={doc[k]!r}" for k in sorted(doc) if k != "fingerprint"]
    return hashlib.sha1("|".join(parts).encode()).hexdigest()[:16]


def published_ids(session) -> set[int]:
    return set(session.scalars(select(Offer.id).where(Offer.status == OfferStatus.PUBLISHED)))


def documents_for(session, ids, today: date | None = None) -> tuple[list[dict], list[int]]:
    """(documents to index, ids to remove) for the given offer ids, as committed now."""
    ids = set(ids)
    offers = [o for o in load_offers(session, ids) if o.status == OfferStatus.PUBLISHED]
    served = served_ids(session, [o.id for o in offers]) if offers else {}
    places = Places.load(session)
    docs = [build_document(o, today, served.get(o.id, set()), places) for o in offers]
    return docs, sorted(ids - {o.id for o in offers})
