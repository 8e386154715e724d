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
    places = municipalities_in(filters)
    terms = terms_of(vocabulary)
    result = Matrix(vocabulary, places, terms)
    for place in places:
        for term in terms:
            result.cells[(place.id, term.id)] = Cell(place, term)
    served = served_by_offers(_published(filters, theme_filter=vocabulary != "theme"), places)
    term_ids = sorted(t.id for t in terms)
    tagged = select(offer_term.c.offer_id, offer_term.c.term_id).where(offer_term.c.term_id.in_(term_ids))
    for offer_id, term_id in db.session.execute(tagged):
        for place_id in served.get(offer_id, ()):
            result.cells[(place_id, term_id)].offers += 1

    bookings = _booked(filters)
    for municipality_id, term_id, count in db.session.execute(bookings):
        if (municipality_id, term_id) in result.cells:
            result.cells[(municipality_id, term_id)].bookings += int(count)
    for key, count in open_request_counts(vocabulary).items():
        if key in result.cells:
            result.cells[key].requests = count
    return result


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


def tiles(filters: Filters) -> list[Tile]:
    """A tile per municipality in scope that has a place in the grid (``grid_row``/``grid_col``,
    from portal/data/landsdeel_municipalities.csv), with the number of published offers serving
    it (any term). Tiles are shifted so the top-left one is at (0, 0)."""
    places = [p for p in municipalities_in(filters) if p.grid_row is not None and p.grid_col is not None]
    if not places:
        return []
    counts: dict[int, int] = defaultdict(int)
    for served in served_by_offers(_published(filters), places).values():
        for place_id in served:
            counts[place_id] += 1
    top = min(p.grid_row or 0 for p in places)
    left = min(p.grid_col or 0 for p in places)
    return [
        Tile(p, (p.grid_row or 0) - top, (p.grid_col or 0) - left, counts[p.id], coverage_level(counts[p.id]))
        for p in places
    ]
