"""Search synonyms as data: the /beheer/zoeksynoniemen page (who, add, edit, delete, refusals),
and the next search uses a change, on both backends, without a reindex."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import create_engine, func, inspect, select, text, update
from sqlalchemy.engine import make_url

from portal.models import SearchSynonym
from portal.reference_data import SEARCH_SYNONYMS
from portal.search import synonyms
from tests.conftest import require_postgres

PAGE = "/beheer/zoeksynoniemen"


def row(db, term: str) -> SearchSynonym | None:
    return db.session.scalar(select(SearchSynonym).where(SearchSynonym.term == term))


@pytest.mark.parametrize("search_kind", ["whoosh"])
@pytest.mark.parametrize(
    "role, status", [("teacher", 403), ("provider", 403), ("coordinator", 200), ("admin", 200)]
)
def test_only_coordinators_and_admins_see_the_page(client, login_as, role, status):
    login_as(role)
    assert client.get(PAGE).status_code == status
    assert client.post(PAGE, data={"term": "x", "synonyms": "y"}).status_code in {status, 302}


@pytest.mark.parametrize("search_kind", ["whoosh"])
def test_anonymous_visitors_are_sent_to_the_login(client):
    assert "/inloggen" in client.get(PAGE).headers["Location"]


@pytest.mark.parametrize("search_kind", ["whoosh"])
def test_the_page_lists_the_seeds_and_links_from_the_management_navigation(client, login_as):
    login_as("coordinator")
    page = client.get(PAGE).get_data(as_text=True)
    assert "Zoeksynoniemen" in page and "windturbine" in page and "informatica" in page
    assert PAGE in client.get("/beheer/").get_data(as_text=True)


def test_a_coordinator_edits_a_synonym_and_the_next_search_uses_it(client, login_as, offer, ids, db):
    tractor = offer(title="Op de tractor door de polder")
    offer(title="Bezoek aan een bakkerij")
    login_as("coordinator")
    db.session.delete(row(db, "trekker"))
    db.session.commit()
    assert ids("trekker") == set()
    response = client.post(PAGE, data={"term": "Trekker", "synonyms": "landbouwvoertuig", "two_way": "y"})
    assert response.status_code == 302
    assert ids("trekker") == set()
    edited = row(db, "trekker")
    response = client.post(
        f"{PAGE}/{edited.id}", data={"term": "trekker", "synonyms": "landbouwvoertuig, tractor"}
    )
    assert response.status_code == 302
    assert ids("trekker") == {tractor.id}
    assert ids("landbouwvoertuig") == set()  # one way now: two_way was left unticked
    client.post(f"{PAGE}/{edited.id}/verwijderen")
    assert row(db, "trekker") is None
    assert ids("trekker") == set()


def test_two_way_synonyms_find_the_word_from_either_side(offer, ids):
    ict = offer(title="Kennismaken met ICT")
    informatica = offer(title="Informatica voor de onderbouw")
    assert ids("informatica") == {ict.id, informatica.id}
    assert ids("ict") == {ict.id, informatica.id}


@pytest.mark.parametrize("search_kind", ["whoosh"])
@pytest.mark.parametrize(
    "data, field, message",
    [
        ({"term": "twee woorden", "synonyms": "x"}, "term", "Vul één woord in"),
        ({"term": "windmolen", "synonyms": "windpark"}, "term", "Dat woord heeft al een regel"),
        ({"term": "kas", "synonyms": "kas, , kas"}, "synonyms", "Vul minstens één ander woord in"),
        ({"term": "kas", "synonyms": "tuin<b>"}, "synonyms", "Scheid synoniemen met komma"),
    ],
)
def test_refusals_show_the_form_again_with_a_dutch_message(client, login_as, db, data, field, message):
    login_as("coordinator")
    response = client.post(PAGE, data=data)
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert message in page and f'id="{field}-error"' in page
    assert row(db, "kas") is None and row(db, "twee woorden") is None


@pytest.mark.parametrize("search_kind", ["whoosh"])
def test_another_process_change_is_seen_after_the_check_interval(app, db, monkeypatch):
    assert "windturbine" in synonyms.expansions("windmolen")
    # Another worker changes the row: this process has not been told.
    db.session.execute(
        update(SearchSynonym).where(SearchSynonym.term == "windmolen").values(synonyms="windpark")
    )
    db.session.commit()
    assert "windturbine" in synonyms.expansions("windmolen")  # cached within the interval
    monkeypatch.setattr(synonyms, "CHECK_SECONDS", 0.0)
    assert synonyms.expansions("windmolen") == ("windpark",)


def test_synonyms_are_keyed_by_word_and_lemma_and_two_way_words():
    mapping = synonyms.build_mapping([("windmolens", "windturbine", True), ("po", "primair onderwijs", True)])
    assert mapping["windmolen"] == ("windturbine",)
    assert mapping["windturbine"] == ("windmolens",)
    assert mapping["po"] == ("primair onderwijs",)
    assert "primair onderwijs" not in mapping  # a phrase is not a key


@pytest.mark.parametrize("search_kind", ["whoosh"])
def test_the_seeds_are_reference_data(db):
    assert {r.term for r in db.session.scalars(select(SearchSynonym))} == {t for t, _, _ in SEARCH_SYNONYMS}


def _migrate_and_read(url: str, tmp_path) -> tuple[int, str | None, bool, str | None]:
    """(seeded synonyms at head, tsv expression at head, table left at 0005, tsv at 0005)."""
    from flask_migrate import downgrade, upgrade

    from portal import create_app
    from portal.extensions import db as _db
    from tests.conftest import base_config

    app = create_app(base_config(tmp_path, url))
    with app.app_context():
        upgrade()
        seeded = _db.session.scalar(select(func.count()).select_from(SearchSynonym))
        head_tsv = _tsv_expression(_db)
        _db.session.remove()
        downgrade(revision="0005_teacher_journey")
        left = "search_synonym" in inspect(_db.engine).get_table_names()
        old_tsv = _tsv_expression(_db)
        _db.session.remove()
        _db.engine.dispose()
    return seeded, head_tsv, left, old_tsv


def _tsv_expression(db_) -> str | None:
    if db_.engine.dialect.name != "postgresql":
        return None
    return db_.session.scalar(
        text(
            "SELECT generation_expression FROM information_schema.columns "
            "WHERE table_name = 'search_document' AND column_name = 'tsv'"
        )
    )


def test_migration_0006_seeds_the_synonyms_and_goes_back_on_sqlite(tmp_path):
    seeded, _, left, _ = _migrate_and_read(f"sqlite:///{tmp_path / 'm.sqlite3'}", tmp_path)
    assert seeded == len(SEARCH_SYNONYMS) and not left


@pytest.mark.postgres
def test_migration_0006_feeds_the_tsvector_with_python_tokens_on_postgres(tmp_path, backend):
    url = make_url(require_postgres()).set(drivername="postgresql+psycopg")
    name = f"portal_syn_{uuid.uuid4().hex[:8]}"
    admin = create_engine(url.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        seeded, head_tsv, left, old_tsv = _migrate_and_read(
            url.set(database=name).render_as_string(hide_password=False), tmp_path
        )
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
    assert seeded == len(SEARCH_SYNONYMS) and not left
    assert "'simple'" in head_tsv and "portal_dutch" not in head_tsv
    assert "portal_dutch" in old_tsv
