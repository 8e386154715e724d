"""Report figures against a small hand-computed history (school years, scope, pupils' basis)."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from portal.models.statuses import AttendanceStatus, BookingStatus
from portal.reports import figures

pytestmark = pytest.mark.both_databases


@pytest.fixture
def history(make, db, book, amersfoort):
    almere_school = make.school(name="De Zeester", sector="po", municipality_slug="almere")
    urk_school = make.school(name="Pieter Zeeman", sector="vo", municipality_slug="urk")
    utrecht_school = make.school(name="Eemschool", sector="vo", municipality=amersfoort)
    lesson = make.offer(kind="guest_lesson", terms=[("theme", "energietransitie"), ("profile", "pie")])
    material = make.offer(kind="material", terms=[("theme", "ict")])
    vo = make.term("audience", "vmbo-kb")
    # 31 July 2025 belongs to school year 2024-2025, 1 August 2025 to 2025-2026.
    book(lesson, almere_school, datetime(2025, 7, 31, 10), group_size=20)
    book(
        lesson,
        almere_school,
        datetime(2025, 8, 1, 9),
        group_size=25,
        status=BookingStatus.COMPLETED,
        attendance=AttendanceStatus.TOOK_PLACE,
        pupils=22,
        rating=4,
    )
    book(
        material,
        urk_school,
        datetime(2025, 9, 15, 9),
        group_size=30,
        audience=vo,
        created_at=datetime(2025, 9, 1, 8),
        answered_after=timedelta(hours=2),
    )
    book(
        lesson,
        urk_school,
        datetime(2025, 10, 1, 9),
        group_size=18,
        status=BookingStatus.COMPLETED,
        attendance=AttendanceStatus.NO_SHOW,
        audience=vo,
        created_at=datetime(2025, 9, 11, 8),
        answered_after=timedelta(hours=10),
    )
    book(lesson, utrecht_school, datetime(2025, 9, 20, 9), group_size=40)
    book(
        lesson,
        almere_school,
        datetime(2025, 11, 1, 9),
        status=BookingStatus.CANCELLED,
        created_at=datetime(2025, 10, 12, 8),
        answered_after=timedelta(hours=30),
    )
    book(
        lesson,
        urk_school,
        datetime(2025, 11, 5, 9),
        status=BookingStatus.EXPIRED,
        created_at=datetime(2025, 10, 10, 8),
        expired=True,
    )
    db.session.commit()
    return {"lesson": lesson, "material": material}


def flevoland(make, year=2025, **kw):
    start, end = figures.school_year_bounds(year)
    return figures.Filters(start, end, figures.scope_municipality_ids(make.region("flevoland")), **kw)


def test_school_year_runs_from_1_august_to_31_july():
    assert figures.school_year_of(date(2025, 7, 31)) == 2024
    assert figures.school_year_of(date(2025, 8, 1)) == 2025
    assert figures.school_year_bounds(2025) == (date(2025, 8, 1), date(2026, 7, 31))
    assert figures.school_year_label(2025) == "2025-2026"


def test_totals_and_pupils_basis(history, make):
    totals = figures.totals(flevoland(make))
    # Bookings 1 Aug (22 counted), 15 Sep (30 booked, nothing recorded), 1 Oct (no-show: 0).
    assert (totals.bookings, totals.attended, totals.booked, totals.pupils) == (3, 22, 30, 52)
    assert totals.pupils_basis == "mixed"
    last_year = figures.totals(flevoland(make, 2024))
    assert (last_year.bookings, last_year.pupils, last_year.pupils_basis) == (1, 20, "booked")


def test_per_school_year_splits_on_1_august(history, make):
    rows = figures.per_school_year(flevoland(make))
    assert [(r.label, r.bookings, r.pupils) for r in rows] == [("2024-2025", 1, 20), ("2025-2026", 3, 52)]


def test_per_month_lists_every_month_of_the_school_year(history, make):
    rows = figures.per_month(flevoland(make))
    assert len(rows) == 12
    assert (rows[0].key, rows[0].bookings, rows[0].attended) == ("2025-08", 1, 22)
    assert (rows[1].key, rows[1].bookings, rows[1].booked) == ("2025-09", 1, 30)
    assert rows[-1].key == "2026-07" and rows[-1].bookings == 0


def test_a_coordinator_never_sees_another_regions_figures(history, make):
    flevo = figures.per_municipality(flevoland(make))
    assert {r.label for r in flevo} == {"Almere", "Urk"}
    start, end = figures.school_year_bounds(2025)
    utrecht = figures.Filters(start, end, figures.scope_municipality_ids(make.region("utrecht")))
    assert [(r.label, r.bookings, r.pupils) for r in figures.per_municipality(utrecht)] == [
        ("Amersfoort", 1, 40)
    ]
    assert figures.totals(utrecht).bookings == 1
    everyone = figures.Filters(start, end)
    assert {(r.label, r.bookings) for r in figures.per_region(everyone)} == {("Flevoland", 3), ("Utrecht", 1)}


def test_breakdowns(history, make):
    f = flevoland(make)
    assert [(r.key, r.bookings) for r in figures.per_municipality(f)] == [("urk", 2), ("almere", 1)]
    assert {(r.key, r.bookings) for r in figures.per_sector(f)} == {("vo", 2), ("po", 1)}
    assert [(r.key, r.bookings) for r in figures.per_audience(f)] == [("vmbo-kb", 2)]
    assert {(r.key, r.bookings) for r in figures.per_term(f, "theme")} == {
        ("energietransitie", 2),
        ("ict", 1),
    }
    assert [(r.key, r.bookings) for r in figures.per_term(f, "profile")] == [("pie", 2)]
    assert {(r.key, r.bookings) for r in figures.per_kind(f, {})} == {("guest_lesson", 2), ("material", 1)}
    assert [r.bookings for r in figures.top_schools(f)] == [2, 1]
    assert len(figures.top_providers(f)) == 2


def test_filters_narrow_the_figures(history, make):
    assert figures.totals(flevoland(make, kind="material")).bookings == 1
    urk = make.municipality("urk")
    assert figures.totals(flevoland(make, municipality_id=urk.id)).bookings == 2
    ict = make.term("theme", "ict")
    assert figures.totals(flevoland(make, theme_id=ict.id)).bookings == 1


def test_feedback_and_cancellations(history, make):
    f = flevoland(make)
    assert (figures.feedback(f).count, figures.feedback(f).average) == (1, 4.0)
    c = figures.cancellations(f)
    assert c.by_status == {"cancelled": 1, "expired": 1}
    assert (c.no_show, c.cancelled_late, c.total) == (1, 0, 5)


def test_answer_time_and_expired_share(history, make):
    rows = {r.label: r for r in figures.responsiveness(flevoland(make))}
    lesson_provider = history["lesson"].organisation.name
    row = rows[lesson_provider]
    # Requests made in the school year: answered after 10 h and 30 h, one expired.
    assert (row.requests, row.answered, row.expired, row.median_hours) == (3, 2, 1, 20.0)
    assert row.expired_share == 33.3
    material = rows[history["material"].organisation.name]
    assert (material.requests, material.median_hours, material.expired_share) == (1, 2.0, 0.0)
