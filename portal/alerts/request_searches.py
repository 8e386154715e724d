"""A provider's saved /vragen search: the open-requests list's search as it is stored, read
back, described and linked.

The search is stored as the canonical URL arguments of ``/vragen`` (``q``, ``soort``,
``doelgroep``, ``thema``, ``gemeente``, ``online``), read through the page's own
``FilterForm`` so a stored search finds what the page finds: a value the page would ignore
(an unknown level, a removed municipality) is dropped when saving and ignored when mailing.
What matches is decided by ``portal.requests.queries.open_requests``, the list's query.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qsl, urlencode

from flask_babel import gettext as _
from werkzeug.datastructures import MultiDict

from portal.extensions import db
from portal.models import Municipality, Term
from portal.offers.choices import KIND_LABELS
from portal.requests.forms import FilterForm
from portal.requests.queries import Filters

ENDPOINT = "requests.index"


def parse_args(args: MultiDict | dict) -> Filters:
    """What raw /vragen arguments search for, as the page reads them; never raises."""
    form = FilterForm(formdata=args if isinstance(args, MultiDict) else MultiDict(args))
    form.validate()
    return form.filters()


def canonical(args: MultiDict | dict) -> tuple[str, Filters]:
    """(the query as stored, what it searches for) for raw /vragen arguments."""
    filters = parse_args(args)
    return query_of(filters), filters


def query_of(filters: Filters) -> str:
    pairs: list[tuple[str, Any]] = []
    if filters.q:
        pairs.append(("q", filters.q))
    if filters.kind:
        pairs.append(("soort", filters.kind))
    if filters.audience_id:
        pairs.append(("doelgroep", filters.audience_id))
    if filters.theme_id:
        pairs.append(("thema", filters.theme_id))
    if filters.municipality_id:
        pairs.append(("gemeente", filters.municipality_id))
    if filters.online:
        pairs.append(("online", "y"))
    return urlencode(pairs)


def parse_query(query: str) -> Filters:
    return parse_args(MultiDict(parse_qsl(query)))


def match_key(filters: Filters) -> tuple:
    return (
        filters.q,
        filters.kind,
        filters.audience_id,
        filters.theme_id,
        filters.municipality_id,
        filters.online,
    )


def link_args_of(query: str) -> dict[str, Any]:
    """A stored query as arguments for ``url_for('requests.index', **...)``."""
    args = MultiDict(parse_qsl(query))
    return {key: args.getlist(key) for key in args}


def describe(filters: Filters) -> list[str]:
    """The search in a few words: “robots”, Guest lesson, vmbo, Energy, Almere, online."""
    parts = [f"“{filters.q}”"] if filters.q else []
    if filters.kind:
        parts.append(str(KIND_LABELS.get(filters.kind, filters.kind)))
    for term_id in (filters.audience_id, filters.theme_id):
        term = db.session.get(Term, term_id) if term_id else None
        if term is not None:
            parts.append(term.label)
    place = db.session.get(Municipality, filters.municipality_id) if filters.municipality_id else None
    if place is not None:
        parts.append(_("%(place)s or online", place=place.name))
    if filters.online:
        parts.append(_("online possible"))
    return parts or [_("Every open request")]
