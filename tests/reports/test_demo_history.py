"""The demo's two school years of history fill every report (and seeding twice adds none)."""

from __future__ import annotations

from sqlalchemy import func, select

from portal.models import Booking, local_now
from portal.reports import figures


def test_demo_history_fills_every_report(runner, db, client, login_as):
    assert runner.invoke(args=["seed-demo"]).exit_code == 0
    count = db.session.scalar(select(func.count(Booking.id)))
    assert runner.invoke(args=["seed-demo"]).exit_code == 0
    assert db.session.scalar(select(func.count(Booking.id))) == count

    this_year = figures.school_year_of(local_now().date())
    for year in (this_year - 1, this_year):
        start, end = figures.school_year_bounds(year)
        f = figures.Filters(start, end)
        assert figures.totals(f).bookings > 10, year
        assert figures.feedback(f).count > 0
        assert figures.cancellations(f).no_show + sum(figures.cancellations(f).by_status.values()) > 0
        assert figures.responsiveness(f)
        for rows in (figures.per_municipality(f), figures.per_sector(f), figures.per_kind(f, {})):
            assert rows
    assert len(figures.per_school_year(figures.Filters(*figures.school_year_bounds(this_year)))) >= 2

    login_as("admin")
    for path in (f"/beheer/rapportages?schooljaar={this_year - 1}", "/beheer/witte-vlekken"):
        page = client.get(path)
        assert page.status_code == 200, path
        assert "Geen gegevens in deze periode." not in page.get_data(as_text=True) or "witte" in path
