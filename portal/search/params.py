"""The /aanbod URL: Dutch parameter names <-> ``SearchParams``, forgiving any input.

Parsing never raises: unknown values are dropped, odd text is cleaned, numbers and
dates that do not parse fall back to defaults (and the view says so). How much input is
considered is decided in ``bounds``.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

from portal.search.backends.base import SORTS, SearchParams
from portal.search.bounds import MAX_FILTER_VALUES, bound_query, page_number

URL_FACETS = {
    "soort": "kind",
    "doelgroep": "audience",
    "profiel": "profile",
    "thema": "theme",
    "regio": "region",
    "gemeente": "municipality",
}
NEAR_KM = (10, 25, 50)  # the choices of nabij=<km> ("in de buurt"; ``nearby``)
_VALUE_RE = re.compile(r"^[a-z0-9_-]{1,60}$")
ALL_LEVELS = "alle"  # niveau=alle: every level, not the teacher's own (see SearchParams)
_YES = {"1", "ja", "on", "true", "yes"}


def _date(value: str | None) -> tuple[date | None, bool]:
    if not value:
        return None, False
    try:
        parsed = date.fromisoformat(value.strip()[:10])
    except ValueError:
        return None, True
    return (parsed, False) if 2000 <= parsed.year <= 2100 else (None, True)


def parse_args(args) -> tuple[SearchParams, list[str]]:
    """(params, problems): problems name parameters that were ignored or cut."""
    problems = []
    q, cut = bound_query(args.get("q", ""))
    if cut:
        problems.append(cut)
    filters = {}
    for url_name, facet in URL_FACETS.items():
        values = [v for v in args.getlist(url_name)[: 4 * MAX_FILTER_VALUES] if _VALUE_RE.match(v)]
        if values:
            filters[facet] = sorted(set(values))[:MAX_FILTER_VALUES]
    date_from, bad_from = _date(args.get("van"))
    date_to, bad_to = _date(args.get("tot"))
    if bad_from or bad_to:
        problems.append("date")
    if date_from and date_to and date_from > date_to:  # typed the wrong way round
        date_from, date_to = date_to, date_from
        problems.append("date_swapped")
    sort = args.get("sorteer") or ("relevantie" if q else "nieuw")
    if sort not in SORTS:
        sort = "relevantie" if q else "nieuw"
    near_from = args.get("vanaf", "").strip().lower()
    near_km = args.get("nabij", "").strip()
    if near_km and near_km not in {str(km) for km in NEAR_KM}:
        problems.append("near")
    params = SearchParams(
        near_from=near_from if _VALUE_RE.match(near_from) else None,
        near_km=int(near_km) if near_km in {str(km) for km in NEAR_KM} else None,
        q=q,
        filters=filters,
        online=args.get("online", "").lower() in _YES,
        free=args.get("gratis", "").lower() in _YES,
        date_from=date_from,
        date_to=date_to,
        sort=sort,
        page=page_number(args.get("pagina")),
        levels_chosen=args.get("niveau") == ALL_LEVELS,
        exact=args.get("precies", "").lower() in _YES,
    )
    return params, problems


def known_filters_only(params: SearchParams, labels: dict) -> tuple[SearchParams, bool]:
    """(params with only filter values that exist, whether any were dropped)."""
    known = {
        facet: [v for v in values if v in labels.get(facet, {})] for facet, values in params.filters.items()
    }
    known = {facet: values for facet, values in known.items() if values}
    return replace(params, filters=known), known != params.filters


def to_args(params: SearchParams, **changes) -> dict:
    """URL arguments for ``url_for('search.index', **to_args(...))``; defaults left out."""
    args: dict = {}
    if params.q:
        args["q"] = params.q
    for url_name, facet in URL_FACETS.items():
        if params.filters.get(facet):
            args[url_name] = list(params.filters[facet])
    if params.online:
        args["online"] = "1"
    if params.free:
        args["gratis"] = "1"
    if params.date_from:
        args["van"] = params.date_from.isoformat()
    if params.date_to:
        args["tot"] = params.date_to.isoformat()
    if params.near_km is not None:
        args["nabij"] = str(params.near_km)
    if params.near_from:
        args["vanaf"] = params.near_from
    if params.sort != ("relevantie" if params.q else "nieuw"):
        args["sorteer"] = params.sort
    if params.exact and params.q:
        args["precies"] = "1"
    args.update(changes)
    return _levels_choice(params, {k: v for k, v in args.items() if v not in (None, "", [])})


def _levels_choice(params: SearchParams, args: dict) -> dict:
    """A link without an audience keeps saying "every level" once that was chosen, so a
    teacher's levels are not pre-filled again on the next page."""
    args.pop("niveau", None)
    if params.levels_chosen and not args.get("doelgroep"):
        args["niveau"] = ALL_LEVELS
    return args


def without(params: SearchParams, facet: str, value: str | None = None) -> dict:
    """URL arguments with one filter value (or a whole flag/date) removed."""
    args = to_args(params)
    inverse = {v: k for k, v in URL_FACETS.items()}
    if facet in inverse:
        args[inverse[facet]] = [v for v in args.get(inverse[facet], []) if v != value]
    elif facet == "dates":
        args.pop("van", None)
        args.pop("tot", None)
    elif facet == "near":
        args.pop("nabij", None)
    else:
        args.pop({"online": "online", "free": "gratis", "q": "q"}[facet], None)
    return _levels_choice(params, {k: v for k, v in args.items() if v not in (None, "", [])})
