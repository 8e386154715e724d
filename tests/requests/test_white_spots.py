"""Open requests are counted in the white-spot cells (municipality x term): demand where the
offer is missing; closed ones and online-only ones are in no cell."""

from __future__ import annotations

from portal.reports import coverage, figures
from portal.requests import services


def test_open_requests_count_in_their_cell(world, post, make, db, client_for):
    post(theme=make.term("theme", "maritiem"))
    post(theme=make.term("theme", "maritiem"), title="Nog een")
    closed = post(theme=make.term("theme", "maritiem"), title="Dicht")
    services.close(closed, world.teacher)
    post(theme=make.term("theme", "maritiem"), municipality_id=None, online=True, title="Online")
    db.session.commit()
    start, end = figures.school_year_bounds(2025)
    filters = figures.Filters(start, end, figures.scope_municipality_ids(make.region("flevoland")))

    themes = coverage.matrix(filters, "theme")
    lelystad, urk = make.municipality("lelystad"), make.municipality("urk")
    maritiem = make.term("theme", "maritiem")
    assert themes.cell(lelystad, maritiem).requests == 2
    assert themes.cell(urk, maritiem).requests == 0
    profiles = coverage.matrix(filters, "profile")
    assert profiles.cell(lelystad, make.term("profile", "pie")).requests == 2

    coordinator = client_for(make.user("coordinator"))
    page = coordinator.get("/beheer/witte-vlekken").get_data(as_text=True)
    assert "2 vragen" in page
    # the cell links to the requests behind it, as its number links to the offers
    link = f"/vragen?gemeente={lelystad.id}&amp;thema={maritiem.id}"
    assert link in page
    listed = coordinator.get(link.replace("&amp;", "&")).get_data(as_text=True)
    # the two counted requests are listed (online ones too: they serve every municipality)
    assert "Nog een" in listed and "Dicht" not in listed
