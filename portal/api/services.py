"""What the open data API answers: public offer fields, taxonomy, places and suppressed figures

Only what a visitor of the public pages may see: published offers with their public fields
(no contact person: a person's name, mail address or phone number is never open data),
the vocabularies, municipalities and regions, and booking figures per municipality and
school year computed in SQL, with every cell below ``SUPPRESS_BELOW`` left out.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, datetime

from sqlalchemy import case, extract, func, select
from werkzeug.datastructures import MultiDict

from portal.extensions import db
from portal.models import Attendance, Booking, Municipality, Offer, Organisation, Region, Slot, Term
from portal.models.base import local_now
from portal.models.statuses import BookingStatus, OfferStatus
from portal.offers.cards import CARD_LOADING
from portal.offers.choices import BOOKING_LABELS, KIND_LABELS, LOCATION_LABELS
from portal.offers.lifecycle import offer_url
from portal.offers.slots import upcoming
from portal.offers.venue import venue
from portal.search import service
from portal.search.backends.base import SORTS, SearchParams, SearchResult
from portal.search.bounds import MAX_FILTER_VALUES, MAX_PAGE
from portal.search.params import NEAR_KM, URL_FACETS, known_filters_only, parse_args

SUPPRESS_BELOW = 5  # a figure below this could point at one class or one school
MAX_PER_PAGE = 50
DEFAULT_PER_PAGE = 20
FIRST_SCHOOL_YEAR, LAST_SCHOOL_YEAR = 2000, 2100
INT_RE = re.compile(r"^[0-9]{1,9}$")
DATE_RE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
YES = ("1", "ja", "on", "true", "yes")  # what /aanbod takes for online=... and gratis=...
COUNTED = (BookingStatus.CONFIRMED, BookingStatus.COMPLETED)  # bookings that took place or will


class BadParameter(ValueError):
    """A query parameter the API cannot use: ``name`` and a message in Dutch and English."""

    def __init__(self, name: str, nl: str, en: str):
        super().__init__(f"{name}: {en}")
        self.name, self.nl, self.en = name, nl, en


def filter_labels() -> dict[str, dict[str, str]]:
    """value -> label per search facet, as /aanbod knows them (the page's own labels)."""
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
    labels["region"] = {r.slug: r.name for r in db.session.scalars(select(Region).order_by(Region.name))}
    return labels


def _int(args, name: str, default: int, maximum: int, minimum: int = 1) -> int:
    raw = args.get(name)
    if raw is None:
        return default
    if not INT_RE.match(raw) or not minimum <= int(raw) <= maximum:
        raise BadParameter(
            name,
            f"moet een geheel getal van {minimum} tot en met {maximum} zijn",
            f"must be a whole number from {minimum} to {maximum}",
        )
    return int(raw)


def _date(args, name: str) -> date | None:
    raw = args.get(name)
    if raw is None:
        return None
    try:
        if not DATE_RE.match(raw):
            raise ValueError(raw)
        return date.fromisoformat(raw)
    except ValueError:
        raise BadParameter(name, "moet een datum zijn (JJJJ-MM-DD)", "must be a date (YYYY-MM-DD)") from None


def search_params(args) -> SearchParams:
    """The /aanbod parameters (``portal.search.params``) plus ``page`` and ``per_page``;
    where the page forgives (drops a value and says so), the API answers 400."""
    page = _int(args, "page", 1, MAX_PAGE)
    per_page = _int(args, "per_page", DEFAULT_PER_PAGE, MAX_PER_PAGE)
    if args.get("sorteer") and args["sorteer"] not in SORTS:
        raise BadParameter("sorteer", "kent alleen " + ", ".join(SORTS), "must be one of " + ", ".join(SORTS))
    for flag in ("online", "gratis"):
        if args.get(flag) is not None and args[flag] not in YES:
            raise BadParameter(flag, "moet 1 zijn", "must be 1")
    date_from, date_to = _date(args, "van"), _date(args, "tot")
    params, _problems = parse_args(
        MultiDict([(k, v) for k, v in args.items(multi=True) if k not in ("van", "tot")])
    )
    if date_from and date_to and date_from > date_to:  # as /aanbod: typed the wrong way round
        date_from, date_to = date_to, date_from
    params = replace(params, date_from=date_from, date_to=date_to)
    for url_name, facet in URL_FACETS.items():
        given = args.getlist(url_name)
        if len(given) > MAX_FILTER_VALUES or set(given) - set(params.filters.get(facet, [])):  # malformed
            raise BadParameter(url_name, "bevat een ongeldige waarde", "contains an invalid value")
    labels = filter_labels()
    params, dropped = known_filters_only(params, labels)
    if dropped:
        raise BadParameter(
            ", ".join(n for n, f in URL_FACETS.items() if args.getlist(n)),
            "bevat een onbekende waarde (zie /api/v1/taxonomy, /api/v1/municipalities en /api/v1/regions)",
            "contains an unknown value (see /api/v1/taxonomy, /api/v1/municipalities and /api/v1/regions)",
        )
    _check_near(args, labels["municipality"])
    return replace(params, page=page, per_page=per_page)


def _check_near(args, municipalities: dict[str, str]) -> None:
    """``vanaf`` names a municipality and ``nabij`` is one of the distances, or 400. Without
    ``vanaf`` the API has no school to count from: ``nabij`` and ``sorteer=afstand`` ask
    nothing then (as on /aanbod for a visitor)."""
    if args.get("vanaf") is not None and args["vanaf"] not in municipalities:
        raise BadParameter(
            "vanaf",
            "is geen bekende gemeente (zie /api/v1/municipalities)",
            "is not a known municipality (see /api/v1/municipalities)",
        )
    if args.get("nabij") is not None and args["nabij"] not in {str(km) for km in NEAR_KM}:
        choices = ", ".join(str(km) for km in NEAR_KM)
        raise BadParameter("nabij", f"kent alleen {choices}", f"must be one of {choices}")


def search_offers(params: SearchParams) -> tuple[SearchResult, list[Offer], bool]:
    """(result, its published offers in order, failed): the /aanbod search itself."""
    result, failed = service.search_for_page(params)
    return result, service.offers_in_order([h.id for h in result.hits]), failed


def published_offer(offer_id: int) -> Offer | None:
    return db.session.scalar(
        select(Offer)
        .where(Offer.id == offer_id, Offer.status == OfferStatus.PUBLISHED)
        .options(*CARD_LOADING)
    )


def offers_changed_at() -> datetime | None:
    """When published offers last changed (Last-Modified of the offer answers)."""
    return db.session.scalar(select(func.max(Offer.updated_at)).where(Offer.status == OfferStatus.PUBLISHED))


def _terms(terms: list[Term]) -> list[dict]:
    return [{"code": t.code, "label": t.label} for t in terms]


def _place(m: Municipality | None) -> dict | None:
    return None if m is None else {"slug": m.slug, "name": m.name, "cbs_code": m.cbs_code}


def offer_data(offer: Offer, full: bool = False) -> dict:
    """The public fields of a published offer; ``full`` adds the description and dates."""
    website = offer.organisation.website or ""
    data = {
        "id": offer.id,
        "title": offer.title,
        "summary": offer.summary,
        "url": offer_url(offer),
        "kind": offer.kind,
        "kind_label": str(KIND_LABELS.get(offer.kind, offer.kind)),
        "provider": {
            "name": offer.organisation.name,
            "verified": bool(offer.organisation.verified),
            "website": website if website.startswith(("http://", "https://")) else None,
        },
        "municipality": _place(offer.municipality),
        "location_mode": offer.location_mode,
        "location_label": str(LOCATION_LABELS.get(offer.location_mode, offer.location_mode)),
        "where": venue(offer).label,
        "audiences": _terms(offer.audiences),
        "profiles": _terms(offer.profiles),
        "themes": _terms(offer.themes),
        "duration_minutes": offer.duration_minutes,
        "group_min": offer.group_min,
        "group_max": offer.group_max,
        "price_cents": offer.price_cents or 0,
        "free": offer.is_free,
        "price_note": offer.price_note,
        "vog_available": bool(offer.vog_available),
        "booking_mode": offer.booking_mode,
        "booking_label": str(BOOKING_LABELS.get(offer.booking_mode, offer.booking_mode)),
        "published_at": _iso(offer.published_at),
        "updated_at": _iso(offer.updated_at),
    }
    if full:
        data["description"] = offer.description or ""
        data["preparation"] = offer.preparation
        slots = upcoming(offer) if offer.booking_mode == "slots" else []
        data["dates"] = [
            {"starts_at": _iso(s.starts_at), "ends_at": _iso(s.ends_at), "places_left": s.remaining}
            for s in slots
        ]
    return data


def _iso(value: datetime | None) -> str | None:
    return value.replace(microsecond=0).isoformat() if value else None


def taxonomy() -> list[dict]:
    """Every vocabulary with its terms; ``kind`` (the kinds of offer) first."""
    vocabularies: list[dict] = [
        {
            "code": "kind",
            "parameter": "soort",
            "terms": [
                {"code": k, "label": str(v), "group": None, "active": True} for k, v in KIND_LABELS.items()
            ],
        }
    ]
    params = {facet: name for name, facet in URL_FACETS.items()}
    for vocabulary in ("audience", "profile", "theme"):
        terms = db.session.scalars(select(Term).where(Term.vocabulary == vocabulary).order_by(Term.position))
        vocabularies.append(
            {
                "code": vocabulary,
                "parameter": params.get(vocabulary),
                "terms": [
                    {"code": t.code, "label": t.label, "group": t.group, "active": t.active} for t in terms
                ],
            }
        )
    return vocabularies


def municipalities() -> list[dict]:
    rows = db.session.execute(
        select(Municipality, Region.slug)
        .join(Region, Municipality.region_id == Region.id)
        .order_by(Municipality.name)
    )
    return [
        {
            "slug": m.slug,
            "name": m.name,
            "cbs_code": m.cbs_code,
            "region": region,
            "latitude": m.latitude,
            "longitude": m.longitude,
        }
        for m, region in rows
    ]


def regions() -> list[dict]:
    all_regions = list(db.session.scalars(select(Region).order_by(Region.name)))
    by_id = {r.id: r for r in all_regions}
    return [
        {
            "slug": r.slug,
            "name": r.name,
            "parent": by_id[r.parent_id].slug if r.parent_id in by_id else None,
            "municipalities": [m.slug for m in r.municipalities],
        }
        for r in all_regions
    ]


def school_year_label(start_year: int) -> str:
    return f"{start_year}-{start_year + 1}"


def figures(school_year: int | None = None, municipality: str | None = None) -> list[dict]:
    """Bookings and pupils per municipality of the school and school year (1 Aug - 31 Jul),
    counted in SQL; a cell below ``SUPPRESS_BELOW`` is None with ``suppressed`` true.

    Counted: confirmed and completed bookings, by their date (else when they were made);
    pupils are the attendance where the provider recorded it, else the booked group size."""
    when = func.coalesce(Booking.starts_at, Booking.created_at)
    year = extract("year", when)
    start_year = case((extract("month", when) >= 8, year), else_=year - 1)
    pupils = func.coalesce(Attendance.pupils, Booking.group_size)
    query = (
        select(
            Municipality.slug,
            Municipality.name,
            Municipality.cbs_code,
            start_year.label("start_year"),
            func.count(Booking.id),
            func.sum(pupils),
        )
        .select_from(Booking)
        .join(Organisation, Booking.school_id == Organisation.id)
        .join(Municipality, Organisation.municipality_id == Municipality.id)
        .outerjoin(Attendance, Attendance.booking_id == Booking.id)
        .where(Booking.status.in_(COUNTED))
        .group_by(Municipality.slug, Municipality.name, Municipality.cbs_code, start_year)
        .order_by(start_year, Municipality.name)
    )
    if school_year is not None:
        query = query.where(start_year == school_year)
    if municipality:
        query = query.where(Municipality.slug == municipality)
    rows = []
    for slug, name, cbs_code, start, bookings, pupil_count in db.session.execute(query):
        start = int(start)
        small = bookings < SUPPRESS_BELOW or (pupil_count or 0) < SUPPRESS_BELOW
        rows.append(
            {
                "municipality": {"slug": slug, "name": name, "cbs_code": cbs_code},
                "school_year": school_year_label(start),
                "bookings": None if small else int(bookings),
                "pupils": None if small else int(pupil_count or 0),
                "suppressed": small,
            }
        )
    return rows


def figures_changed_at() -> datetime | None:
    return db.session.scalar(select(func.max(Booking.updated_at)))


def parse_school_year(args) -> int | None:
    """``school_year=2025`` is the school year 2025-2026; BadParameter for anything else."""
    if args.get("school_year") is None:
        return None
    return _int(args, "school_year", 0, LAST_SCHOOL_YEAR, minimum=FIRST_SCHOOL_YEAR)


def known_municipality(raw: str | None) -> str | None:
    if raw is None:
        return None
    if not db.session.scalar(select(Municipality.id).where(Municipality.slug == raw)):
        raise BadParameter("municipality", "is geen bekende gemeente", "is not a known municipality")
    return raw


def upcoming_slots(params: SearchParams, limit: int) -> list[Slot]:
    """Future dates of the published offers that the /aanbod search finds, soonest first."""
    found = service.search(replace(params, page=1, per_page=min(limit, MAX_PAGE * 10)))
    ids = [h.id for h in found.hits]
    if not ids:
        return []
    start, end = params.date_range(local_now().date())
    query = (
        select(Slot)
        .join(Offer, Slot.offer_id == Offer.id)
        .where(
            Slot.offer_id.in_(ids),
            Offer.status == OfferStatus.PUBLISHED,
            Slot.starts_at > local_now(),
            func.date(Slot.starts_at) >= start,
        )
        .order_by(Slot.starts_at, Slot.id)
        .limit(limit)
    )
    if params.date_to is not None:
        query = query.where(func.date(Slot.starts_at) <= end)
    return list(db.session.scalars(query))


def new_offers(params: SearchParams, limit: int) -> list[Offer]:
    """The newest published offers the /aanbod search finds (sorted by publication)."""
    found = service.search(replace(params, sort="nieuw", page=1, per_page=limit))
    return service.offers_in_order([h.id for h in found.hits])
