"""PostgreSQL-only DDL for the full-text backend, shared by migration 0003 and tests.

Creates ``unaccent`` and ``pg_trgm``, the ``portal_dutch`` text search configuration
(a copy of ``dutch`` that maps words through ``unaccent`` first; used for highlighting),
the generated ``search_document.tsv`` column with a GIN index, and a trigram index for
suggestions. ``tsv`` reads the ``fts_*`` columns with the ``simple`` configuration: they
hold tokens already analysed in Python (``portal.search.analysis``), the same Whoosh
indexes; migration 0006 turned the earlier ``portal_dutch`` column into this one.
Every statement is idempotent. Plain SQL strings, no SQLAlchemy models, so the
migration keeps working when models change.
"""

from __future__ import annotations

from sqlalchemy import text

TSV_EXPRESSION = (
    "setweight(to_tsvector('simple'::regconfig, coalesce(fts_title, '')), 'A') || "
    "setweight(to_tsvector('simple'::regconfig, coalesce(fts_keywords, '')), 'B') || "
    "setweight(to_tsvector('simple'::regconfig, coalesce(fts_body, '')), 'C')"
)
TSV_STATEMENTS = [
    f"ALTER TABLE search_document ADD COLUMN IF NOT EXISTS tsv tsvector "
    f"GENERATED ALWAYS AS ({TSV_EXPRESSION}) STORED",
    "CREATE INDEX IF NOT EXISTS ix_search_document_tsv ON search_document USING gin (tsv)",
]
DROP_TSV_STATEMENTS = [
    "DROP INDEX IF EXISTS ix_search_document_tsv",
    "ALTER TABLE search_document DROP COLUMN IF EXISTS tsv",
]

STATEMENTS = [
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    """DO $$ BEGIN
         IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'portal_dutch') THEN
           CREATE TEXT SEARCH CONFIGURATION portal_dutch (COPY = dutch);
           ALTER TEXT SEARCH CONFIGURATION portal_dutch
             ALTER MAPPING FOR hword, hword_part, word WITH unaccent, dutch_stem;
         END IF;
       END $$""",
    *TSV_STATEMENTS,
    "CREATE INDEX IF NOT EXISTS ix_search_word_trgm ON search_word USING gin (word gin_trgm_ops)",
]

DOWN_STATEMENTS = [
    "DROP INDEX IF EXISTS ix_search_word_trgm",
    *DROP_TSV_STATEMENTS,
    "DROP TEXT SEARCH CONFIGURATION IF EXISTS portal_dutch",
]


def ensure_postgres_ddl(connection) -> None:
    """Run the PostgreSQL-only DDL on ``connection`` (no-op on other databases)."""
    if connection.dialect.name != "postgresql":
        return
    has_tsv = connection.execute(
        text(
            "SELECT 1 FROM information_schema.columns "
            "WHERE table_name = 'search_document' AND column_name = 'tsv'"
        )
    ).first()
    if has_tsv:
        return
    # Serialise concurrent first runs (several workers starting at once).
    connection.execute(text("SELECT pg_advisory_xact_lock(4242001)"))
    for statement in STATEMENTS:
        connection.execute(text(statement))


def drop_postgres_ddl(connection) -> None:
    if connection.dialect.name != "postgresql":
        return
    for statement in DOWN_STATEMENTS:
        connection.execute(text(statement))
