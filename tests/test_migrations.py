"""Migrations are the only way the schema changes: they must build exactly the models."""

from __future__ import annotations

import re
import uuid

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade
from sqlalchemy import create_engine, select, text
from sqlalchemy.engine import make_url

from portal import create_app
from portal.database import include_object
from portal.extensions import db
from tests.conftest import base_config, require_postgres


def _diff_after_upgrade(url: str, tmp_path) -> tuple[list, list[str]]:
    app = create_app(base_config(tmp_path, url))
    with app.app_context():
        upgrade()
        with db.engine.connect() as conn:
            context = MigrationContext.configure(conn, opts={"include_object": include_object})
            diff = compare_metadata(context, db.metadata)
            municipalities = list(conn.execute(text("SELECT cbs_code FROM municipality ORDER BY name")))
        db.engine.dispose()
    return diff, [m[0] for m in municipalities]


def _landsdeel_checks(url: str, tmp_path) -> None:
    """After upgrade: 76 municipalities with unique GM codes, Flevoland's six not duplicated
    and still with their ids; downgrade to 0006 takes back what 0007 added; upgrade again."""
    app = create_app(base_config(tmp_path, url))
    with app.app_context():
        upgrade(revision="0006_search_synonyms")
        with db.engine.connect() as conn:
            before = dict(conn.execute(text("SELECT slug, id FROM municipality")).all())
        upgrade()
        with db.engine.connect() as conn:
            rows = conn.execute(text("SELECT slug, id, cbs_code, grid_row FROM municipality")).all()
            regions = dict(conn.execute(text("SELECT slug, parent_id FROM region")).all())
            region_ids = dict(conn.execute(text("SELECT slug, id FROM region")).all())
        assert len(rows) == 76
        assert len({r.cbs_code for r in rows}) == 76
        assert all(re.fullmatch(r"GM\d{4}", r.cbs_code) for r in rows)
        assert all(r.grid_row is not None for r in rows)
        assert {r.slug: r.id for r in rows if r.slug in before} == before
        assert regions["metropoolregio-amsterdam"] == region_ids["noord-holland"]
        assert regions["noord-holland-noord"] == region_ids["noord-holland"]
        downgrade(revision="0006_search_synonyms")
        with db.engine.connect() as conn:
            after = dict(conn.execute(text("SELECT slug, id FROM municipality")).all())
            left = set(conn.execute(text("SELECT slug FROM region")).scalars())
        assert after == before
        assert left == {"noordwest", "flevoland", "noord-holland", "utrecht"}
        upgrade()
        with db.engine.connect() as conn:
            assert conn.execute(text("SELECT count(*) FROM municipality")).scalar_one() == 76
        db.engine.dispose()


def test_sqlite_upgrade_matches_models_and_seeds_the_landsdeel(tmp_path):
    diff, codes = _diff_after_upgrade(f"sqlite:///{tmp_path / 'm.sqlite3'}", tmp_path)
    assert diff == []
    assert len(codes) == 76 and len(set(codes)) == 76


def test_sqlite_landsdeel_migration_updates_and_downgrades(tmp_path):
    _landsdeel_checks(f"sqlite:///{tmp_path / 'l.sqlite3'}", tmp_path)


@pytest.mark.postgres
def test_postgres_upgrade_matches_models(tmp_path, backend):
    url = make_url(require_postgres()).set(drivername="postgresql+psycopg")
    name = f"portal_mig_{uuid.uuid4().hex[:8]}"
    admin = create_engine(url.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        target = url.set(database=name).render_as_string(hide_password=False)
        diff, municipalities = _diff_after_upgrade(target, tmp_path)
        assert diff == []
        assert len(municipalities) == 76
        with admin.connect() as conn:  # start again from an empty database
            conn.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))
            conn.execute(text(f'CREATE DATABASE "{name}"'))
        _landsdeel_checks(target, tmp_path)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def test_reference_data_loader_is_idempotent(db):
    from portal.models import Term
    from portal.reference_data import load_reference_data

    before = db.session.scalar(select(db.func.count(Term.id)))
    load_reference_data(db.session)
    assert db.session.scalar(select(db.func.count(Term.id))) == before


def test_reference_data_loads_the_landsdeel_without_duplicates(db):
    from portal.models import Municipality

    municipalities = list(db.session.scalars(select(Municipality)))
    assert len(municipalities) == 76
    assert len({m.cbs_code for m in municipalities}) == 76
    assert {(m.grid_row, m.grid_col) for m in municipalities}.__len__() == 76
    almere = next(m for m in municipalities if m.slug == "almere")
    assert (almere.cbs_code, almere.region.slug, almere.holiday_region) == ("GM0034", "flevoland", "noord")
