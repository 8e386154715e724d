"""``/aanbod``: search published offers (GET only, shareable URLs, works without JS).

Rate limited per address (``RATELIMIT_SEARCH``); the input is bounded by ``bounds``.
"""

from __future__ import annotations

from dataclasses import replace

from flask import Blueprint, current_app, render_template, request
from flask_babel import gettext as _
from flask_limiter.util import get_remote_address
from flask_login import current_user
from sqlalchemy import select

from portal import pagecache
from portal.extensions import db, limiter
from portal.models import Municipality, Term
from portal.offers.cards import cards_for, viewer_school
from portal.offers.choices import KIND_LABELS
from portal.search import bounds, nearby, service
from portal.search.backends.base import FACETS, SearchParams, SearchResult
from portal.search.fit import fit_for, short_label, short_labels, teacher_levels
from portal.search.params import NEAR_KM, URL_FACETS, known_filters_only, parse_args, to_args, without

bp = Blueprint("search", __name__)


FACET_URL_NAMES = {facet: url for url, facet in URL_FACETS.items()}


@bp.app_context_processor
def fit_helpers():
    """For the offer page and its similar offers: the teacher's levels (a ``Fit``, or None
    for visitors and everyone without levels) and an offer's levels as short labels."""
    return {
        "teacher_fit": lambda: fit_for(teacher_levels(current_user)),
        "offer_levels": lambda offer: ", ".join(short_labels(offer.audiences)),
    }


def facet_labels(short: bool = False) -> dict[str, dict[str, str]]:
    """value -> label per facet; ``short`` for the chips of active filters ("vmbo BB").

    Built once per process and data version (``pagecache.versioned``): not per request."""
    return pagecache.versioned(f"facet_labels:{short}", lambda: _facet_labels(short))


def _facet_labels(short: bool) -> dict[str, dict[str, str]]:
    labels = {"kind": {k: str(v) for k, v in KIND_LABELS.items()}}
    for vocabulary in ("audience", "profile", "theme"):
        labels[vocabulary] = {
            t.code: short_label(t) if short else t.label
            for t in db.session.scalars(
                select(Term).where(Term.vocabulary == vocabulary).order_by(Term.position)
            )
        }
    labels["region"] = {
        slug: (_("Region %(name)s", name=name) if short else name)
        for slug, name in nearby.region_labels().items()
    }
    labels["municipality"] = {
        m.slug: m.name for m in db.session.scalars(select(Municipality).order_by(Municipality.name))
    }
    return labels


def with_teacher_levels(params: SearchParams, known: dict[str, str]) -> tuple[SearchParams, list[str]]:
    """(params, the teacher's levels): a teacher's levels fill the audience filter when the
    URL chooses no audience and does not say ``niveau=alle``; every link from the page then
    carries the choice (the levels, or ``niveau=alle`` once they are removed)."""
    levels = [code for code in teacher_levels(current_user) if code in known]
    if not levels:
        return params, []
    filters = params.filters
    if not filters.get("audience") and not params.levels_chosen:
        filters = {**filters, "audience": sorted(levels)}
    return replace(params, filters=filters, levels_chosen=True), levels


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
        order = list(labels.get(facet, {}))  # the taxonomy's order, not the URL's
        for value in sorted(values, key=lambda v: order.index(v) if v in order else len(order)):
            active.append((labels.get(facet, {}).get(value, value), without(params, facet, value)))
    if params.online:
        active.append((_("Online"), without(params, "online")))
    if params.free:
        active.append((_("Free"), without(params, "free")))
    if params.has_dates:
        active.append((_("Available between the dates"), without(params, "dates")))
    if params.near_km is not None:
        active.append((_("Within %(km)s km", km=params.near_km), without(params, "near")))
    return active


def _search_limit() -> str:
    return current_app.config["RATELIMIT_SEARCH"]


@bp.errorhandler(429)
def too_many_searches(error):
    return render_template("search/429.html", error=error), 429


@bp.get("/aanbod")
@limiter.limit(_search_limit, key_func=get_remote_address, scope="search")
@pagecache.anonymous_page
def index():
    params, problems = parse_args(request.args)
    labels = facet_labels()
    params, dropped = known_filters_only(params, labels)
    if dropped:
        problems.append("filter")
    params, levels = with_teacher_levels(params, labels["audience"])
    school = viewer_school(current_user)
    params, start, near_problems = nearby.for_page(params, school.municipality if school else None)
    problems += near_problems
    result, failed = service.search_for_page(replace(params, near_from=start.slug) if start else params)
    if failed:
        pagecache.skip()
    offers = {o.id: o for o in service.offers_in_order([h.id for h in result.hits])}
    audience = params.filters.get("audience", [])
    return render_template(
        "search/index.html",
        params=params,
        result=result,
        offers=offers,
        cards=cards_for(offers.values(), current_user, fit_for(audience or levels), start),
        start=start,
        school=school,
        near_km=NEAR_KM,
        failed=failed,
        hits=[h for h in result.hits if h.id in offers],
        groups=facet_options(params, result, labels),
        active=active_filters(params, facet_labels(short=True)),
        levels=fit_for(levels),
        levels_applied=bool(levels) and set(audience) == set(levels),
        problems=problems,
        to_args=to_args,
        labels=labels,
        popular=list(labels["theme"].items())[:6],
        bounds=bounds,
    )
