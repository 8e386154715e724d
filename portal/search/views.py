"""``/aanbod``: search published offers (GET only, shareable URLs, works without JS).

Rate limited per address (``RATELIMIT_SEARCH``); the input is bounded by ``bounds``.
"""

from __future__ import annotations

from flask import Blueprint, current_app, render_template, request
from flask_babel import gettext as _
from flask_limiter.util import get_remote_address
from sqlalchemy import select

from portal.extensions import db, limiter
from portal.models import Municipality, Term
from portal.offers.choices import KIND_LABELS
from portal.search import bounds, service
from portal.search.backends.base import FACETS, SearchResult
from portal.search.params import URL_FACETS, known_filters_only, parse_args, to_args, without

bp = Blueprint("search", __name__)


FACET_URL_NAMES = {facet: url for url, facet in URL_FACETS.items()}


def facet_labels() -> dict[str, dict[str, str]]:
    labels = {"kind": {k: str(v) for k, v in KIND_LABELS.items()}}
    for vocabulary in ("audience", "profile", "theme"):
        labels[vocabulary] = {
            t.code: t.label
            for t in db.session.scalars(
                select(Term).where(Term.vocabulary == vocabulary).order_by(Term.position)
            )
        }
    labels["municipality"] = {
        m.slug: m.name for m in db.session.scalars(select(Municipality).order_by(Municipality.name))
    }
    return labels


def facet_options(params, result: SearchResult, labels) -> list[dict]:
    """Per facet: its options with live counts; zero-count options only when selected."""
    groups = []
    for facet in FACETS:
        selected = set(params.filters.get(facet, []))
        counts = result.facets.get(facet, {})
        options = [
            {"value": value, "label": label, "count": counts.get(value, 0), "selected": value in selected}
            for value, label in labels[facet].items()
            if counts.get(value, 0) or value in selected
        ]
        groups.append({"facet": facet, "param": FACET_URL_NAMES[facet], "options": options})
    return groups


def active_filters(params, labels) -> list[tuple[str, dict]]:
    """(label, url args without it) for each active filter: the "remove" links."""
    active = []
    for facet, values in params.filters.items():
        for value in values:
            active.append((labels.get(facet, {}).get(value, value), without(params, facet, value)))
    if params.online:
        active.append((_("Online"), without(params, "online")))
    if params.free:
        active.append((_("Free"), without(params, "free")))
    if params.has_dates:
        active.append((_("Available between the dates"), without(params, "dates")))
    return active


def _search_limit() -> str:
    return current_app.config["RATELIMIT_SEARCH"]


@bp.errorhandler(429)
def too_many_searches(error):
    return render_template("search/429.html", error=error), 429


@bp.get("/aanbod")
@limiter.limit(_search_limit, key_func=get_remote_address, scope="search")
def index():
    params, problems = parse_args(request.args)
    labels = facet_labels()
    params, dropped = known_filters_only(params, labels)
    if dropped:
        problems.append("filter")
    result, failed = service.search_for_page(params)
    offers = {o.id: o for o in service.offers_in_order([h.id for h in result.hits])}
    return render_template(
        "search/index.html",
        params=params,
        result=result,
        offers=offers,
        failed=failed,
        hits=[h for h in result.hits if h.id in offers],
        groups=facet_options(params, result, labels),
        active=active_filters(params, labels),
        problems=problems,
        to_args=to_args,
        labels=labels,
        kind_labels=labels["kind"],
        popular=list(labels["theme"].items())[:6],
        bounds=bounds,
    )
