"""The search interface the rest of the portal uses.

``search(params)`` searches (with the relaxed retry and "did you mean"), and
``search_for_page(params)`` answers the /aanbod page with it, never raising;
``similar_offers(offer)`` serves the offer page; ``get_backend()`` (``engine``) picks Whoosh
or PostgreSQL from ``SEARCH_BACKEND``. A missing or corrupt index is rebuilt on first use
instead of breaking a page.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Collection
from dataclasses import replace

from flask import Flask
from sqlalchemy import select

from portal.extensions import db
from portal.models import Offer
from portal.models.statuses import OfferStatus
from portal.offers.cards import CARD_LOADING
from portal.plugs import plugs
from portal.search import engine, nearby, sync
from portal.search.backends.base import Backend, IndexUnavailable, SearchParams, SearchResult
from portal.search.bounds import query_terms
from portal.search.engine import get_backend
from portal.search.fit import Fit
from portal.search.snippets import shorten

__all__ = [
    "ensure_index",
    "get_backend",
    "init_app",
    "matching_ids",
    "search",
    "search_for_page",
    "similar_offers",
]

log = logging.getLogger(__name__)
SIMILAR_CANDIDATES = 24  # similar offers asked for when only those for some levels are shown
_rebuild_lock = threading.Lock()


def init_app(app: Flask) -> None:
    engine.init_app(app)
    plugs(app).health_checks["search"] = _health
    app.jinja_env.globals["similar_offers"] = similar_offers
    app.jinja_env.filters["shorten"] = shorten  # summaries on cards: whole words and sentences


def ensure_index() -> Backend:
    """The backend, after rebuilding the index if it is missing or unreadable."""
    backend = get_backend()
    if not backend.healthy():
        with _rebuild_lock:
            if not backend.healthy():
                log.warning("search index missing or unreadable: rebuilding it")
                sync.reindex()
    return backend


def _health() -> bool:
    return ensure_index().healthy()


def _query(params: SearchParams) -> SearchResult:
    try:
        return get_backend().query(params)
    except IndexUnavailable:
        return ensure_index().query(params)


def search(params: SearchParams, *, correct_spelling: bool = False) -> SearchResult:
    """Search published offers; retries with any-word matching and suggests a spelling.

    With ``correct_spelling`` (the /aanbod page), a search that finds nothing at all while
    its suggested spelling does, with the same filters, answers with the suggestion's hits
    (``result.corrected``), as "robbot" shows the robot offers. At most five backend
    queries and one bounded "did you mean" (``bounds``). Searching near a place becomes a
    filter and distances first (``nearby.for_backend``)."""
    params = nearby.for_backend(params)
    result = _query(params)
    if result.total and params.page > result.pages:
        result = _query(replace(params, page=result.pages))
    if result.total == 0 and len(query_terms(params.q)) > 1:
        relaxed = _query(replace(params, match_any=True))
        if relaxed.total:
            result = replace(relaxed, relaxed=True)
    if params.q and (result.total == 0 or result.relaxed):
        _add_suggestion(params, result)
    if correct_spelling and result.total == 0 and result.suggestion and not result.suggestion_without_filters:
        corrected = search(replace(params, q=result.suggestion))
        if corrected.total:
            return replace(corrected, corrected=result.suggestion, suggestion=None)
    return result


def matching_ids(searches: list[SearchParams], among: Collection[int]) -> list[set[int]]:
    """Per search, which of the offer ids ``among`` it finds (``Backend.match``): the saved
    searches' alerts. Strict, like the first query of ``search`` (no any-word retry: an
    alert mails only what the search itself would list)."""
    if not among or not searches:
        return [set() for _ in searches]
    try:
        return get_backend().match(searches, among)
    except IndexUnavailable:
        return ensure_index().match(searches, among)


def search_for_page(params: SearchParams) -> tuple[SearchResult, bool]:
    """(result, failed): ``search`` as the page wants it (spelling corrected unless the
    visitor asked for the words exactly as typed), or no hits when it failed (logged),
    because a search never shows an error page."""
    try:
        return search(params, correct_spelling=not params.exact), False
    except Exception:
        log.exception("search failed for %r", params)
        db.session.rollback()  # a failed PostgreSQL statement ends the transaction
        return SearchResult(hits=[], total=0, facets={}, page=1), True


def _add_suggestion(params: SearchParams, result: SearchResult) -> None:
    """ "Did you mean": only a spelling that finds something, with or else without filters."""
    suggestion = get_backend().suggest(params.q)
    if not suggestion or suggestion == params.q.lower():
        return
    if _query(replace(params, q=suggestion, page=1, per_page=1)).total:
        result.suggestion = suggestion
    elif _has_filters(params) and _query(SearchParams(q=suggestion, per_page=1)).total:
        result.suggestion, result.suggestion_without_filters = suggestion, True


def _has_filters(params: SearchParams) -> bool:
    return bool(any(params.filters.values()) or params.online or params.free or params.has_dates)


def offers_in_order(ids: list[int]) -> list[Offer]:
    """Published offers for ``ids``, in that order (the index may lag a moment behind)."""
    if not ids:
        return []
    found = {
        o.id: o
        for o in db.session.scalars(
            select(Offer)
            .where(Offer.id.in_(ids), Offer.status == OfferStatus.PUBLISHED)
            .options(*CARD_LOADING)
        )
    }
    return [found[i] for i in ids if i in found]


def similar_offers(offer: Offer, limit: int = 4, fit: Fit | None = None) -> list[Offer]:
    """Up to ``limit`` published offers like this one (more-like-this) that ``fit`` the
    levels the page is about (a teacher's); [] on any trouble."""
    wanted = limit + 1 if fit is None else SIMILAR_CANDIDATES
    try:
        ids = get_backend().similar(offer.id, wanted)
    except IndexUnavailable:
        ids = ensure_index().similar(offer.id, wanted)
    except Exception:  # similar offers are a nicety: never break the offer page
        log.exception("similar offers failed")
        return []
    found = [o for o in offers_in_order(ids) if o.id != offer.id]
    return [o for o in found if fit is None or fit.fits(o)][:limit]
