"""Migrations are the only way the schema changes: they must build exactly the models."""

from __future__ import annotations

import uuid

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import upgrade
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
            municipalities = list(conn.execute(text("SELECT name FROM municipality ORDER BY name")))
        db.engine.dispose()
    return diff, [m[0] for m in municipalities]


def test_sqlite_upgrade_matches_models_and_seeds_flevoland(tmp_path):
    diff, municipalities = _diff_after_upgrade(f"sqlite:///{tmp_path / 'm.sqlite3'}", tmp_path)
    assert diff == []
    assert municipalities == ["Almere", "Dronten", "Lelystad", "Noordoostpolder", "Urk", "Zeewolde"]


@pytest.mark.postgres
def test_postgres_upgrade_matches_models(tmp_path, backend):
    url = make_url(require_postgres()).set(drivername="postgresql+psycopg")
    name = f"portal_mig_{uuid.uuid4().hex[:8]}"
    admin = create_engine(url.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        diff, municipalities = _diff_after_upgrade(
            url.set(database=name).render_as_string(hide_password=False), tmp_path
        )
        assert diff == []
        assert len(municipalities) == 6
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
