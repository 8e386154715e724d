"""What a saved search can find, per document type: the seam for a second kind.

A ``Source`` answers three questions for the alert job: which documents went live in a
window, which of those each search finds, and what a mail says about one of them; and it
reads a stored query (``parse``: a key equal for searches that find the same, and the
parameters ``match`` takes) and links it (``search_url``). ``SOURCES`` holds one per
``SavedSearch.kind``: published offers for /aanbod searches, open teacher requests for the
/vragen searches of providers.
"""

from __future__ import annotations

from collections.abc import Collection, Hashable
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

from flask_babel import gettext as _
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from portal.alerts import request_searches, searches
from portal.extensions import db
from portal.formatting import nldate
from portal.models import Offer, OfferStatusChange, TeacherRequest
from portal.models.statuses import OfferStatus, TeacherRequestStatus
from portal.offers.choices import KIND_LABELS
from portal.offers.venue import venue
from portal.requests.queries import Filters, open_requests
from portal.search import service
from portal.search.backends.base import SearchParams
from portal.urls import absolute_url


@dataclass(frozen=True)
class Item:
    """One line of an alert mail."""

    id: int
    title: str
    kind: str
    provider: str  # empty for a request: the public list names no teacher or school
    place: str
    url: str
    period: str = ""


class Source(Protocol):
    kind: str

    def parse(self, query: str) -> tuple[Hashable, Any]: ...

    def search_url(self, query: str) -> str: ...

    def went_live(self, since: datetime, until: datetime) -> dict[int, datetime]: ...

    def match(self, searches: list[Any], among: Collection[int]) -> list[set[int]]:
        """Per search (as ``parse`` read it), which of ``among`` it finds."""
        ...

    def items(self, ids: Collection[int]) -> dict[int, Item]: ...


class OfferSource:
    """Published offers, found by the /aanbod search."""

    kind = "offer"

    def parse(self, query: str) -> tuple[Hashable, Any]:
        params = searches.parse_query(query)
        return match_key(params), params

    def search_url(self, query: str) -> str:
        return absolute_url("search.index", **searches.link_args_of(query, newest=True))

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


def match_key(params: SearchParams) -> tuple:
    """Two offer searches with equal keys find the same offers (the page's sort, paging and
    level choice do not change what matches)."""
    filters = tuple(sorted((facet, tuple(sorted(v))) for facet, v in params.filters.items() if v))
    return (params.q, filters, params.online, params.free, params.date_from, params.date_to)


class RequestSource:
    """Open teacher requests, found by the /vragen search (its own query, not a copy)."""

    kind = "request"

    def parse(self, query: str) -> tuple[Hashable, Any]:
        filters = request_searches.parse_query(query)
        return request_searches.match_key(filters), filters

    def search_url(self, query: str) -> str:
        return absolute_url(request_searches.ENDPOINT, **request_searches.link_args_of(query))

    def went_live(self, since: datetime, until: datetime) -> dict[int, datetime]:
        """Requests open now that were published (directly, or approved by a coordinator)
        in ``(since, until]``, with that moment. A request that closed, expired or was
        booked meanwhile is not new to anyone."""
        rows = db.session.execute(
            select(TeacherRequest.id, TeacherRequest.published_at).where(
                TeacherRequest.status == TeacherRequestStatus.OPEN,
                TeacherRequest.published_at > since,
                TeacherRequest.published_at <= until,
            )
        )
        return {request_id: at for request_id, at in rows}

    def match(self, searches: list[Filters], among: Collection[int]) -> list[set[int]]:
        ids = list(among)
        found = []
        for filters in searches:
            stmt = (
                open_requests(filters).where(TeacherRequest.id.in_(ids)).with_only_columns(TeacherRequest.id)
            )
            found.append(set(db.session.scalars(stmt)))
        return found

    def items(self, ids: Collection[int]) -> dict[int, Item]:
        """What the public list shows of a request: title, kind and theme, where, when;
        never the teacher or the school."""
        requests = db.session.scalars(
            select(TeacherRequest)
            .where(TeacherRequest.id.in_(list(ids)))
            .options(
                selectinload(TeacherRequest.municipality),
                selectinload(TeacherRequest.theme),
                selectinload(TeacherRequest.audience),
            )
        )
        return {r.id: _request_item(r) for r in requests}


SHORT_DATE = "d MMMM y"


def _request_item(r: TeacherRequest) -> Item:
    kind = [str(KIND_LABELS.get(r.kind, r.kind))] + [t.label for t in (r.audience, r.theme) if t is not None]
    if r.municipality is None:
        where = _("Online")
    elif r.online:
        where = _("%(place)s, or online", place=r.municipality.name)
    else:
        where = r.municipality.name
    return Item(
        id=r.id,
        title=r.title,
        kind=" · ".join(kind),
        provider="",
        place=where,
        url=absolute_url("requests.detail", request_id=r.id),
        period=f"{nldate(r.period_from, SHORT_DATE)} – {nldate(r.period_to, SHORT_DATE)}",
    )


SOURCES: dict[str, Source] = {"offer": OfferSource(), "request": RequestSource()}
