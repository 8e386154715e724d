"""Saved-search rules: save the /aanbod search a person is looking at (or, for providers,
the /vragen search: ``request_searches``), rename it, change how
often it mails, pause and resume it, delete it, and read it back as words and as a link.

Plain arguments in, ``SavedSearchError`` out. The search is stored as the canonical URL
arguments of ``portal.search.params`` (filters that do not exist dropped, sort and page left
out), so the page a mail links to finds what the mail listed.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any
from urllib.parse import parse_qsl, urlencode

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from werkzeug.datastructures import MultiDict

from portal.accounts.tokens import load_unsubscribe_token, make_unsubscribe_token
from portal.alerts import request_searches
from portal.exceptions import DomainError
from portal.extensions import db
from portal.formatting import nldate
from portal.models import AlertFrequency, Municipality, SavedSearch, Term, User, utcnow
from portal.offers.choices import KIND_LABELS
from portal.search.backends.base import SearchParams
from portal.search.params import known_filters_only, parse_args, to_args

MAX_SAVED_SEARCHES = 20  # per person: each mails on its own
NAME_CHARS = 80
NOT_STORED = ("sorteer", "pagina")
OFFER, REQUEST = (
    "offer",
    "request",
)  # ``SavedSearch.kind``: /aanbod or /vragen  # how a list is ordered is no part of what is wanted


class SavedSearchError(DomainError):
    """A refused change to a person's saved searches."""


def filter_labels() -> dict[str, dict[str, str]]:
    """value -> label per filter of /aanbod (the same vocabularies the page offers)."""
    labels = {"kind": {k: str(v) for k, v in KIND_LABELS.items()}}
    for term in db.session.scalars(select(Term).order_by(Term.position)):
        labels.setdefault(term.vocabulary, {})[term.code] = term.label
    places = db.session.execute(select(Municipality.slug, Municipality.name))
    labels["municipality"] = {slug: name for slug, name in places}
    return labels


def canonical(args: MultiDict | dict, labels: dict | None = None) -> tuple[str, SearchParams]:
    """(the query as stored, its parameters) for raw /aanbod arguments; never raises."""
    params, _problems = parse_args(args if isinstance(args, MultiDict) else MultiDict(args))
    params, _dropped = known_filters_only(params, labels if labels is not None else filter_labels())
    return query_of(params), replace(params, sort="nieuw", page=1)


def query_of(params: SearchParams) -> str:
    """The stored form of parsed search parameters (sort and page left out)."""
    kept = {k: v for k, v in to_args(params).items() if k not in NOT_STORED}
    return urlencode(kept, doseq=True)


def parse_query(query: str) -> SearchParams:
    """What a stored query searches for (as /aanbod parses it, newest first)."""
    params, _problems = parse_args(MultiDict(parse_qsl(query)))
    return replace(params, sort="nieuw", page=1)


def params_of(search: SavedSearch) -> SearchParams:
    return parse_query(search.query)


def link_args_of(query: str, newest: bool = False) -> dict[str, Any]:
    """A stored query as arguments for ``url_for('search.index', **...)``; ``newest`` sorts
    a search with words by date, as the mail lists its offers."""
    args = MultiDict(parse_qsl(query))
    if newest and args.get("q"):
        args["sorteer"] = "nieuw"
    return {key: args.getlist(key) for key in args}


def link_args(search: SavedSearch, newest: bool = False) -> dict[str, Any]:
    return link_args_of(search.query, newest)


def describe(params: SearchParams, labels: dict) -> list[str]:
    """The search in a few words, one per part: “robots”, Energy, Almere, free, dates."""
    parts = [f"“{params.q}”"] if params.q else []
    for facet, values in params.filters.items():
        order = list(labels.get(facet, {}))
        for value in sorted(values, key=lambda v: order.index(v) if v in order else len(order)):
            parts.append(labels.get(facet, {}).get(value, value))
    if params.online:
        parts.append(_("online"))
    if params.free:
        parts.append(_("free"))
    if params.has_dates:
        start = nldate(params.date_from) if params.date_from else "…"
        end = nldate(params.date_to) if params.date_to else "…"
        parts.append(_("available %(start)s to %(end)s", start=start, end=end))
    return parts or [_("Every offer")]


def suggested_name(params: SearchParams, labels: dict) -> str:
    return _cut(", ".join(describe(params, labels)))


def cut_name(text: str) -> str:
    """A name that fits: one line, at most ``NAME_CHARS`` characters."""
    return _cut(text)


def _cut(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= NAME_CHARS else text[: NAME_CHARS - 1].rstrip() + "…"


# Writing ----------------------------------------------------------------------------------
def save(user: User, args: MultiDict | dict, name: str, frequency: str, kind: str = OFFER) -> SavedSearch:
    """Save the search of ``args`` (raw /aanbod arguments, or /vragen ones for ``kind``
    ``request``) for ``user``; new offers (requests) are mailed from now on (what went live
    before is on the page already). Who may save which kind: ``portal.permissions``."""
    if kind == REQUEST:
        query, filters = request_searches.canonical(args)
        suggested = _cut(", ".join(request_searches.describe(filters)))
    else:
        labels = filter_labels()
        query, params = canonical(args, labels)
        suggested = suggested_name(params, labels)
    existing = find(user, kind, query)
    if existing is not None:
        raise SavedSearchError(_l("You already saved this search as “%(name)s”.", name=existing.name))
    if count(user) >= MAX_SAVED_SEARCHES:
        raise SavedSearchError(
            _l(
                "You have %(max)d saved searches, the most you can have. Delete one you no longer "
                "need under My searches, then save this one.",
                max=MAX_SAVED_SEARCHES,
            )
        )
    search = SavedSearch(
        user_id=user.id,
        name=_cut(name) or suggested,
        kind=kind,
        query=query,
        frequency=_frequency(frequency),
        checked_until=utcnow(),
    )
    try:
        with db.session.begin_nested():  # the same click twice: one row, a clear message
            db.session.add(search)
    except IntegrityError:
        raise SavedSearchError(_l("You already saved this search.")) from None
    return search


def _frequency(value: str) -> AlertFrequency:
    try:
        return AlertFrequency(value)
    except ValueError:
        raise SavedSearchError(_l("Choose daily or weekly."), field="frequency") from None


def update(search: SavedSearch, name: str, frequency: str) -> None:
    name = _cut(name)
    if not name:
        raise SavedSearchError(_l("Give the search a name."), field="name")
    search.name = name
    search.frequency = _frequency(frequency)


def set_paused(search: SavedSearch, paused: bool) -> None:
    """Pause (no mails) or resume. Resuming mails only what is new from now on: a mail
    after a long pause does not fill up with everything published meanwhile."""
    if paused and search.paused_at is None:
        search.paused_at = utcnow()
    elif not paused and search.paused_at is not None:
        search.paused_at = None
        search.checked_until = utcnow()


def delete(search: SavedSearch) -> None:
    db.session.delete(search)
    db.session.flush()


# Reading ----------------------------------------------------------------------------------
def find(user: User, kind: str, query: str) -> SavedSearch | None:
    """The saved search of ``user`` that is this search already, or None."""
    return db.session.scalar(
        select(SavedSearch).where(
            SavedSearch.user_id == user.id, SavedSearch.kind == kind, SavedSearch.query == query
        )
    )


def describe_search(search: SavedSearch, labels: dict) -> list[str]:
    """A saved search of either kind in a few words (``labels``: ``filter_labels()``)."""
    if search.kind == REQUEST:
        return request_searches.describe(request_searches.parse_query(search.query))
    return describe(params_of(search), labels)


def link_of(kind: str, query: str, newest: bool = False) -> tuple[str, dict[str, Any]]:
    """(endpoint, arguments) of the page that runs a stored search: /vragen or /aanbod."""
    if kind == REQUEST:
        return request_searches.ENDPOINT, request_searches.link_args_of(query)
    return "search.index", link_args_of(query, newest)


def count(user: User) -> int:
    stmt = select(func.count()).select_from(SavedSearch).where(SavedSearch.user_id == user.id)
    return db.session.scalar(stmt) or 0


def of_user(user: User) -> list[SavedSearch]:
    return list(
        db.session.scalars(
            select(SavedSearch)
            .where(SavedSearch.user_id == user.id)
            .order_by(SavedSearch.created_at.desc(), SavedSearch.id.desc())
        )
    )


# The unsubscribe link of a mail ---------------------------------------------------------
UNSUBSCRIBE_SUBJECT = "saved_search"


def from_unsubscribe_token(token: str) -> SavedSearch | None:
    """The saved search an unsubscribe link names, or None when it no longer exists (then
    there is nothing left to stop). Raises ``TokenError`` for a forged or expired link."""
    user_id, search_id = load_unsubscribe_token(token, UNSUBSCRIBE_SUBJECT)
    search = db.session.get(SavedSearch, search_id)
    return search if search is not None and search.user_id == user_id else None


def unsubscribe_token(search: SavedSearch) -> str:
    return make_unsubscribe_token(search.user, UNSUBSCRIBE_SUBJECT, search.id)
