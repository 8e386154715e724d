"""The fast report path (``reports.digest``, one read of the period; the white-spot matrices
counted per kind of serving) gives exactly the figures of the straightforward queries
(``reports.figures``; one offer at a time through ``offers.coverage``), on random bookings
(fixed seed) around the school-year boundary and in several regions, for admins (no scope),
a coordinator's region and the filters a page offers."""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta

import pytest

from portal.extensions import db
from portal.models import Municipality, Term
from portal.models.offers import offer_term
from portal.models.statuses import AttendanceStatus, BookingStatus, OfferStatus
from portal.offers.choices import KIND_LABELS
from portal.offers.coverage import served_municipality_ids
from portal.reports import coverage, figures
from portal.reports.digest import Digest

pytestmark = pytest.mark.both_databases

# Around the boundary of school years 2024-2025 and 2025-2026 (31 July / 1 August, Europe/
# Amsterdam wall clock as bookings store it), plus days well inside both years.
MOMENTS = [
    datetime(2025, 7, 31, 0, 0),
    datetime(2025, 7, 31, 23, 59, 59),
    datetime(2025, 8, 1, 0, 0),
    datetime(2025, 8, 1, 0, 30),
    datetime(2024, 8, 1, 0, 0),
    datetime(2024, 7, 31, 23, 30),
    datetime(2026, 7, 31, 23, 59),
    datetime(2026, 8, 1, 0, 0),
    datetime(2025, 1, 15, 10, 0),
    datetime(2025, 12, 31, 23, 0),
    datetime(2026, 3, 29, 2, 30),
]


@pytest.fixture
def random_history(make, db, book, amersfoort):
    rng = random.Random(20261201)
    places = [
        db.session.scalar(
            Municipality.__table__.select()
            .where(Municipality.slug == slug)
            .with_only_columns(Municipality.id)
        )
        for slug in ("almere", "urk", "lelystad")
    ]
    place_rows = [db.session.get(Municipality, i) for i in places] + [amersfoort]
    schools = [
        make.school(
            name=f"School {n % 4}", sector=rng.choice(["po", "vo", None]), municipality=place_rows[n % 4]
        )
        for n in range(8)
    ]
    terms = {
        v: list(
            db.session.scalars(Term.__table__.select().where(Term.vocabulary == v).with_only_columns(Term.id))
        )
        for v in ("audience", "profile", "theme")
    }
    offers = []
    for n in range(10):
        offer = make.offer(
            kind=rng.choice(list(KIND_LABELS)),
            status=OfferStatus.PUBLISHED if n < 8 else OfferStatus.DRAFT,
            location_mode=rng.choice(["onsite", "onsite", "online", "hybrid"]),
            municipality=rng.choice(place_rows),
            serves_within_km=rng.choice([None, 5, 30, 120]),
        )
        chosen = {t for v in terms for t in rng.sample(terms[v], rng.randint(0, 2))}
        db.session.execute(offer_term.insert(), [{"offer_id": offer.id, "term_id": t} for t in chosen])
        offers.append(offer)
    audiences = [db.session.get(Term, t) for t in terms["audience"]]
    for _ in range(160):
        status = rng.choice(list(BookingStatus))
        when = rng.choice(MOMENTS) + timedelta(minutes=rng.choice([0, 0, 1, -1]))
        attendance = (
            rng.choice([None, None, *AttendanceStatus]) if status == BookingStatus.COMPLETED else None
        )
        booking = book(
            rng.choice(offers),
            rng.choice(schools),
            when,
            group_size=rng.randint(1, 30),
            status=status,
            attendance=attendance,
            pupils=rng.choice([None, rng.randint(0, 30)]) if attendance else None,
            rating=rng.choice([None, 1, 2, 3, 4, 5])
            if status in (BookingStatus.COMPLETED, BookingStatus.CONFIRMED)
            else None,
            audience=rng.choice([None, *audiences]),
            created_at=when - timedelta(days=rng.randint(0, 40), hours=rng.randint(0, 23)),
            answered_after=rng.choice([None, timedelta(hours=rng.randint(1, 200))]),
            expired=status == BookingStatus.EXPIRED and rng.random() < 0.7,
        )
        if rng.random() < 0.2:  # a request with no agreed date yet counts on the day it was made
            booking.starts_at = None
    db.session.flush()
    return {"places": place_rows, "offers": offers, "terms": terms}


def _filter_sets(make, history):
    almere, urk, _lelystad, amersfoort = history["places"]
    flevoland = figures.scope_municipality_ids(make.region("flevoland"))
    utrecht = figures.scope_municipality_ids(make.region("utrecht"))
    theme = history["terms"]["theme"][0]
    years = [figures.school_year_bounds(y) for y in (2024, 2025)]
    out = []
    for start, end in [*years, (date(2025, 7, 31), date(2025, 8, 1)), (date(2024, 8, 1), date(2026, 7, 31))]:
        out += [
            figures.Filters(start, end),
            figures.Filters(start, end, municipality_ids=flevoland),
            figures.Filters(start, end, municipality_ids=utrecht),
            figures.Filters(start, end, municipality_ids=flevoland, municipality_id=urk.id),
            figures.Filters(start, end, kind="guest_lesson"),
            figures.Filters(start, end, municipality_ids=flevoland, theme_id=theme),
        ]
    assert amersfoort.id in utrecht and amersfoort.id not in flevoland and almere.id in flevoland
    return out


def test_the_digest_gives_exactly_the_figures_of_the_straightforward_queries(make, random_history):
    kinds = {k: str(v) for k, v in KIND_LABELS.items()}
    checked = 0
    for filters in _filter_sets(make, random_history):
        digest = Digest(filters)
        assert digest.totals() == figures.totals(filters)
        assert digest.per_school_year() == figures.per_school_year(filters)
        assert digest.per_month() == figures.per_month(filters)
        assert digest.per_municipality() == figures.per_municipality(filters)
        assert digest.per_region() == figures.per_region(filters)
        assert digest.per_sector() == figures.per_sector(filters)
        assert digest.per_audience() == figures.per_audience(filters)
        assert digest.per_term("profile") == figures.per_term(filters, "profile")
        assert digest.per_term("theme") == figures.per_term(filters, "theme")
        assert digest.per_kind(kinds) == figures.per_kind(filters, kinds)
        assert digest.top_providers() == figures.top_providers(filters)
        assert digest.top_schools() == figures.top_schools(filters)
        for limit in (1, 3):  # a top list cut inside ties (two schools share every name)
            assert digest.top_schools(limit) == figures.top_schools(filters, limit)
            assert digest.top_providers(limit) == figures.top_providers(filters, limit)
        assert digest.feedback() == figures.feedback(filters)
        assert digest.cancellations() == figures.cancellations(filters)
        assert digest.responsiveness() == figures.responsiveness(filters)
        checked += digest.totals().bookings
    assert checked > 100  # the random history really lands in the periods


def test_a_coordinator_digest_holds_only_their_regions_bookings(make, random_history):
    """Region scoping on the fast path: Utrecht's only school is in Amersfoort."""
    start, end = date(2024, 8, 1), date(2026, 7, 31)
    utrecht = figures.scope_municipality_ids(make.region("utrecht"))
    flevoland = figures.scope_municipality_ids(make.region("flevoland"))
    every = Digest(figures.Filters(start, end)).totals().bookings
    only_utrecht = Digest(figures.Filters(start, end, municipality_ids=utrecht))
    only_flevoland = Digest(figures.Filters(start, end, municipality_ids=flevoland))
    assert {r.label for r in only_utrecht.per_municipality()} <= {"Amersfoort"}
    assert "Amersfoort" not in {r.label for r in only_flevoland.per_municipality()}
    assert only_utrecht.totals().bookings + only_flevoland.totals().bookings == every
    assert only_utrecht.totals().bookings > 0


def _matrix_one_offer_at_a_time(filters, vocabulary):
    """The white-spot matrix the slow way: every published offer through the one rule."""
    places = coverage.municipalities_in(filters)
    terms = coverage.terms_of(vocabulary)
    offers = db.session.execute(coverage._published(filters, theme_filter=vocabulary != "theme")).all()
    tags = {(o, t) for o, t in db.session.execute(offer_term.select())}
    counts = {}
    for place in places:
        for term in terms:
            counts[(place.id, term.id)] = sum(
                1
                for o in offers
                if (o.id, term.id) in tags and place.id in served_municipality_ids(o, places)
            )
    return counts


def test_the_white_spot_matrices_count_exactly_one_offer_at_a_time(make, db, random_history):
    for filters in _filter_sets(make, random_history)[:12]:
        result = coverage.matrices(filters, ["audience", "profile", "theme"])
        for matrix in result:
            expected = _matrix_one_offer_at_a_time(filters, matrix.vocabulary)
            assert {k: c.offers for k, c in matrix.cells.items()} == expected
        tiles = {t.municipality.id: t.offers for t in coverage.tiles(filters)}
        published = coverage._published(filters)
        offers = db.session.execute(published).all()
        places = [p for p in coverage.municipalities_in(filters) if p.grid_row is not None]
        for place in places:
            assert tiles[place.id] == sum(1 for o in offers if place.id in served_municipality_ids(o, places))
