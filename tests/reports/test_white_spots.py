"""White spots: which offers serve a municipality, cells, sentences and the map."""

from __future__ import annotations

from datetime import datetime

import pytest

from portal.models.statuses import OfferStatus
from portal.reports import coverage, figures

pytestmark = pytest.mark.both_databases


def _flevoland(make):
    start, end = figures.school_year_bounds(2025)
    return figures.Filters(start, end, figures.scope_municipality_ids(make.region("flevoland")))


def test_cells_count_serving_offers_and_bookings(make, db, book):
    almere = make.company(municipality_slug="almere", verified=True)
    visit = make.offer(almere, kind="company_visit", terms=[("profile", "pie")])
    make.offer(almere, kind="material", terms=[("profile", "bwi")])
    make.offer(almere, kind="guest_lesson", location_mode="online", terms=[("profile", "bwi")])
    make.offer(almere, kind="guest_lesson", status=OfferStatus.DRAFT, terms=[("profile", "mt")])
    school = make.school(municipality_slug="almere", sector="vo")
    book(visit, school, datetime(2025, 10, 1, 9))
    db.session.commit()

    result = coverage.matrix(_flevoland(make), "profile")
    almere_place, urk = make.municipality("almere"), make.municipality("urk")
    pie, bwi, mt = (make.term("profile", c) for c in ("pie", "bwi", "mt"))
    assert (result.cell(almere_place, pie).offers, result.cell(almere_place, pie).bookings) == (1, 1)
    assert result.cell(almere_place, pie).level == "thin"
    assert result.cell(urk, pie).offers == 0 and result.cell(urk, pie).level == "empty"
    # Material and online offers serve every municipality.
    assert result.cell(urk, bwi).offers == 2
    # A draft serves nobody.
    assert result.cell(almere_place, mt).offers == 0
    lines = coverage.sentences(result)
    urk_line = next(line for line in lines if line.startswith("Urk:"))
    assert "vmbo PIE" in urk_line and "vmbo BWI" not in urk_line
    assert not any("PIE" in line for line in lines if line.startswith("Almere:"))


def test_a_municipality_with_three_offers_is_not_thin(make, db):
    for _ in range(3):
        make.offer(kind="guest_lesson", terms=[("audience", "po-7-8")])
    db.session.commit()
    result = coverage.matrix(_flevoland(make), "audience")
    assert result.cell(make.municipality("almere"), make.term("audience", "po-7-8")).level == "ok"


def test_the_map_has_a_tile_per_municipality_coloured_by_coverage(make, db):
    make.offer(kind="guest_lesson")
    db.session.commit()
    tiles = {t.municipality.slug: t for t in coverage.tiles(_flevoland(make))}
    assert set(tiles) == {"almere", "dronten", "lelystad", "noordoostpolder", "urk", "zeewolde"}
    assert (tiles["almere"].offers, tiles["almere"].level) == (1, "few")
    assert tiles["urk"].level == "none"
    assert min(t.row for t in tiles.values()) == 0 and min(t.col for t in tiles.values()) == 0
    assert len({(t.row, t.col) for t in tiles.values()}) == 6


def test_a_guest_lesson_serves_the_municipalities_its_provider_travels_to(make, db):
    """The rule of portal.offers.coverage: a provider that comes to schools within 300 km
    fills Urk's cell too; one that stays within 5 km of Almere does not."""
    make.offer(kind="guest_lesson", serves_within_km=300, terms=[("profile", "mt")])
    make.offer(kind="guest_lesson", serves_within_km=5, terms=[("profile", "mvi")])
    db.session.commit()
    result = coverage.matrix(_flevoland(make), "profile")
    urk, almere = make.municipality("urk"), make.municipality("almere")
    assert result.cell(urk, make.term("profile", "mt")).offers == 1
    assert result.cell(urk, make.term("profile", "mvi")).offers == 0
    assert result.cell(almere, make.term("profile", "mvi")).offers == 1
