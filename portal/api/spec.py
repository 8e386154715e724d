"""The OpenAPI 3.1 document of /api/v1, generated from the code (marshmallow schemas, view operations)

Each view of the ``api`` blueprint carries its operation (``view.openapi``: summary,
description, query parameters, response schema, example); ``build(app)`` walks the URL
map and turns them into the document with apispec. Filter values are enums of the
taxonomy and municipalities in the database, so a client (and schemathesis) sees what
/aanbod accepts.
"""

from __future__ import annotations

from typing import Any

from apispec import APISpec
from apispec.ext.marshmallow import MarshmallowPlugin
from flask import Flask
from marshmallow import Schema, fields, validate

from portal.api.services import (
    DEFAULT_PER_PAGE,
    FIRST_SCHOOL_YEAR,
    LAST_SCHOOL_YEAR,
    MAX_PER_PAGE,
    YES,
    filter_labels,
)
from portal.search.backends.base import SORTS
from portal.search.bounds import MAX_FILTER_VALUES, MAX_PAGE, MAX_QUERY_CHARS
from portal.search.params import NEAR_KM, URL_FACETS

TITLE = "Techniek Flevoland open data"
VERSION = "1.0.0"


class ErrorSchema(Schema):
    error = fields.String(required=True, metadata={"description": "Korte code, bijv. bad_parameter"})
    message = fields.String(required=True, metadata={"description": "Uitleg in het Nederlands"})
    message_en = fields.String(required=True, metadata={"description": "Explanation in English"})
    parameter = fields.String(metadata={"description": "De parameter die niet klopt"})


class TermSchema(Schema):
    code = fields.String(required=True)
    label = fields.String(required=True)


class PlaceSchema(Schema):
    slug = fields.String(required=True)
    name = fields.String(required=True)
    cbs_code = fields.String(required=True, allow_none=True)


class ProviderSchema(Schema):
    name = fields.String(required=True)
    verified = fields.Boolean(required=True)
    website = fields.String(required=True, allow_none=True)


class DateSchema(Schema):
    starts_at = fields.String(required=True, metadata={"description": "Lokale tijd (Europe/Amsterdam)"})
    ends_at = fields.String(required=True)
    places_left = fields.Integer(required=True)


class OfferSchema(Schema):
    id = fields.Integer(required=True)
    title = fields.String(required=True)
    summary = fields.String(required=True)
    url = fields.String(required=True, metadata={"description": "De openbare pagina van het aanbod"})
    kind = fields.String(required=True)
    kind_label = fields.String(required=True)
    provider = fields.Nested(ProviderSchema, required=True)
    municipality = fields.Nested(PlaceSchema, required=True, allow_none=True)
    location_mode = fields.String(required=True, validate=validate.OneOf(["onsite", "online", "hybrid"]))
    location_label = fields.String(required=True)
    where = fields.String(required=True, allow_none=True)
    audiences = fields.List(fields.Nested(TermSchema), required=True)
    profiles = fields.List(fields.Nested(TermSchema), required=True)
    themes = fields.List(fields.Nested(TermSchema), required=True)
    duration_minutes = fields.Integer(required=True, allow_none=True)
    group_min = fields.Integer(required=True, allow_none=True)
    group_max = fields.Integer(required=True, allow_none=True)
    price_cents = fields.Integer(required=True)
    free = fields.Boolean(required=True)
    price_note = fields.String(required=True, allow_none=True)
    vog_available = fields.Boolean(required=True)
    booking_mode = fields.String(required=True)
    booking_label = fields.String(required=True)
    published_at = fields.String(required=True, allow_none=True)
    updated_at = fields.String(required=True, allow_none=True)


class OfferDetailSchema(OfferSchema):
    description = fields.String(required=True, metadata={"description": "Markdown"})
    preparation = fields.String(required=True, allow_none=True)
    dates = fields.List(fields.Nested(DateSchema), required=True)


class LinksSchema(Schema):
    self = fields.String(required=True)
    next = fields.String(required=True, allow_none=True)
    prev = fields.String(required=True, allow_none=True)


class OfferPageSchema(Schema):
    total = fields.Integer(required=True, metadata={"description": "Alle gevonden aanbiedingen"})
    page = fields.Integer(required=True)
    per_page = fields.Integer(required=True)
    pages = fields.Integer(required=True)
    links = fields.Nested(LinksSchema, required=True)
    items = fields.List(fields.Nested(OfferSchema), required=True)


class VocabularyTermSchema(TermSchema):
    group = fields.String(required=True, allow_none=True)
    active = fields.Boolean(required=True)


class VocabularySchema(Schema):
    code = fields.String(required=True)
    parameter = fields.String(
        required=True, allow_none=True, metadata={"description": "De filter in /offers"}
    )
    terms = fields.List(fields.Nested(VocabularyTermSchema), required=True)


class TaxonomySchema(Schema):
    vocabularies = fields.List(fields.Nested(VocabularySchema), required=True)


class MunicipalitySchema(PlaceSchema):
    region = fields.String(required=True)
    latitude = fields.Float(required=True, allow_none=True)
    longitude = fields.Float(required=True, allow_none=True)


class MunicipalitiesSchema(Schema):
    municipalities = fields.List(fields.Nested(MunicipalitySchema), required=True)


class RegionSchema(Schema):
    slug = fields.String(required=True)
    name = fields.String(required=True)
    parent = fields.String(required=True, allow_none=True)
    municipalities = fields.List(fields.String(), required=True)


class RegionsSchema(Schema):
    regions = fields.List(fields.Nested(RegionSchema), required=True)


class FigureSchema(Schema):
    municipality = fields.Nested(PlaceSchema, required=True)
    school_year = fields.String(required=True, metadata={"description": "1 augustus tot en met 31 juli"})
    bookings = fields.Integer(required=True, allow_none=True)
    pupils = fields.Integer(required=True, allow_none=True)
    suppressed = fields.Boolean(required=True, metadata={"description": "Minder dan 5: niet getoond"})


class FiguresSchema(Schema):
    suppress_below = fields.Integer(required=True)
    figures = fields.List(fields.Nested(FigureSchema), required=True)


SCHEMAS = {
    "Error": ErrorSchema,
    "Offer": OfferSchema,
    "OfferDetail": OfferDetailSchema,
    "OfferPage": OfferPageSchema,
    "Taxonomy": TaxonomySchema,
    "Municipalities": MunicipalitiesSchema,
    "Regions": RegionsSchema,
    "Figures": FiguresSchema,
}

FACET_HELP = {
    "soort": "Soort aanbod (kind)",
    "doelgroep": "Doelgroep (audience)",
    "profiel": "vmbo-profiel (profile)",
    "thema": "Thema (theme)",
    "regio": "Provincie of regio (region slug): aanbod dat een gemeente ervan bedient",
    "gemeente": "Gemeente (municipality slug): aanbod dat de gemeente bedient",
}


def offer_query() -> dict[str, Any]:
    """The /aanbod parameters, with the values the database knows, plus page and per_page."""
    labels = filter_labels()
    query: dict[str, Any] = {
        "q": fields.String(
            metadata={"description": f"Zoekwoorden, zoals op /aanbod (de eerste {MAX_QUERY_CHARS} tekens)"}
        )
    }
    for name, facet in URL_FACETS.items():
        values = sorted(labels.get(facet, {}))
        item = fields.String(validate=validate.OneOf(values)) if values else fields.String()
        query[name] = fields.List(
            item,
            validate=validate.Length(max=MAX_FILTER_VALUES),
            metadata={"description": FACET_HELP.get(name, facet) + "; herhaal voor meer waarden (of)"},
        )
    query.update(
        online=fields.String(
            validate=validate.OneOf(list(YES)), metadata={"description": "1: alleen online"}
        ),
        gratis=fields.String(
            validate=validate.OneOf(list(YES)), metadata={"description": "1: alleen gratis"}
        ),
        van=fields.Date(metadata={"description": "Beschikbaar vanaf (JJJJ-MM-DD)"}),
        tot=fields.Date(metadata={"description": "Beschikbaar tot en met (JJJJ-MM-DD)"}),
        vanaf=fields.String(
            validate=validate.OneOf(places) if (places := sorted(labels.get("municipality", {}))) else None,
            metadata={"description": "Afstand vanaf deze gemeente (slug), voor nabij en sorteer=afstand"},
        ),
        nabij=fields.Integer(
            validate=validate.OneOf(list(NEAR_KM)),
            metadata={"description": "Alleen aanbod binnen zoveel km van vanaf (zonder vanaf: geen filter)"},
        ),
        sorteer=fields.String(
            validate=validate.OneOf(list(SORTS)),
            metadata={"description": "Volgorde; afstand: dichtbij eerst (zonder vanaf: de gewone volgorde)"},
        ),
        page=fields.Integer(validate=validate.Range(min=1, max=MAX_PAGE), metadata={"description": "Pagina"}),
        per_page=fields.Integer(
            validate=validate.Range(min=1, max=MAX_PER_PAGE),
            metadata={"description": f"Per pagina (standaard {DEFAULT_PER_PAGE})"},
        ),
    )
    return query


def figures_query() -> dict[str, Any]:
    slugs = sorted(filter_labels()["municipality"])
    return {
        "school_year": fields.Integer(
            validate=validate.Range(min=FIRST_SCHOOL_YEAR, max=LAST_SCHOOL_YEAR),
            metadata={"description": "Beginjaar van het schooljaar: 2025 is 2025-2026"},
        ),
        "municipality": fields.String(
            validate=validate.OneOf(slugs) if slugs else None, metadata={"description": "Gemeente (slug)"}
        ),
    }


def _json(schema: str | None, description: str) -> dict:
    body: dict[str, Any] = {"description": description}
    if schema:
        body["content"] = {"application/json": {"schema": schema}}
    return body


def _operation(doc: dict, path_params: list[str]) -> dict:
    responses = {
        "200": _json(doc.get("schema"), "OK"),
        "304": {"description": "Niet gewijzigd (If-None-Match / If-Modified-Since)"},
        "400": _json("Error", "Een parameter klopt niet"),
        "404": _json("Error", "Niet gevonden"),
        "429": _json("Error", "Te veel verzoeken: wacht even"),
    }
    if doc.get("media_type"):
        responses["200"] = {
            "description": "OK",
            "content": {doc["media_type"]: {"schema": {"type": "string"}}},
        }
    if doc.get("may_fail"):
        responses["503"] = _json("Error", "Zoeken lukt nu even niet")
    parameters: list[dict] = [
        {"in": "path", "name": name, "required": True, "schema": {"type": "integer", "minimum": 1}}
        for name in path_params
    ]
    if doc.get("query"):
        fields_ = doc["query"]()
        parameters.append({"in": "query", "schema": Schema.from_dict(fields_, name=doc["name"] + "Query")})
    operation = {
        "operationId": doc["name"],
        "summary": doc["summary"],
        "description": doc.get("description", ""),
        "parameters": parameters,
        "responses": responses,
    }
    return operation


def build(app: Flask) -> dict:
    """The OpenAPI 3.1 document: every route of the ``api`` blueprint with an ``openapi``."""
    spec = APISpec(
        title=TITLE,
        version=VERSION,
        openapi_version="3.1.0",
        plugins=[MarshmallowPlugin()],
        info={
            "description": "Open data van het portaal: aanbod, taxonomie, gemeenten, regio's en "
            "cijfers per gemeente en schooljaar. Alleen lezen, geen login, geen persoonsgegevens.",
            "license": {"name": "CC BY 4.0", "identifier": "CC-BY-4.0"},
        },
        servers=[{"url": "/"}],
    )
    for name, schema in SCHEMAS.items():
        spec.components.schema(name, schema=schema)
    for rule in sorted(app.url_map.iter_rules(), key=lambda r: r.rule):
        view = app.view_functions.get(rule.endpoint)
        doc = getattr(view, "openapi", None)
        if not rule.endpoint.startswith("api.") or doc is None:
            continue
        path = rule.rule
        for argument in rule.arguments:
            path = path.replace(f"<int:{argument}>", "{" + argument + "}")
        spec.path(path=path, operations={"get": _operation(doc, sorted(rule.arguments))})
    return spec.to_dict()


def operations(document: dict) -> list[dict]:
    """For the human-readable page: (path, summary, description, parameters) per operation."""
    found = []
    for path, item in sorted(document["paths"].items(), key=lambda p: ("/offers" not in p[0], p[0])):
        op = item["get"]
        found.append(
            {
                "path": path,
                "summary": op["summary"],
                "description": op.get("description", ""),
                "parameters": [
                    {
                        "name": p["name"],
                        "in": p["in"],
                        "type": _type_of(p.get("schema", {})),
                        "description": p.get("description", ""),
                    }
                    for p in op.get("parameters", [])
                ],
                "responses": sorted(op["responses"]),
            }
        )
    return found


def _type_of(schema: dict) -> str:
    if schema.get("type") == "array":
        return "lijst van " + _type_of(schema.get("items", {}))
    kind = schema.get("type", "string")
    if schema.get("format"):
        kind += f" ({schema['format']})"
    if schema.get("enum") and len(schema["enum"]) <= 6:
        kind += ": " + " | ".join(str(v) for v in schema["enum"])
    return str(kind)
