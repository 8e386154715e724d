"""The report pages, their permissions and their CSV / .xlsx exports."""

from __future__ import annotations

import csv
import io
from datetime import datetime

import pytest
from openpyxl import load_workbook

from portal.models.statuses import AttendanceStatus, BookingStatus
from portal.reports.exports import Table, neutralise, to_csv, to_xlsx

PAGES = ["/beheer/rapportages", "/beheer/witte-vlekken"]
EXPORTS = ["/beheer/rapportages/gemeenten.csv", "/beheer/witte-vlekken/profiel.xlsx"]


@pytest.mark.parametrize("path", PAGES + EXPORTS)
def test_a_visitor_is_sent_to_log_in(client, path):
    response = client.get(path)
    assert response.status_code == 302 and "/inloggen" in response.headers["Location"]


@pytest.mark.parametrize("role", ["teacher", "provider"])
@pytest.mark.parametrize("path", PAGES + EXPORTS)
def test_teachers_and_providers_are_refused(client, login_as, role, path):
    login_as(role)
    assert client.get(path).status_code == 403


def test_a_coordinator_without_a_region_is_refused(client, login_as):
    login_as("coordinator", region=None)
    assert client.get(PAGES[0]).status_code == 403


@pytest.fixture
def flevoland_and_utrecht(make, db, book, amersfoort):
    lesson = make.offer(kind="guest_lesson", terms=[("profile", "pie"), ("theme", "ict")])
    book(
        lesson,
        make.school(name="Zeeschool", municipality_slug="urk"),
        datetime(2025, 9, 1, 9),
        group_size=21,
        status=BookingStatus.COMPLETED,
        attendance=AttendanceStatus.TOOK_PLACE,
        pupils=19,
    )
    book(
        lesson, make.school(name="Domschool", municipality=amersfoort), datetime(2025, 9, 2, 9), group_size=33
    )
    db.session.commit()
    return lesson


def test_a_coordinator_sees_their_region_only(client, login_as, make, flevoland_and_utrecht):
    login_as("coordinator", region=make.region("flevoland"))
    page = client.get("/beheer/rapportages?schooljaar=2025").get_data(as_text=True)
    assert "Zeeschool" in page and "Domschool" not in page and "Amersfoort" not in page
    assert "<svg" in page and 'role="img"' in page and "<title id=" in page and "<desc id=" in page
    assert "door de aanbieders geteld" in page and "Leerlingen bereikt" in page
    # Another region in the URL is refused with a message, not shown.
    refused = client.get("/beheer/rapportages?schooljaar=2025&regio=utrecht").get_data(as_text=True)
    assert "Domschool" not in refused and 'id="regio-error"' in refused
    export = client.get("/beheer/rapportages/scholen.csv?schooljaar=2025&regio=utrecht").get_data(
        as_text=True
    )
    assert "Zeeschool" in export and "Domschool" not in export


def test_an_admin_sees_the_regions_side_by_side(client, login_as, flevoland_and_utrecht):
    login_as("admin")
    page = client.get("/beheer/rapportages?schooljaar=2025").get_data(as_text=True)
    assert "Zeeschool" in page and "Domschool" in page
    rows = _csv(client.get("/beheer/rapportages/regios.csv?schooljaar=2025").data)
    assert {r[0]: r[1] for r in rows[1:]} == {"Flevoland": "1", "Utrecht": "1"}


def test_bad_filters_are_named_next_to_their_field(client, login_as):
    login_as("coordinator")
    response = client.get("/beheer/rapportages?van=31-02-2025&tot=2025-01-01&soort=xyz&gemeente=nergens")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert 'id="van-error"' in page and 'id="soort-error"' in page and 'id="gemeente-error"' in page


def test_white_spot_page_links_cells_and_says_what_is_missing(client, login_as, flevoland_and_utrecht):
    login_as("coordinator")
    page = client.get("/beheer/witte-vlekken?schooljaar=2025").get_data(as_text=True)
    assert "Urk: geen aanbod voor" in page
    assert "/aanbod?gemeente=urk&amp;profiel=bwi" in page or "/aanbod?profiel=bwi&amp;gemeente=urk" in page
    assert 'id="gemeente-urk"' in page and 'href="#gemeente-urk"' in page
    assert "Amersfoort" not in page


def _csv(data: bytes) -> list[list[str]]:
    assert data.startswith("\ufeff".encode())
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))


def test_matrix_exports_as_csv_and_xlsx(client, login_as, flevoland_and_utrecht):
    login_as("coordinator")
    response = client.get("/beheer/witte-vlekken/profiel.csv?schooljaar=2025")
    assert response.headers["Content-Disposition"].startswith("attachment;")
    rows = _csv(response.data)
    header = rows[0]
    urk = next(r for r in rows if r[0] == "Urk")
    pie_offers = header.index("vmbo PIE: aanbod")
    assert (urk[pie_offers], urk[pie_offers + 1]) == ("0", "1")  # the offer is in Almere; Urk booked it
    assert {r[0] for r in rows[1:]} == {"Almere", "Dronten", "Lelystad", "Noordoostpolder", "Urk", "Zeewolde"}
    book = load_workbook(io.BytesIO(client.get("/beheer/witte-vlekken/profiel.xlsx?schooljaar=2025").data))
    sheet = book.active
    values = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert values[0] == header
    almere = next(r for r in values if r[0] == "Almere")
    assert almere[pie_offers] == 1 and isinstance(almere[pie_offers], int)


def test_csv_uses_decimal_commas_and_guards_against_formulas():
    table = Table(
        "t",
        "Test",
        ["Naam", "Gemiddelde"],
        [
            ["=SUM(A1)", 4.5],
            ["+31 6", 3.0],
            ["-1", 2],
            ["@x", None],
            ["\tx", 1],
            ["\rx", 1],
            ["Gewoon", 12.25],
        ],
    )
    rows = _csv(to_csv(table))
    assert rows[1] == ["'=SUM(A1)", "4,5"]
    assert [r[0] for r in rows[2:7]] == ["'+31 6", "'-1", "'@x", "'\tx", "'\rx"]
    assert rows[3][1] == "2" and rows[4][1] == "" and rows[7] == ["Gewoon", "12,25"]
    sheet = load_workbook(io.BytesIO(to_xlsx(table))).active
    cells = [r for r in sheet.iter_rows(values_only=True)]
    assert cells[1] == ("'=SUM(A1)", 4.5)
    assert [c[0] for c in cells[2:7]] == ["'+31 6", "'-1", "'@x", "'\tx", "'\rx"]
    assert all(sheet.cell(row=i, column=1).data_type == "s" for i in range(1, 9))
    assert neutralise("Almere") == "Almere"


def test_unknown_exports_are_not_found(client, login_as):
    login_as("admin")
    assert client.get("/beheer/rapportages/geheim.csv").status_code == 404
    assert client.get("/beheer/rapportages/gemeenten.pdf").status_code == 404
    assert client.get("/beheer/witte-vlekken/profiel.exe").status_code == 404
