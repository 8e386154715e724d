"""Sorting by first date ("sorteer=datum"): offers with an upcoming open date first, soonest
first, then every other offer (on request, download, full, or whose dates have passed),
newest first. The same on Whoosh and PostgreSQL, also when dates pass after indexing."""

from __future__ import annotations

from datetime import datetime, timedelta


def soonest(find) -> list[int]:
    return [h.id for h in find("", sort="datum", per_page=100).hits]


def test_offers_with_upcoming_dates_come_first_soonest_first(make, db, find):
    in_a_month = make.offer(booking_mode="slots", published_at=datetime(2026, 1, 1))
    make.slot(in_a_month, days_ahead=30)
    next_week = make.offer(booking_mode="slots", published_at=datetime(2026, 1, 2))
    make.slot(next_week, days_ahead=7)
    make.slot(next_week, days_ahead=40)
    on_request = make.offer(booking_mode="request", published_at=datetime(2026, 3, 1))
    full = make.offer(booking_mode="slots", published_at=datetime(2026, 2, 1))
    make.slot(full, days_ahead=3, capacity=10, booked=10)
    download = make.offer(kind="material", booking_mode="download", published_at=datetime(2026, 2, 15))
    db.session.commit()
    assert soonest(find) == [next_week.id, in_a_month.id, on_request.id, download.id, full.id]


def test_dates_that_passed_after_indexing_do_not_count(make, db, find, frozen_clock):
    passed = make.offer(booking_mode="slots", published_at=datetime(2026, 1, 1))
    make.slot(passed, days_ahead=2)
    passed_then_later = make.offer(booking_mode="slots", published_at=datetime(2026, 1, 2))
    make.slot(passed_then_later, days_ahead=2)
    make.slot(passed_then_later, days_ahead=20)
    soon = make.offer(booking_mode="slots", published_at=datetime(2026, 1, 3))
    make.slot(soon, days_ahead=10)
    on_request = make.offer(booking_mode="request", published_at=datetime(2026, 3, 1))
    db.session.commit()  # indexed now: the first two have a date in two days
    assert soonest(find)[:2] == [passed_then_later.id, passed.id]

    frozen_clock.shift(timedelta(days=5))  # nothing was re-indexed since

    assert soonest(find) == [soon.id, passed_then_later.id, on_request.id, passed.id]


def test_the_page_sorted_by_date_lists_dated_offers_first(client, make, db):
    undated = make.offer(title="Zonder datum robot", booking_mode="request")
    dated = make.offer(title="Met datum robot", booking_mode="slots", published_at=datetime(2025, 1, 1))
    make.slot(dated, days_ahead=9)
    db.session.commit()
    html = client.get("/aanbod?sorteer=datum").text
    assert html.index("Met datum robot") < html.index("Zonder datum robot")
    assert undated.id != dated.id
