"""The migrations create the search tables everywhere and the FTS objects on PostgreSQL."""

from __future__ import annotations

import pytest
from sqlalchemy import create_engine, inspect, text

from portal.search.backends.pg_ddl import ensure_postgres_ddl

SEARCH_TABLES = {"search_queue", "search_document", "search_document_tag", "search_word"}


def test_migrations_create_and_drop_the_search_tables_on_sqlite(tmp_path):
    from flask_migrate import downgrade, upgrade

    from portal import create_app

    url = f"sqlite:///{tmp_path / 'migrated.sqlite3'}"
    app = create_app(
        {
            "TESTING": True,
            "SQLALCHEMY_DATABASE_URI": url,
            "SECRET_KEY": "x" * 40,
            "SEARCH_INDEX_DIR": str(tmp_path / "ix"),
        }
    )
    with app.app_context():
        upgrade(revision="0003_search_postgres")
        tables = set(inspect(create_engine(url)).get_table_names())
        assert tables >= SEARCH_TABLES
        downgrade(revision="base")
        assert not SEARCH_TABLES & set(inspect(create_engine(url)).get_table_names())


@pytest.mark.parametrize("search_kind", ["postgres"])
def test_postgres_ddl_is_idempotent_and_folds_accents(app, db):
    with db.engine.begin() as conn:
        ensure_postgres_ddl(conn)
        ensure_postgres_ddl(conn)
        assert (
            conn.execute(
                text("SELECT to_tsvector('portal_dutch', 'Énergie') @@ to_tsquery('portal_dutch', 'energie')")
            ).scalar()
            is True
        )
        indexes = {
            r[0]
            for r in conn.execute(
                text("SELECT indexname FROM pg_indexes WHERE tablename = 'search_document'")
            )
        }
    assert "ix_search_document_tsv" in indexes
