"""What a saved search can find, per document type: the seam for a second kind.

A ``Source`` answers three questions for the alert job: which documents went live in a
window, which of those each search finds, and what a mail says about one of them. Offers
are the only kind today; providers' saved searches will also cover teacher requests: a
second ``Source`` (its own went-live rule, its own search, its own lines in the mail) added
to ``SOURCES`` under the ``SavedSearch.kind`` it serves.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from flask_babel import gettext as _
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from portal.extensions import db
from portal.models import Offer, OfferStatusChange
from portal.models.statuses import OfferStatus
from portal.offers.choices import KIND_LABELS
from portal.offers.venue import venue
from portal.search import service
from portal.search.backends.base import SearchParams
from portal.urls import absolute_url


@dataclass(frozen=True)
class Item:
    """One line of an alert mail."""

    id: int
    title: str
    kind: str
    provider: str
    place: str
    url: str


class Source(Protocol):
    kind: str

    def went_live(self, since: datetime, until: datetime) -> dict[int, datetime]: ...

    def match(self, searches: list[SearchParams], among: Collection[int]) -> list[set[int]]: ...

    def items(self, ids: Collection[int]) -> dict[int, Item]: ...


class OfferSource:
    """Published offers, found by the /aanbod search."""

    kind = "offer"

    def went_live(self, since: datetime, until: datetime) -> dict[int, datetime]:
        """Offers published now that were first published, or published again (after being
        taken offline or archived and restored), in ``(since, until]``, with that moment."""
        found: dict[int, datetime] = {}
        first = select(Offer.id, Offer.published_at).where(
            Offer.status == OfferStatus.PUBLISHED, Offer.published_at > since, Offer.published_at <= until
        )
        for offer_id, at in db.session.execute(first):
            found[offer_id] = at
        at = func.max(OfferStatusChange.created_at)
        again = (
            select(OfferStatusChange.offer_id, at)
            .join(Offer, Offer.id == OfferStatusChange.offer_id)
            .where(
                Offer.status == OfferStatus.PUBLISHED,
                OfferStatusChange.to_status == OfferStatus.PUBLISHED,
                OfferStatusChange.from_status != OfferStatus.PUBLISHED,
                OfferStatusChange.created_at > since,
                OfferStatusChange.created_at <= until,
            )
            .group_by(OfferStatusChange.offer_id)
        )
        for offer_id, moment in db.session.execute(again):
            found[offer_id] = max(found.get(offer_id, moment), moment)
        return found

    def match(self, searches: list[SearchParams], among: Collection[int]) -> list[set[int]]:
        return service.matching_ids(searches, among)

    def items(self, ids: Collection[int]) -> dict[int, Item]:
        offers = db.session.scalars(
            select(Offer)
            .where(Offer.id.in_(list(ids)))
            .options(selectinload(Offer.organisation), selectinload(Offer.municipality))
        )
        return {
            o.id: Item(
                id=o.id,
                title=o.title,
                kind=str(KIND_LABELS.get(o.kind, o.kind)),
                provider=o.organisation.name,
                place=place(o),
                url=absolute_url("offers.detail", offer_id=o.id, slug=o.slug),
            )
            for o in offers
        }


def place(offer: Offer) -> str:
    """Where, in a few words: a town, "Online", or "Comes to your school"."""
    if offer.location_mode == "online":
        return _("Online")
    where = venue(offer)
    text = _("Comes to your school") if where.at_school else None
    text = text or (offer.municipality.name if offer.municipality else (where.label or ""))
    return _("%(place)s, or online", place=text) if offer.location_mode == "hybrid" else text


SOURCES: dict[str, Source] = {"offer": OfferSource()}
