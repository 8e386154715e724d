"""White spots: which published offers serve which municipality, as matrices (municipality x
audience, vmbo profile or theme), sentences and a tile-grid map.

Which municipalities an offer serves is decided in one place, ``portal.offers.coverage``
(online, hybrid and material everywhere; a guest lesson within the provider's distance; a
company visit within a class trip); this module only counts.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from flask_babel import gettext as _
from sqlalchemy import func, select

from portal.extensions import db
from portal.models import Booking, Municipality, Offer
from portal.models.bookings import AGREED_STATUSES
from portal.models.offers import offer_term
from portal.models.statuses import OfferStatus
from portal.models.taxonomy import Term
from portal.offers.coverage import offer_columns, served_by_offers
from portal.reports.figures import SCHOOL, Filters, where_in_scope
from portal.requests.queries import open_request_counts
from portal.search.fit import short_label

THIN = 2  # a cell with 1 or 2 offers is thin; 0 is a white spot


def _published(filters: Filters, *, theme_filter: bool = True):
    """The published offers of the filters, in the shape ``offers.coverage`` reads."""
    query = offer_columns().where(Offer.status == OfferStatus.PUBLISHED)
    if filters.kind:
        query = query.where(Offer.kind == filters.kind)
    if theme_filter and filters.theme_id is not None:
        query = query.where(
            Offer.id.in_(select(offer_term.c.offer_id).where(offer_term.c.term_id == filters.theme_id))
        )
    return query


@dataclass
class Cell:
    municipality: Municipality
    term: Term
    offers: int = 0
    bookings: int = 0
    requests: int = 0  # open teacher requests here for this term (portal.requests)

    @property
    def level(self) -> str:
        """``empty``, ``thin`` or ``ok``."""
        return "empty" if self.offers == 0 else ("thin" if self.offers <= THIN else "ok")


@dataclass
class Matrix:
    vocabulary: str
    municipalities: list[Municipality]
    terms: list[Term]
    cells: dict[tuple[int, int], Cell] = field(default_factory=dict)

    def cell(self, municipality: Municipality, term: Term) -> Cell:
        return self.cells[(municipality.id, term.id)]

    def white_spots(self) -> list[Cell]:
        return [c for c in self.cells.values() if c.level == "empty"]

    def thin_spots(self) -> list[Cell]:
        return [c for c in self.cells.values() if c.level == "thin"]


def term_name(term: Term) -> str:
    """How a term reads in a sentence: "vmbo PIE", "groep 1-2", "Energietransitie"."""
    if term.vocabulary == "profile":
        return f"vmbo {short_label(term)}" if term.group == "technical" else short_label(term)
    return short_label(term)


def municipalities_in(filters: Filters) -> list[Municipality]:
    query = select(Municipality).order_by(Municipality.name)
    if filters.municipality_ids is not None:
        query = query.where(Municipality.id.in_(sorted(filters.municipality_ids)))
    if filters.municipality_id is not None:
        query = query.where(Municipality.id == filters.municipality_id)
    return list(db.session.scalars(query))


def terms_of(vocabulary: str) -> list[Term]:
    return list(
        db.session.scalars(
            select(Term)
            .where(Term.vocabulary == vocabulary, Term.active.is_(True))
            .order_by(Term.position, Term.id)
        )
    )


def matrix(filters: Filters, vocabulary: str) -> Matrix:
    """Published offers serving each (municipality, term) and the agreed bookings of offers
    with that term by schools in the municipality during the period."""
    return matrices(filters, [vocabulary])[0]


def matrices(filters: Filters, vocabularies: list[str], shared: dict | None = None) -> list[Matrix]:
    """The matrices of several vocabularies, sharing their queries (a page shows three).

    Each count is a function ``(filters, places, matrix, shared) -> {(municipality id, term
    id): n}``
    in ``CELL_COUNTS``, added onto the cell's attribute of the same name: a new figure per
    cell (the teachers' requests, say) is a ``Cell`` field and one more such function."""
    places = municipalities_in(filters)
    results = []
    for vocabulary in vocabularies:
        result = Matrix(vocabulary, places, terms_of(vocabulary))
        for place in places:
            for term in result.terms:
                result.cells[(place.id, term.id)] = Cell(place, term)
        results.append(result)
    shared = {} if shared is None else shared  # what the counts share within one request
    for name, count in CELL_COUNTS.items():
        for result in results:
            for (place_id, term_id), n in count(filters, places, result, shared).items():
                cell = result.cells.get((place_id, term_id))
                if cell is not None:
                    setattr(cell, name, getattr(cell, name) + n)
    return results


class _Served:
    """Which municipalities each *kind of serving* reaches, computed once per request.

    Offers that share kind, location mode, municipality and reach serve the same places
    (``offers.coverage``'s rule reads nothing else), so the rule runs once per such group,
    on one representative offer, instead of once per offer: 10,000 offers are a few hundred
    groups."""

    SHAPE = (Offer.kind, Offer.location_mode, Offer.municipality_id, Offer.serves_within_km)

    def __init__(self, filters: Filters, places: list[Municipality], *, theme_filter: bool):
        grouped = _published(filters, theme_filter=theme_filter).with_only_columns(
            func.min(Offer.id).label("id"), *self.SHAPE
        )
        rows = db.session.execute(grouped.group_by(*self.SHAPE)).all()
        served = served_by_offers(grouped.group_by(*self.SHAPE), places) if rows else {}
        self.everyone = frozenset(p.id for p in places)
        self.places_of: dict[tuple, frozenset[int]] = {}
        for row in rows:
            reached = frozenset(served.get(row.id, ()))
            self.places_of[tuple(row[1:])] = self.everyone if reached == self.everyone else reached


def _served(filters: Filters, places: list[Municipality], shared: dict, *, theme_filter: bool) -> _Served:
    """One ``_Served`` per distinct offer selection in a call (without a theme filter the
    theme matrix and the others choose the same offers)."""
    key = ("served", theme_filter and filters.theme_id is not None, tuple(sorted(p.id for p in places)))
    if key not in shared:
        shared[key] = _Served(filters, places, theme_filter=theme_filter)
    return shared[key]


def _offer_counts(
    filters: Filters, places: list[Municipality], result: Matrix, shared: dict
) -> dict[tuple[int, int], int]:
    """(municipality, term) -> published offers with the term serving the municipality."""
    theme_filter = result.vocabulary != "theme"
    served = _served(filters, places, shared, theme_filter=theme_filter)
    term_ids = sorted(t.id for t in result.terms)
    query = (
        _published(filters, theme_filter=theme_filter)
        .with_only_columns(*_Served.SHAPE, offer_term.c.term_id, func.count())
        .join(offer_term, offer_term.c.offer_id == Offer.id)
        .where(offer_term.c.term_id.in_(term_ids))
        .group_by(*_Served.SHAPE, offer_term.c.term_id)
    )
    everywhere: dict[int, int] = defaultdict(int)  # term -> offers serving every place
    counts: dict[tuple[int, int], int] = defaultdict(int)
    for *shape, term_id, n in db.session.execute(query):
        reached = served.places_of.get(tuple(shape), ())
        if reached is served.everyone:
            everywhere[term_id] += int(n)
            continue
        for place_id in reached:
            counts[(place_id, term_id)] += int(n)
    for term_id, n in everywhere.items():
        for place_id in served.everyone:
            counts[(place_id, term_id)] += n
    return counts


def _booking_counts(
    filters: Filters, places: list[Municipality], result: Matrix, shared: dict
) -> dict[tuple[int, int], int]:
    """(municipality, term) -> agreed bookings in the period of offers with the term by
    schools in the municipality."""
    if "booked" not in shared:  # every term at once: the cells pick their own
        shared["booked"] = {
            (municipality_id, term_id): int(count)
            for municipality_id, term_id, count in db.session.execute(_booked(filters))
        }
    return shared["booked"]


def _request_counts(
    filters: Filters, places: list[Municipality], result: Matrix, shared: dict
) -> dict[tuple[int, int], int]:
    """(municipality, term) -> open teacher requests asking for the term there."""
    return open_request_counts(result.vocabulary)


CELL_COUNTS = {"offers": _offer_counts, "bookings": _booking_counts, "requests": _request_counts}


def _booked(filters: Filters):
    school = SCHOOL
    query = (
        select(school.c.municipality_id, offer_term.c.term_id, func.count(Booking.id))
        .select_from(Booking)
        .join(school, school.c.id == Booking.school_id)
        .join(Offer, Offer.id == Booking.offer_id)
        .join(offer_term, offer_term.c.offer_id == Offer.id)
        .where(Booking.status.in_(AGREED_STATUSES))
    )
    return where_in_scope(query, filters).group_by(school.c.municipality_id, offer_term.c.term_id)


def sentences(result: Matrix) -> list[str]:
    """The white spots as text: "Urk: geen aanbod voor vmbo PIE" (one line per municipality
    with every term it lacks)."""
    missing: dict[str, list[str]] = defaultdict(list)
    for place in result.municipalities:
        for term in result.terms:
            if result.cell(place, term).level == "empty":
                missing[place.name].append(term_name(term))
    return [
        _("%(municipality)s: no offer for %(terms)s", municipality=name, terms=", ".join(names))
        for name, names in missing.items()
    ]


# The map: a tile-grid cartogram, one tile per municipality ----------------------------------
@dataclass
class Tile:
    municipality: Municipality
    row: int
    col: int
    offers: int
    level: str


COVERAGE_LEVELS = ("none", "few", "some", "many")


def coverage_level(offers: int) -> str:
    if offers == 0:
        return "none"
    if offers <= THIN:
        return "few"
    return "some" if offers <= 5 else "many"


def tiles(filters: Filters, shared: dict | None = None) -> list[Tile]:
    """A tile per municipality in scope that has a place in the grid (``grid_row``/``grid_col``,
    from portal/data/landsdeel_municipalities.csv), with the number of published offers serving
    it (any term). Tiles are shifted so the top-left one is at (0, 0)."""
    places = [p for p in municipalities_in(filters) if p.grid_row is not None and p.grid_col is not None]
    if not places:
        return []
    served = _served(filters, places, {} if shared is None else shared, theme_filter=True)
    per_shape = _published(filters).with_only_columns(*_Served.SHAPE, func.count()).group_by(*_Served.SHAPE)
    counts: dict[int, int] = defaultdict(int)
    everywhere = 0
    for *shape, n in db.session.execute(per_shape):
        reached = served.places_of.get(tuple(shape), ())
        if reached is served.everyone:
            everywhere += int(n)
            continue
        for place_id in reached:
            counts[place_id] += int(n)
    for place_id in served.everyone:
        counts[place_id] += everywhere
    top = min(p.grid_row or 0 for p in places)
    left = min(p.grid_col or 0 for p in places)
    return [
        Tile(p, (p.grid_row or 0) - top, (p.grid_col or 0) - left, counts[p.id], coverage_level(counts[p.id]))
        for p in places
    ]
