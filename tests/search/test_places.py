"""Places on /aanbod and in the API, on both search backends: which offers serve a region or a
municipality (the one rule of ``portal.offers.coverage``), "in de buurt van mijn school"
(``nabij``, ``vanaf``, ``sorteer=afstand``), and that a white-spot cell counts exactly the
offers its /aanbod link shows.

Distances between the centres (``portal/data/landsdeel_municipalities.csv``): Urk - Den Helder
65 km, Urk - Zeist 68, Texel - Den Helder 11, Texel - Urk 69, Texel - Zeist 111,
Noordoostpolder - Urk 11, Urk - Lelystad 18.
"""

from __future__ import annotations

import re
from datetime import datetime
from html import unescape
from types import SimpleNamespace

import pytest

from portal.models import Municipality


@pytest.fixture
def places(make, db):
    """Five published offers, oldest first:

    * ``urk``: a guest lesson from Urk that travels 12 km (Urk, Noordoostpolder);
    * ``helder``: a company visit in Den Helder (a class trip: Den Helder, Texel, ...);
    * ``kit``: teaching material from Utrecht (everywhere);
    * ``zeist``: a guest lesson from Zeist that travels 5 km (Zeist, Bunnik);
    * ``online``: an online guest lesson from Almere (everywhere).
    """

    def offer(name, place, when, **kw):
        company = make.company(name=f"Bedrijf {name}", municipality_slug=place, verified=True)
        return make.offer(company, title=f"Aanbod {name}", published_at=datetime(2026, 1, when), **kw)

    found = SimpleNamespace(
        urk=offer("urk", "urk", 1, kind="guest_lesson", serves_within_km=12, terms=[("profile", "pie")]),
        helder=offer("helder", "den-helder", 2, kind="company_visit", terms=[("profile", "bwi")]),
        kit=offer("kit", "utrecht", 3, kind="material", location_mode="online", terms=[("profile", "pie")]),
        zeist=offer("zeist", "zeist", 4, kind="guest_lesson", serves_within_km=5, terms=[("profile", "mt")]),
        online=offer(
            "online", "almere", 5, kind="guest_lesson", location_mode="online", terms=[("profile", "mt")]
        ),
    )
    db.session.commit()
    return found


def _ids(*offers):
    return {o.id for o in offers}


def _page_ids(client, url: str) -> list[int]:
    html = client.get(url).get_data(as_text=True)
    return [int(i) for i in re.findall(r'<li class="mb-3">.*?href="/aanbod/(\d+)-', html, re.S)]


def _total(client, url: str) -> int:
    html = client.get(url).get_data(as_text=True)
    found = re.search(r'id="resultaten"[^>]*>\s*(\d+) resulta', html)
    assert found, url
    return int(found.group(1))


# -- regio= and gemeente=: the places an offer serves ----------------------------------------
@pytest.mark.parametrize(
    ("region", "expected"),
    [
        ("flevoland", ("urk", "kit", "online")),
        ("noord-holland", ("helder", "kit", "online")),
        ("noord-holland-noord", ("helder", "kit", "online")),
        ("metropoolregio-amsterdam", ("kit", "online")),
        ("utrecht", ("kit", "zeist", "online")),
        ("noordwest", ("urk", "helder", "kit", "zeist", "online")),
    ],
)
def test_a_region_finds_the_offers_that_serve_one_of_its_municipalities(places, ids, region, expected):
    assert ids(filters={"region": [region]}) == _ids(*(getattr(places, name) for name in expected))


def test_region_counts_are_shown_like_every_other_filter(places, find):
    counts = find("", per_page=100).facets["region"]
    assert counts == {
        "noordwest": 5,
        "noord-holland": 3,
        "noord-holland-noord": 3,
        "metropoolregio-amsterdam": 2,
        "utrecht": 3,
        "flevoland": 3,
    }
    # Counted given the other filters: only the company visit is a company visit.
    counts = find("", filters={"kind": ["company_visit"]}).facets["region"]
    assert {region: n for region, n in counts.items() if n} == {
        "noordwest": 1,
        "noord-holland": 1,
        "noord-holland-noord": 1,
    }


def test_a_municipality_finds_the_offers_that_serve_it_not_only_those_sitting_there(places, ids):
    assert ids(filters={"municipality": ["texel"]}) == _ids(places.helder, places.kit, places.online)
    assert ids(filters={"municipality": ["noordoostpolder"]}) == _ids(places.urk, places.kit, places.online)
    assert ids(filters={"municipality": ["urk"], "region": ["utrecht"]}) == _ids(places.kit, places.online)


def test_the_page_has_a_region_filter_with_counts_and_a_removable_chip(client, places):
    html = client.get("/aanbod?regio=utrecht").get_data(as_text=True)
    assert _total(client, "/aanbod?regio=utrecht") == 3
    assert re.search(r'name="regio" value="utrecht" id="f-regio-utrecht" checked', html)
    assert re.search(r'for="f-regio-flevoland">Flevoland <span[^>]*>\(3\)', html)
    assert "Regio Utrecht" in html  # the chip (the municipality Utrecht is another filter)
    assert _total(client, "/aanbod?regio=nergens") == 5
    assert "bestaat niet (meer)" in client.get("/aanbod?regio=nergens").get_data(as_text=True)


# -- in de buurt: nabij, vanaf, sorteer=afstand -----------------------------------------------
def test_nearest_first_counts_an_offer_that_comes_to_the_school_as_zero(client, places):
    order = _page_ids(client, "/aanbod?sorteer=afstand&vanaf=urk")
    # 0 km: the guest lesson that comes to Urk, the material and the online lesson (newest
    # first among them); then the visit in Den Helder (65 km), then Zeist (68 km).
    assert order == [places.online.id, places.kit.id, places.urk.id, places.helder.id, places.zeist.id]
    order = _page_ids(client, "/aanbod?sorteer=afstand&vanaf=texel")
    # From Texel the Urk lesson does not come (it travels 12 km): as far as Urk, 69 km.
    assert order == [places.online.id, places.kit.id, places.helder.id, places.urk.id, places.zeist.id]


@pytest.mark.parametrize(
    ("km", "expected"),
    [("10", ("kit", "online")), ("25", ("kit", "online", "helder")), ("50", ("kit", "online", "helder"))],
)
def test_near_keeps_the_offers_within_the_distance(client, places, km, expected):
    found = set(_page_ids(client, f"/aanbod?nabij={km}&vanaf=texel"))
    assert found == _ids(*(getattr(places, name) for name in expected))


def test_a_teachers_school_is_where_the_distance_counts_from(client, login_as, make, places):
    school = make.school(municipality_slug="noordoostpolder", sector="vo")
    login_as("teacher", organisation=school)
    found = set(_page_ids(client, "/aanbod?nabij=10&niveau=alle"))
    assert found == _ids(places.urk, places.kit, places.online)
    html = client.get("/aanbod?nabij=10&niveau=alle").get_data(as_text=True)
    assert "Mijn school (Noordoostpolder)" in html and "vanaf het midden van Noordoostpolder" in html
    # vanaf= chooses another place, also for a teacher.
    assert set(_page_ids(client, "/aanbod?nabij=10&vanaf=texel&niveau=alle")) == _ids(
        places.kit, places.online
    )


def test_without_a_place_to_start_the_page_asks_for_one_and_never_fails(client, places):
    for url in ("/aanbod?nabij=25", "/aanbod?sorteer=afstand", "/aanbod?sorteer=afstand&nabij=10&pagina=2"):
        response = client.get(url)
        assert response.status_code == 200
        assert "moeten we weten vanaf waar" in response.get_data(as_text=True)
    assert _total(client, "/aanbod?nabij=25") == 5  # searched without the distance
    html = client.get("/aanbod?nabij=7&vanaf=atlantis").get_data(as_text=True)
    assert "De gemeente om de afstand vanaf te tellen bestaat niet" in html
    assert "niet een van de keuzes" in html


def test_nearest_first_pages_in_order(find, places):
    from portal.search.backends.base import SearchParams
    from portal.search.service import search

    def page(n):
        params = SearchParams(sort="afstand", near_from="texel", page=n, per_page=2)
        return [h.id for h in search(params).hits]

    assert page(1) + page(2) + page(3) == [
        places.online.id,
        places.kit.id,
        places.helder.id,
        places.urk.id,
        places.zeist.id,
    ]


def test_a_card_says_how_far_from_the_chosen_place(client, places):
    html = client.get("/aanbod?sorteer=afstand&vanaf=texel").get_data(as_text=True)
    assert "ca. 11 km" in unescape(html).replace("\xa0", " ")


# -- a moved municipality centre reindexes ----------------------------------------------------
def test_moving_a_municipality_centre_reindexes_what_offers_serve(places, ids, db):
    texel = db.session.query(Municipality).filter_by(slug="texel").one()
    assert places.helder.id in ids(filters={"municipality": ["texel"]})
    texel.latitude, texel.longitude = 50.0, 3.0  # far away: no class trip reaches it
    db.session.commit()
    assert ids(filters={"municipality": ["texel"]}) == _ids(places.kit, places.online)


# -- the open data API --------------------------------------------------------------------------
def test_the_api_takes_the_region_and_the_distance(client, places):
    data = client.get("/api/v1/offers?regio=utrecht").get_json()
    assert data["total"] == 3 and {i["id"] for i in data["items"]} == _ids(
        places.kit, places.zeist, places.online
    )
    data = client.get("/api/v1/offers?sorteer=afstand&vanaf=texel&nabij=25").get_json()
    assert [i["id"] for i in data["items"]] == [places.online.id, places.kit.id, places.helder.id]
    assert "vanaf=texel" in data["links"]["self"] and "nabij=25" in data["links"]["self"]
    for bad in ("regio=nergens", "vanaf=atlantis", "nabij=7"):
        response = client.get(f"/api/v1/offers?{bad}")
        assert response.status_code == 400, bad
        assert response.get_json()["parameter"] == bad.split("=")[0]
    # Without a place to start, the distance asks nothing (there is no school to count from).
    assert client.get("/api/v1/offers?sorteer=afstand&nabij=10").get_json()["total"] == 5


def test_the_openapi_document_lists_regions_and_distances(client, places):
    document = client.get("/api/v1/openapi.json").get_json()
    text = str(document)
    assert "metropoolregio-amsterdam" in text and "'nabij'" in text and "'vanaf'" in text
    assert "afstand" in text


# -- white spots and /aanbod agree ------------------------------------------------------------
CELL = re.compile(r'<td class="ws-cell[^"]*">\s*<a href="(/aanbod\?[^"]+)">\s*(?:○|!)?\s*(\d+)<span')


@pytest.mark.parametrize("report_args", ["", "&soort=guest_lesson"])
def test_every_white_spot_cell_counts_the_offers_its_link_shows(
    client, login_as, make, places, db, report_args
):
    lelystad = make.company(municipality_slug="lelystad", verified=True)
    make.offer(lelystad, kind="company_visit", terms=[("profile", "bwi"), ("audience", "vmbo-bb")])
    make.offer(lelystad, kind="guest_lesson", serves_within_km=20, terms=[("profile", "pie")])
    db.session.commit()
    login_as("coordinator")  # Flevoland
    html = client.get(f"/beheer/witte-vlekken?schooljaar=2025{report_args}").get_data(as_text=True)
    cells = [(unescape(url), int(count)) for url, count in CELL.findall(html)]
    assert len(cells) > 6 * 4  # six municipalities times the terms of three matrices
    assert any(count > 0 for _url, count in cells) and any(count == 0 for _url, count in cells)
    profile_cells = [(url, count) for url, count in cells if "profiel=" in url]
    assert profile_cells
    for url, count in profile_cells:
        assert _total(client, url) == count, url
    # A few cells of the other matrices too.
    for url, count in [c for c in cells if "profiel=" not in c[0]][::7]:
        assert _total(client, url) == count, url
