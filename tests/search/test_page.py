"""The /aanbod page: filters with counts that agree with the database, sorting, paging."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import select

from portal.extensions import db
from portal.models import Municipality
from portal.offers.coverage import served_municipality_ids
from portal.search.backends.base import SearchParams


@pytest.fixture
def catalogue(make, db):
    """A small varied catalogue; returns the published offers."""
    lely = make.company(name="Lely Techniek", municipality_slug="lelystad")
    urk = make.company(name="Urker Scheepsbouw", municipality_slug="urk")
    specs = [
        dict(
            organisation=lely,
            kind="guest_lesson",
            title="Robots in de stal",
            terms=[("audience", "po-7-8"), ("theme", "productie-robotica")],
        ),
        dict(
            organisation=lely,
            kind="company_visit",
            title="Rondleiding robotfabriek",
            location_mode="hybrid",
            terms=[("audience", "vmbo-bb"), ("profile", "pie")],
        ),
        dict(
            organisation=urk,
            kind="company_visit",
            title="Scheepsbouw op Urk",
            price_cents=2500,
            terms=[("audience", "vmbo-bb"), ("audience", "vmbo-kb"), ("theme", "maritiem")],
        ),
        dict(
            organisation=urk,
            kind="material",
            title="Lespakket lassen",
            location_mode="online",
            booking_mode="download",
            terms=[("profile", "pie"), ("theme", "maritiem")],
        ),
        dict(
            organisation=lely,
            kind="guest_lesson",
            title="Programmeer een robot",
            price_cents=0,
            terms=[("audience", "po-5-6"), ("theme", "ict")],
        ),
        dict(organisation=urk, kind="guest_lesson", title="Robot onder water", status="draft"),
        dict(organisation=urk, kind="guest_lesson", title="Robot archief", status="archived"),
    ]
    offers = []
    for n, spec in enumerate(specs):
        spec.setdefault("published_at", datetime(2026, 1, 1) + timedelta(days=n))
        spec.setdefault("description", "")
        offers.append(make.offer(**spec))
    db.session.commit()
    return [o for o in offers if o.status == "published"]


def text_of(html: str) -> str:
    return re.sub(r"<[^>]+>", "", html)


def test_page_renders_and_keeps_the_query(client, catalogue):
    html = client.get("/aanbod?q=robot").get_data(as_text=True)
    assert 'value="robot"' in html and 'method="get"' in html
    assert "Robots in de stal" in text_of(html) and "Programmeer een robot" in text_of(html)
    assert "Scheepsbouw op Urk" not in text_of(html)


def test_only_published_offers_are_found(client, catalogue, ids):
    found = ids("robot")
    titles = {o.id: o.title for o in catalogue}
    page = text_of(client.get("/aanbod?q=robot").text)
    assert found and found <= set(titles)
    assert "Robot onder water" not in page and "Robot archief" not in page


def _served_slugs(offer, facet):
    places = db.session.scalars(select(Municipality)).all()
    served = [m for m in places if m.id in served_municipality_ids(offer, places)]
    if facet == "municipality":
        return {m.slug for m in served}
    regions = set()
    for m in served:
        region = m.region
        while region is not None:
            regions.add(region.slug)
            region = region.parent
    return regions


def _db_count(offers, facet, value):
    if facet == "kind":
        return sum(o.kind == value for o in offers)
    if facet in ("municipality", "region"):  # the places an offer serves (offers.coverage)
        return sum(value in _served_slugs(o, facet) for o in offers)
    if facet in ("online", "free"):
        return sum(o.is_online if facet == "online" else o.is_free for o in offers)
    return sum(value in {t.code for t in o.terms if t.vocabulary == facet} for o in offers)


@pytest.mark.parametrize(
    "filters",
    [
        {},
        {"kind": ["company_visit"]},
        {"audience": ["vmbo-bb"], "theme": ["maritiem"]},
        {"municipality": ["urk", "lelystad"]},
        {"region": ["utrecht"]},
        {"region": ["flevoland"], "kind": ["guest_lesson"]},
    ],
)
def test_facet_counts_agree_with_the_database(catalogue, find, filters):
    result = find("", filters=filters, per_page=100)

    def matches(o, skip=None):
        for facet, values in filters.items():
            if facet != skip and not any(_db_count([o], facet, v) for v in values):
                return False
        return True

    assert result.total == sum(matches(o) for o in catalogue)
    assert {h.id for h in result.hits} == {o.id for o in catalogue if matches(o)}
    for facet, counts in result.facets.items():
        pool = [o for o in catalogue if matches(o, skip=facet)]
        for value, count in counts.items():
            assert count == _db_count(pool, facet, value), (facet, value)
    assert result.facets["theme"].get("maritiem", 0) == _db_count(
        [o for o in catalogue if matches(o, skip="theme")], "theme", "maritiem"
    )


def test_flag_filters_online_and_free(catalogue, ids):
    online = {o.id for o in catalogue if o.is_online}
    free = {o.id for o in catalogue if o.is_free}
    assert ids("", online=True) == online
    assert ids("", free=True) == free
    assert ids("", online=True, free=True) == online & free


def test_date_range_finds_slots_in_range_and_open_offers(make, db, ids):
    soon = make.offer(title="Met datum", booking_mode="slots")
    make.slot(soon, start=datetime(2030, 3, 10, 9))
    later = make.offer(title="Later", booking_mode="slots")
    make.slot(later, start=datetime(2030, 6, 1, 9))
    material = make.offer(title="Lespakket", kind="material", booking_mode="download")
    ended = make.offer(title="Verlopen", booking_mode="request", available_until=date(2030, 1, 1))
    db.session.commit()
    found = ids("", date_from=date(2030, 3, 1), date_to=date(2030, 3, 31))
    assert found == {soon.id, material.id}
    assert ended.id not in found and later.id not in found


def test_sort_orders(make, db, find):
    a = make.offer(title="Robot A", booking_mode="slots", published_at=datetime(2026, 1, 1))
    make.slot(a, days_ahead=30)
    b = make.offer(title="Robot B", booking_mode="slots", published_at=datetime(2026, 3, 1))
    make.slot(b, days_ahead=5)
    c = make.offer(title="Robot C", booking_mode="request", published_at=datetime(2026, 2, 1))
    db.session.commit()
    newest = [h.id for h in find("robot", sort="nieuw").hits]
    soonest = [h.id for h in find("robot", sort="datum").hits]
    assert newest == [b.id, c.id, a.id]
    assert soonest == [b.id, a.id, c.id]  # offers without dates last
    assert [h.id for h in find("", sort="relevantie").hits] == newest  # no words: newest


def test_paging_edges(client, make, db, find):
    for n in range(23):
        make.offer(title=f"Robot {n}", published_at=datetime(2026, 1, 1) + timedelta(hours=n))
    db.session.commit()
    pages = [find("robot", page=p, sort="nieuw") for p in (1, 2, 3)]
    seen = [h.id for r in pages for h in r.hits]
    assert len(seen) == 23 == len(set(seen)) and pages[0].pages == 3
    assert [h.id for h in find("robot", page=99, sort="nieuw").hits] == [h.id for h in pages[2].hits]
    for page in ("0", "-1", "abc", "99999999999", "3.5", ""):
        response = client.get(f"/aanbod?q=robot&pagina={page}")
        assert response.status_code == 200
        assert "Robot" in text_of(response.text)
    assert 'aria-current="page">3<' in client.get("/aanbod?q=robot&pagina=50").text


def test_filter_links_and_remove_links_are_shareable(client, catalogue):
    html = client.get("/aanbod?q=robot&doelgroep=vmbo-bb&gratis=1").text
    assert 'name="doelgroep" value="vmbo-bb"' in html and "checked" in html
    removes = re.findall(r'href="(/aanbod[^"]*)"', html)
    assert any("doelgroep" not in r and "gratis=1" in r for r in removes)


def test_empty_state_suggests_removing_filters_and_a_spelling(client, catalogue):
    html = client.get("/aanbod?q=lassen&gemeente=lelystad&soort=company_visit").text
    assert "search-results" not in html
    links = re.findall(r'href="(/aanbod\?[^"]*)"', html)
    assert any("soort" not in link and "gemeente=lelystad" in link for link in links)
    assert any("gemeente" not in link and "soort=company_visit" in link for link in links)
    html = client.get("/aanbod?q=robto&precies=1").text  # the words exactly as typed
    assert "search-results" not in html
    assert "?q=robot" in html  # "Did you mean robot?"


def test_a_misspelled_search_that_finds_nothing_shows_the_corrected_spelling(client, catalogue):
    html = client.get("/aanbod?q=robto").text
    assert "search-results" in html and "Robot" in text_of(html)
    assert re.search(r"Niets gevonden voor “robto”; dit zijn de resultaten voor “robots?”", text_of(html))
    assert "q=robto&amp;precies=1" in html  # and a way back to the words as typed
    # with a filter that the corrected spelling does not match either: nothing is swapped
    html = client.get("/aanbod?q=robto&soort=material").text
    assert "dit zijn de resultaten" not in text_of(html)


def test_search_page_is_get_only_and_unknown_values_are_ignored(client, catalogue):
    assert client.post("/aanbod").status_code == 405
    response = client.get("/aanbod?soort=<script>&sorteer=drop&van=2026-13-45&thema=%00")
    assert response.status_code == 200 and "<script>" not in response.text


def test_parse_params_defaults():
    from werkzeug.datastructures import MultiDict

    from portal.search.params import parse_args

    params, problems = parse_args(MultiDict({"q": " robot\x00 ", "pagina": "-4", "van": "x"}))
    assert params == SearchParams(q="robot", page=1, sort="relevantie")
    assert problems == ["date"]


def test_did_you_mean_without_filters_when_only_that_finds_something(client, catalogue):
    html = client.get("/aanbod?q=scheepsbuow&gemeente=den-helder&soort=company_visit").text
    # filters dropped: the visit on Urk does not serve Den Helder (beyond a class trip)
    assert 'href="/aanbod?q=scheepsbouw"' in html
    html = client.get("/aanbod?q=scheepsbuow&gemeente=urk&precies=1").text
    assert "q=scheepsbouw" in html and "gemeente=urk" in html
    html = client.get("/aanbod?q=scheepsbuow&gemeente=urk").text  # with the filter it finds one
    assert "Scheepsbouw op Urk" in text_of(html) and "dit zijn de resultaten" in text_of(html)


def test_a_reversed_date_range_is_swapped_and_said(client):
    response = client.get("/aanbod?van=2031-12-01&tot=2031-11-01")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "we hebben ze omgedraaid" in html
    assert 'value="2031-11-01"' in html and 'value="2031-12-01"' in html


def test_a_failing_search_shows_the_page_with_a_message(client, catalogue, monkeypatch):
    from portal.search import service

    def broken(params):
        raise RuntimeError("index on fire")

    monkeypatch.setattr(service, "search", broken)
    response = client.get("/aanbod?q=robot")
    assert response.status_code == 200
    assert "Zoeken lukt nu even niet" in response.text and "Robots in de stal" not in response.text
