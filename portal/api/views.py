"""The /api/v1 routes: read-only JSON, no login, with ETag/Last-Modified, CORS for GET and a rate limit

Each view carries its OpenAPI operation (``openapi``), which ``portal.api.spec`` turns into
/api/v1/openapi.json; /api/v1/ shows the same document as a page. Every answer under
/api/v1 is JSON, errors included (400 with a Dutch and an English message, 404, 429, 503).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from datetime import datetime

from flask import Blueprint, current_app, jsonify, make_response, render_template, request, url_for
from flask_babel import get_locale
from flask_login import current_user

from portal.api import services, spec
from portal.api.http import CORS_METHODS, add_http_details
from portal.api.services import BadParameter
from portal.search.params import to_args

bp = Blueprint("api", __name__, url_prefix="/api/v1")
MAX_ID = 2**31 - 1


def api_limit() -> str:
    return current_app.config["RATELIMIT_API"]


def operation(**doc) -> Callable:
    """Attach the view's OpenAPI operation (read by ``spec.build``)."""

    def attach(view):
        view.openapi = doc
        return view

    return attach


def json_answer(data: dict, modified: datetime | None = None, status: int = 200):
    response = jsonify(data)
    response.status_code = status
    if modified is not None:
        response.last_modified = modified.replace(microsecond=0)
    return response


def error(status: int, code: str, nl: str, en: str, parameter: str | None = None):
    body = {"error": code, "message": nl, "message_en": en}
    if parameter:
        body["parameter"] = parameter
    return json_answer(body, status=status)


bp.after_request(add_http_details)


@bp.errorhandler(BadParameter)
def bad_parameter(exc: BadParameter):
    return error(400, "bad_parameter", f"{exc.name} {exc.nl}", f"{exc.name} {exc.en}", exc.name)


@bp.errorhandler(400)
def bad_request(exc):
    return error(400, "bad_request", "Het verzoek klopt niet.", "The request is not valid.")


@bp.errorhandler(404)
def not_found(exc):
    return error(404, "not_found", "Niet gevonden.", "Not found.")


@bp.errorhandler(405)
def not_allowed(exc):
    response = error(405, "method_not_allowed", "Alleen lezen (GET).", "Read only (GET).")
    response.headers["Allow"] = CORS_METHODS
    return response


@bp.errorhandler(429)
def too_many(exc):
    response = error(
        429,
        "too_many_requests",
        f"Te veel verzoeken vanaf uw adres ({exc.description}). Wacht even en probeer het opnieuw.",
        f"Too many requests from your address ({exc.description}). Wait a moment and try again.",
    )
    return response


@bp.get("/")
def docs():
    """The document as a page. Its ETag follows the document, the language and the person
    (the page's own forms carry a CSRF token that changes every second)."""
    document = spec.build(current_app)
    response = make_response(
        render_template(
            "api/docs.html",
            document=document,
            operations=spec.operations(document),
            examples=EXAMPLES,
            suppress_below=services.SUPPRESS_BELOW,
        )
    )
    version = json.dumps([document, str(get_locale()), current_user.get_id()], sort_keys=True, default=str)
    response.set_etag(hashlib.sha256(version.encode()).hexdigest())
    response.headers["Cache-Control"] = "private, no-cache"
    return response


@bp.get("/openapi.json")
def openapi():
    return json_answer(spec.build(current_app), services.offers_changed_at())


@bp.get("/offers")
@operation(
    name="listOffers",
    summary="Aanbod zoeken",
    description="Gepubliceerd aanbod met dezelfde zoekwoorden en filters als /aanbod, per pagina.",
    query=spec.offer_query,
    schema="OfferPage",
    may_fail=True,
)
def offers():
    params = services.search_params(request.args)
    result, found, failed = services.search_offers(params)
    if failed:
        return error(
            503, "search_unavailable", "Zoeken lukt nu even niet.", "Search is unavailable right now."
        )
    args = {**to_args(params), "per_page": params.per_page}

    def link(page: int) -> str:
        return url_for("api.offers", _external=True, **args, page=page)

    return json_answer(
        {
            "total": result.total,
            "page": result.page,
            "per_page": params.per_page,
            "pages": result.pages,
            "links": {
                "self": link(result.page),
                "next": link(result.page + 1) if result.page < result.pages else None,
                "prev": link(result.page - 1) if result.page > 1 else None,
            },
            "items": [services.offer_data(o) for o in found],
        },
        services.offers_changed_at(),
    )


@bp.get("/offers/<int:offer_id>")
@operation(
    name="getOffer",
    summary="Eén aanbod",
    description="Een gepubliceerd aanbod met beschrijving en komende data; anders 404.",
    schema="OfferDetail",
)
def offer(offer_id: int):
    found = services.published_offer(offer_id) if 0 < offer_id <= MAX_ID else None
    if found is None:
        return error(
            404, "not_found", "Dit aanbod bestaat niet of is niet gepubliceerd.", "No such published offer."
        )
    return json_answer(services.offer_data(found, full=True), found.updated_at)


@bp.get("/taxonomy")
@operation(
    name="getTaxonomy",
    summary="Taxonomie",
    description="Soorten aanbod, doelgroepen, vmbo-profielen en thema's met hun codes.",
    schema="Taxonomy",
)
def taxonomy():
    return json_answer({"vocabularies": services.taxonomy()}, services.offers_changed_at())


@bp.get("/municipalities")
@operation(
    name="listMunicipalities",
    summary="Gemeenten",
    description="Alle gemeenten met CBS-code, regio en middelpunt (WGS84).",
    schema="Municipalities",
)
def municipalities():
    return json_answer({"municipalities": services.municipalities()}, services.offers_changed_at())


@bp.get("/regions")
@operation(
    name="listRegions",
    summary="Regio's",
    description="Provincies en deelregio's met hun gemeenten.",
    schema="Regions",
)
def regions():
    return json_answer({"regions": services.regions()}, services.offers_changed_at())


@bp.get("/figures")
@operation(
    name="listFigures",
    summary="Cijfers per gemeente en schooljaar",
    description="Bevestigde en afgeronde boekingen en bereikte leerlingen (aanwezigheid waar "
    "bekend, anders de geboekte groepsgrootte) per gemeente van de school en schooljaar "
    f"(1 augustus - 31 juli). Een cel onder {services.SUPPRESS_BELOW} is null met suppressed: true.",
    query=spec.figures_query,
    schema="Figures",
)
def figures():
    school_year = services.parse_school_year(request.args)
    municipality = services.known_municipality(request.args.get("municipality"))
    return json_answer(
        {
            "suppress_below": services.SUPPRESS_BELOW,
            "figures": services.figures(school_year, municipality),
        },
        services.figures_changed_at() or services.offers_changed_at(),
    )


@bp.get("/<path:rest>")
def unknown(rest: str):
    return not_found(None)


EXAMPLES = {
    "/api/v1/offers": '{"total": 42, "page": 1, "per_page": 20, "pages": 3,\n'
    ' "links": {"self": "…/api/v1/offers?thema=robotica&page=1", "next": "…&page=2", "prev": null},\n'
    ' "items": [{"id": 7, "title": "Gastles robotica", "kind": "guest_lesson", …}]}',
    "/api/v1/offers/{offer_id}": '{"id": 7, "title": "Gastles robotica", "summary": "…",\n'
    ' "provider": {"name": "Techbedrijf BV", "verified": true, "website": null},\n'
    ' "municipality": {"slug": "almere", "name": "Almere", "cbs_code": "GM0034"},\n'
    ' "dates": [{"starts_at": "2026-03-02T09:00:00", "ends_at": "2026-03-02T11:00:00",\n'
    '            "places_left": 12}], …}',
    "/api/v1/taxonomy": '{"vocabularies": [{"code": "theme", "parameter": "thema",\n'
    ' "terms": [{"code": "robotica", "label": "Robotica", "group": null, "active": true}]}]}',
    "/api/v1/municipalities": '{"municipalities": [{"slug": "almere", "name": "Almere",\n'
    ' "cbs_code": "GM0034", "region": "flevoland", "latitude": 52.37, "longitude": 5.22}]}',
    "/api/v1/regions": '{"regions": [{"slug": "flevoland", "name": "Flevoland", "parent": null,\n'
    ' "municipalities": ["almere", "dronten"]}]}',
    "/api/v1/figures": '{"suppress_below": 5, "figures": [\n'
    ' {"municipality": {"slug": "almere", "name": "Almere", "cbs_code": "GM0034"},\n'
    '  "school_year": "2025-2026", "bookings": 31, "pupils": 712, "suppressed": false},\n'
    ' {"municipality": {"slug": "urk", …}, "school_year": "2025-2026",\n'
    '  "bookings": null, "pupils": null, "suppressed": true}]}',
}
