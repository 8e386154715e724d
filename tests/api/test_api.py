"""/api/v1: every endpoint, the same results as /aanbod, nothing unpublished or personal,
small cells suppressed, ETag/304, CORS, JSON errors."""

from __future__ import annotations

import json
import re
from datetime import date

import pytest

from portal.models.statuses import BookingStatus
from tests.api.conftest import school_day
from tests.clock import at

ENDPOINTS = (
    "/api/v1/offers",
    "/api/v1/taxonomy",
    "/api/v1/municipalities",
    "/api/v1/regions",
    "/api/v1/figures",
    "/api/v1/openapi.json",
)


def page_ids(client, query: str) -> set[int]:
    html = client.get("/aanbod?" + query).get_data(as_text=True)
    return {int(i) for i in re.findall(r'href="/aanbod/(\d+)-', html)}


def api_ids(client, query: str) -> set[int]:
    response = client.get("/api/v1/offers?per_page=50&" + query)
    assert response.status_code == 200, response.get_data(as_text=True)
    return {item["id"] for item in response.get_json()["items"]}


@pytest.mark.parametrize(
    "query",
    [
        "",
        "q=robots",
        "q=lassen",
        "thema=productie-robotica",
        "doelgroep=vmbo-bb",
        "doelgroep=vmbo-bb&soort=material",
        "gemeente=lelystad&gemeente=dronten",
        "online=1",
        "gratis=1",
        "q=robots&doelgroep=po-7-8&sorteer=nieuw",
        "regio=flevoland",
        "regio=utrecht&regio=noord-holland-noord",
        "nabij=10&vanaf=urk&sorteer=afstand",
    ],
)
def test_offers_are_what_the_aanbod_page_finds(client, world, query):
    found = api_ids(client, query)
    assert found == page_ids(client, query)
    assert found <= {o.id for o in world.published}


def test_offers_filters_narrow_as_expected(client, world):
    robots, lassen, wind = (o.id for o in world.published)
    assert api_ids(client, "") == {robots, lassen, wind}
    assert api_ids(client, "doelgroep=vmbo-bb") == {lassen, wind}
    assert api_ids(client, "thema=productie-robotica") == {robots}
    assert api_ids(client, "gratis=1") == {robots, wind}
    assert api_ids(client, "q=lassen") == {lassen}
    assert api_ids(client, "q=robots") == {robots, lassen, wind}  # all describe a robot; none of the hidden
    assert api_ids(client, "q=geheim") == set()


@pytest.mark.both_databases
def test_offer_list_is_paged_with_links_and_total(client, world):
    body = client.get("/api/v1/offers?per_page=2&sorteer=nieuw").get_json()
    assert body["total"] == 3 and body["pages"] == 2 and body["page"] == 1 and len(body["items"]) == 2
    assert body["links"]["prev"] is None
    assert "page=2" in body["links"]["next"] and "per_page=2" in body["links"]["next"]
    second = client.get(body["links"]["next"]).get_json()
    assert second["page"] == 2 and len(second["items"]) == 1 and second["links"]["next"] is None
    assert "page=1" in second["links"]["prev"]
    ids = [i["id"] for i in body["items"] + second["items"]]
    assert sorted(ids) == sorted(o.id for o in world.published)


@pytest.mark.both_databases
def test_one_offer_and_only_published(client, world):
    lassen = world.published[1]
    body = client.get(f"/api/v1/offers/{lassen.id}").get_json()
    assert body["title"] == "Lassen voor beginners"
    assert body["municipality"] == {
        "slug": "lelystad",
        "name": "Lelystad",
        "cbs_code": body["municipality"]["cbs_code"],
    }
    assert body["price_cents"] == 2500 and body["free"] is False
    assert [t["code"] for t in body["profiles"]] == ["bwi"]
    assert len(body["dates"]) == 2 and body["dates"][0]["places_left"] == 12
    assert body["url"].endswith(f"/aanbod/{lassen.id}-{lassen.slug}")
    for offer in world.hidden:
        response = client.get(f"/api/v1/offers/{offer.id}")
        assert response.status_code == 404
        assert response.is_json and response.get_json()["error"] == "not_found"
    assert client.get("/api/v1/offers/999999").status_code == 404
    huge = client.get("/api/v1/offers/99999999999999999999999")
    assert (
        huge.status_code == 404 and huge.get_json()["error"] == "not_found" and huge.get_json()["message_en"]
    )


@pytest.mark.both_databases
def test_taxonomy_municipalities_and_regions(client, world):
    vocabularies = {v["code"]: v for v in client.get("/api/v1/taxonomy").get_json()["vocabularies"]}
    assert set(vocabularies) == {"kind", "audience", "profile", "theme"}
    assert vocabularies["theme"]["parameter"] == "thema"
    assert "productie-robotica" in {t["code"] for t in vocabularies["theme"]["terms"]}
    assert {"code": "guest_lesson", "label": "Gastles", "group": None, "active": True} in vocabularies[
        "kind"
    ]["terms"]
    places = {m["slug"]: m for m in client.get("/api/v1/municipalities").get_json()["municipalities"]}
    assert places["urk"]["cbs_code"].startswith("GM") and places["urk"]["region"] == "flevoland"
    assert isinstance(places["urk"]["latitude"], float)
    regions = {r["slug"]: r for r in client.get("/api/v1/regions").get_json()["regions"]}
    assert "urk" in regions["flevoland"]["municipalities"]


def test_no_unpublished_offer_and_no_personal_data_in_any_answer(client, world, book, db):
    for n in range(6):
        book(world.published[0], world.school, school_day(-30 - n))
    world.published[0].organisation.email = "info-prive@polder.example"
    world.published[0].organisation.phone = "0320-999999"
    db.session.commit()
    paths = list(ENDPOINTS) + [f"/api/v1/offers/{o.id}" for o in world.published]
    paths += ["/api/v1/offers?q=robot", "/api/v1/offers?q=geheim", "/api/v1/", "/aanbod.ics", "/aanbod.atom"]
    forbidden = world.personal_strings() + ["info-prive@polder.example", "0320-999999"]
    forbidden += [o.title for o in world.hidden]
    for path in paths:
        text = client.get(path).get_data(as_text=True)
        for value in forbidden:
            assert value not in text, f"{value!r} in {path}"
        assert (
            "@" not in re.sub(r"@[a-z.]*(portal\.test|techniekflevoland\.nl)", "", text) or path == "/api/v1/"
        )


@pytest.mark.both_databases
def test_figures_count_per_municipality_and_school_year_and_suppress_small_cells(
    client, world, book, make, db
):
    lelystad_school = make.school(name="Het Baken", municipality=make.municipality("lelystad"))
    offer = world.published[0]
    # Urk, 2025-2026: five counted bookings (one with attendance), plus ones that do not count
    for n in range(4):
        book(offer, world.school, at(date(2025, 10, 6 + n), 9), group_size=20)
    book(offer, world.school, at(date(2026, 7, 31), 9), group_size=25, attended=18)
    book(offer, world.school, at(date(2025, 11, 3), 9), status=BookingStatus.CANCELLED)
    book(offer, world.school, at(date(2025, 11, 4), 9), status=BookingStatus.DECLINED)
    # The boundary: 31 July is the last day of 2024-2025, 1 August the first of 2025-2026
    book(offer, lelystad_school, at(date(2025, 7, 31), 9), status=BookingStatus.COMPLETED)
    book(offer, lelystad_school, at(date(2025, 8, 1), 9), status=BookingStatus.COMPLETED)
    db.session.commit()
    figures = client.get("/api/v1/figures").get_json()
    assert figures["suppress_below"] == 5
    cells = {(f["municipality"]["slug"], f["school_year"]): f for f in figures["figures"]}
    assert cells[("urk", "2025-2026")] == {
        "municipality": cells[("urk", "2025-2026")]["municipality"],
        "school_year": "2025-2026",
        "bookings": 5,
        "pupils": 4 * 20 + 18,
        "suppressed": False,
    }
    for key in (("lelystad", "2024-2025"), ("lelystad", "2025-2026")):
        assert (
            cells[key]["bookings"] is None
            and cells[key]["pupils"] is None
            and cells[key]["suppressed"] is True
        )
    only = client.get("/api/v1/figures?school_year=2024&municipality=lelystad").get_json()["figures"]
    assert [(f["municipality"]["slug"], f["school_year"]) for f in only] == [("lelystad", "2024-2025")]
    assert "Tineke" not in json.dumps(figures) and "Baken" not in json.dumps(figures)


@pytest.mark.parametrize("path", ENDPOINTS + ("/api/v1/",))
def test_etag_last_modified_and_304(client, world, path):
    first = client.get(path)
    assert first.status_code == 200 and first.headers["ETag"]
    if path != "/api/v1/":
        assert first.headers["Last-Modified"]
    again = client.get(path, headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304 and again.get_data() == b""
    if "Last-Modified" in first.headers:
        since = client.get(path, headers={"If-Modified-Since": first.headers["Last-Modified"]})
        assert since.status_code == 304
    assert client.get(path, headers={"If-None-Match": '"something-else"'}).status_code == 200


def test_etag_changes_when_an_offer_changes(client, world, db):
    first = client.get(f"/api/v1/offers/{world.published[0].id}")
    world.published[0].title = "Robots bouwen, nieuw"
    db.session.commit()
    again = client.get(
        f"/api/v1/offers/{world.published[0].id}", headers={"If-None-Match": first.headers["ETag"]}
    )
    assert again.status_code == 200 and again.get_json()["title"] == "Robots bouwen, nieuw"


@pytest.mark.parametrize("path", ["/api/v1/offers", "/api/v1/figures", "/aanbod.ics", "/aanbod.atom"])
def test_cors_for_reading_only(client, world, path):
    response = client.get(path, headers={"Origin": "https://example.org"})
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    assert response.headers["Access-Control-Allow-Methods"] == "GET, HEAD, OPTIONS"
    preflight = client.options(
        path, headers={"Origin": "https://example.org", "Access-Control-Request-Method": "GET"}
    )
    assert preflight.status_code == 200 and preflight.headers["Access-Control-Allow-Origin"] == "*"
    assert "POST" not in preflight.headers["Access-Control-Allow-Methods"]
    assert client.head(path).headers["Access-Control-Allow-Origin"] == "*"
    refused = client.post(path)
    assert refused.status_code == 405 and "Access-Control-Allow-Origin" not in refused.headers


@pytest.mark.parametrize(
    "query, parameter",
    [
        ("page=0", "page"),
        ("page=abc", "page"),
        ("page=101", "page"),
        ("per_page=51", "per_page"),
        ("per_page=-1", "per_page"),
        ("soort=raket", "soort"),
        ("thema=Bestaat%20niet", "thema"),
        ("gemeente=atlantis", "gemeente"),
        ("van=morgen", "van"),
        ("tot=2026-13-45", "tot"),
        ("sorteer=prijs", "sorteer"),
        ("online=misschien", "online"),
    ],
)
def test_bad_parameters_are_a_400_in_dutch_and_english(client, world, query, parameter):
    response = client.get("/api/v1/offers?" + query)
    assert response.status_code == 400 and response.is_json
    body = response.get_json()
    assert body["error"] == "bad_parameter" and parameter in body["parameter"]
    assert body["message"].startswith(parameter) and body["message_en"].startswith(parameter)
    assert body["message"] != body["message_en"]


@pytest.mark.parametrize("query", ["school_year=1999", "school_year=2025-2026", "municipality=atlantis"])
def test_bad_figure_parameters_are_a_400(client, world, query):
    response = client.get("/api/v1/figures?" + query)
    assert response.status_code == 400 and response.get_json()["error"] == "bad_parameter"


def test_unknown_api_paths_answer_json(client, world):
    for path in ("/api/v1/nothing", "/api/v1/offers/abc", "/api/v1/offers/-3"):
        response = client.get(path)
        assert response.status_code == 404 and response.is_json, path


def test_docs_page_lists_every_endpoint_without_a_cdn(client, world):
    html = client.get("/api/v1/").get_data(as_text=True)
    assert "Open data" in html
    for path in ("/api/v1/offers", "/api/v1/offers/{offer_id}", "/api/v1/taxonomy", "/api/v1/figures"):
        assert path in html
    assert "per_page" in html and "/api/v1/openapi.json" in html and "/aanbod.ics" in html
    assert "swagger" not in html.lower() and "cdn" not in html.lower()


def test_openapi_document_is_3_1_and_describes_every_endpoint(client, world):
    document = client.get("/api/v1/openapi.json").get_json()
    assert document["openapi"] == "3.1.0"
    assert set(document["paths"]) == {
        "/api/v1/offers",
        "/api/v1/offers/{offer_id}",
        "/api/v1/taxonomy",
        "/api/v1/municipalities",
        "/api/v1/regions",
        "/api/v1/figures",
    }
    parameters = {p["name"]: p for p in document["paths"]["/api/v1/offers"]["get"]["parameters"]}
    assert {"q", "soort", "doelgroep", "profiel", "thema", "gemeente", "page", "per_page"} <= set(parameters)
    assert {"regio", "vanaf", "nabij"} <= set(parameters)
    assert "metropoolregio-amsterdam" in parameters["regio"]["schema"]["items"]["enum"]
    assert "productie-robotica" in parameters["thema"]["schema"]["items"]["enum"]
    assert parameters["per_page"]["schema"]["maximum"] == 50
    figure = document["components"]["schemas"]["Figure"]["properties"]
    assert figure["bookings"]["type"] == ["integer", "null"]
