"""``flask --app portal offers import``: idempotent, reports bad rows, keeps good ones."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select

from portal.models import Offer, Organisation, Slot

DOCS = Path(__file__).resolve().parents[2] / "docs"


def _row(external_id="ext-1", **overrides):
    row = {
        "external_id": external_id,
        "kind": "guest_lesson",
        "title": "Gastles windenergie",
        "summary": "Een monteur vertelt over windmolens.",
        "description": "Wat doet een **windturbine**?",
        "provider": {
            "name": "Windkracht Lelystad",
            "municipality": "lelystad",
            "email": "info@windkracht.example",
            "website": "https://windkracht.example",
        },
        "audiences": ["po-7-8"],
        "profiles": [],
        "themes": ["energietransitie"],
        "municipality": "lelystad",
        "online": False,
        "duration_minutes": 60,
        "group_min": 5,
        "group_max": 30,
        "price_eur": 0,
        "booking_mode": "slots",
        "slots": [{"start": "2027-02-01T09:00", "end": "2027-02-01T10:00", "capacity": 25}],
    }
    row.update(overrides)
    return row


def _write(tmp_path, rows, name="offers.json") -> str:
    path = tmp_path / name
    path.write_text(json.dumps(rows), encoding="utf-8")
    return str(path)


def _count(db, model, *where):
    return db.session.scalar(select(func.count()).select_from(model).where(*where))


def test_import_creates_offer_provider_terms_slots_and_history(runner, db, tmp_path):
    result = runner.invoke(args=["offers", "import", _write(tmp_path, [_row()])])
    assert result.exit_code == 0, result.output
    assert "Created: 1, updated: 0, failed: 0." in result.output
    offer = db.session.scalar(select(Offer).where(Offer.external_id == "ext-1"))
    assert offer.status == "published" and offer.published_at is not None
    assert offer.organisation.name == "Windkracht Lelystad"
    assert offer.organisation.kind == "company" and not offer.organisation.verified
    assert offer.municipality.slug == "lelystad"
    assert {t.code for t in offer.terms} == {"po-7-8", "energietransitie"}
    assert [s.capacity for s in offer.slots] == [25]
    change = offer.status_changes[-1]
    assert (change.actor_id, change.reason, change.to_status) == (None, "import", "published")


@pytest.mark.both_databases
def test_reimport_updates_without_duplicates(runner, db, tmp_path):
    runner.invoke(args=["offers", "import", _write(tmp_path, [_row()])])
    first_version = db.session.scalar(select(Offer.version))
    changed = _row(title="Gastles windenergie en zonne-energie", price_eur="12,50")
    result = runner.invoke(args=["offers", "import", _write(tmp_path, [changed])])
    assert result.exit_code == 0, result.output
    assert "Created: 0, updated: 1, failed: 0." in result.output
    assert _count(db, Offer) == 1
    assert _count(db, Organisation, Organisation.name == "Windkracht Lelystad") == 1
    offer = db.session.scalar(select(Offer))
    assert offer.title == "Gastles windenergie en zonne-energie"
    assert offer.price_cents == 1250
    assert offer.version > first_version  # a review page opened before is out of date
    assert _count(db, Slot) == 1


def test_reimport_keeps_booked_slots_and_replaces_free_ones(runner, db, tmp_path):
    runner.invoke(args=["offers", "import", _write(tmp_path, [_row()])])
    slot = db.session.scalar(select(Slot))
    slot.booked = 3
    db.session.commit()
    new_slots = [{"start": "2027-03-01T09:00", "end": "2027-03-01T10:00", "capacity": 20}]
    result = runner.invoke(args=["offers", "import", _write(tmp_path, [_row(slots=new_slots)])])
    assert "kept 1 booked slot(s)" in result.output
    starts = sorted(s.starts_at for s in db.session.scalars(select(Slot)))
    assert starts == [datetime(2027, 2, 1, 9), datetime(2027, 3, 1, 9)]


def test_existing_provider_is_matched_case_insensitively(runner, db, make, tmp_path):
    company = make.company(name="Windkracht Lelystad")
    db.session.commit()
    row = _row(provider={"name": "WINDKRACHT lelystad"})
    assert runner.invoke(args=["offers", "import", _write(tmp_path, [row])]).exit_code == 0
    assert db.session.scalar(select(Offer)).organisation_id == company.id
    assert _count(db, Organisation, Organisation.kind == "company") == 1


@pytest.mark.both_databases
def test_invalid_rows_are_reported_and_valid_rows_still_import(runner, db, tmp_path):
    rows = [
        _row("ok-1"),
        _row("bad-kind", kind="workshop"),
        _row("ok-2", slots=[], booking_mode="request"),
        _row("bad-theme", themes=["onderwaterbasketbal"]),
        _row("bad-slot", slots=[{"start": "morgen", "end": "2027-01-01T10:00", "capacity": 5}]),
        {"title": "zonder id"},
    ]
    result = runner.invoke(args=["offers", "import", _write(tmp_path, rows)])
    assert result.exit_code == 1
    assert "line 2: kind 'workshop' is not one of" in result.output
    assert "line 4: themes: unknown code or label 'onderwaterbasketbal'" in result.output
    assert "line 5: slot 1 start 'morgen' is not an ISO date" in result.output
    assert "line 6: external_id is required" in result.output
    assert "Created: 2, updated: 0, failed: 4." in result.output
    assert set(db.session.scalars(select(Offer.external_id))) == {"ok-1", "ok-2"}


@pytest.mark.both_databases
def test_a_failed_row_leaves_no_half_made_provider(runner, db, tmp_path):
    row = _row(provider={"name": "Spookbedrijf"}, group_min=10, group_max=2)
    result = runner.invoke(args=["offers", "import", _write(tmp_path, [row])])
    assert "group_max is smaller than group_min" in result.output
    assert _count(db, Organisation, Organisation.name == "Spookbedrijf") == 0


def test_labels_and_codes_are_both_accepted_case_insensitively(runner, db, tmp_path):
    row = _row(
        audiences=["PO GROEP 7-8", "vmbo-kb"],
        profiles=["Produceren, installeren en energie (PIE)"],
        themes=["energietransitie", "ICT en programmeren"],
        municipality="Lelystad",
    )
    result = runner.invoke(args=["offers", "import", _write(tmp_path, [row])])
    assert result.exit_code == 0, result.output
    codes = {t.code for t in db.session.scalar(select(Offer)).terms}
    assert codes == {"po-7-8", "vmbo-kb", "pie", "energietransitie", "ict"}


def test_csv_variant_with_line_numbers(runner, db, tmp_path):
    path = tmp_path / "offers.csv"
    path.write_text(
        "external_id,kind,title,provider_name,themes,audiences,municipality,online,slots\n"
        "csv-1,company_visit,Kijkje in de kas,Kas BV,agri-food;Energietransitie,po-5-6,"
        "noordoostpolder,nee,2027-05-01T10:00/2027-05-01T12:00/30\n"
        "csv-2,guest_lesson,Kapotte rij,Kas BV,agri-food,po-5-6,Atlantis,nee,\n"
        "csv-3,material,Leskist drones,Dronebedrijf,ict,vmbo-tl,,ja,\n",
        encoding="utf-8",
    )
    result = runner.invoke(args=["offers", "import", str(path)])
    assert result.exit_code == 1
    assert "line 3: municipality: unknown municipality 'Atlantis'" in result.output
    kas = db.session.scalar(select(Offer).where(Offer.external_id == "csv-1"))
    assert {t.code for t in kas.terms} == {"agri-food", "energietransitie", "po-5-6"}
    assert kas.booking_mode == "slots" and kas.slots[0].capacity == 30
    kit = db.session.scalar(select(Offer).where(Offer.external_id == "csv-3"))
    assert kit.location_mode == "online" and kit.municipality is None


def test_unreadable_file_is_an_error(runner, tmp_path):
    path = tmp_path / "broken.json"
    path.write_text("{not json", encoding="utf-8")
    result = runner.invoke(args=["offers", "import", str(path)])
    assert result.exit_code == 1
    assert "not valid JSON" in result.output


@pytest.mark.both_databases
def test_documented_example_files_import(runner, db):
    for name, count in (("import-example.json", 3), ("import-example.csv", 3)):
        result = runner.invoke(args=["offers", "import", str(DOCS / name)])
        assert result.exit_code == 0, result.output
        assert f"Created: {count}, updated: 0, failed: 0." in result.output
    statuses = dict(db.session.execute(select(Offer.external_id, Offer.status)).all())
    assert statuses["regio-2025-002"] == "submitted"
    assert statuses["regio-2025-003"] == "draft"
    assert statuses["regio-2025-101"] == "published"
    again = runner.invoke(args=["offers", "import", str(DOCS / "import-example.json")])
    assert "Created: 0, updated: 3, failed: 0." in again.output


def test_csv_saved_by_a_dutch_spreadsheet_uses_semicolons(runner, db, tmp_path):
    path = tmp_path / "excel.csv"
    path.write_text(
        "\ufeffexternal_id;kind;title;provider_name;themes;municipality;price_eur\n"
        'xl-1;guest_lesson;Gastles lassen;Laswerk BV;"productie-robotica;bouw";Urk;12,50\n',
        encoding="utf-8",
    )
    result = runner.invoke(args=["offers", "import", str(path)])
    assert result.exit_code == 0, result.output
    offer = db.session.scalar(select(Offer))
    assert offer.price_cents == 1250
    assert {t.code for t in offer.terms} == {"productie-robotica", "bouw"}


def test_json_must_be_a_list(runner, db, tmp_path):
    path = _write(tmp_path, {"external_id": "los"})
    result = runner.invoke(args=["offers", "import", path])
    assert result.exit_code == 1
    assert "expected a JSON list of offers" in result.output
    assert db.session.scalar(select(func.count()).select_from(Offer)) == 0
