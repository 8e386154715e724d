"""PostgreSQL-only DDL for the full-text backend, shared by migration 0003 and tests.

Creates ``unaccent`` and ``pg_trgm``, the ``portal_dutch`` text search configuration
(a copy of ``dutch`` that maps words through ``unaccent`` first; used for highlighting),
the generated ``search_document.tsv`` column with a GIN index, and a trigram index for
suggestions. ``tsv`` reads the ``fts_*`` columns with the ``simple`` configuration: they
hold tokens already analysed in Python (``portal.search.analysis``), the same Whoosh
indexes; migration 0006 turned the earlier ``portal_dutch`` column into this one.
Every statement is idempotent. Plain SQL strings, no SQLAlchemy models, so the
migration keeps working when models change.

``SPEED_STATEMENTS`` (migration 0011) serve the search page's hot path: a GIN index on
``search_facet.tags`` (a document's filter values as one array in a narrow row), so facet
counts and filters read one small row per document; ``tsv_head``, the title and keywords
part of ``tsv`` (small, kept in the row), to pick the candidates worth ranking when a
search matches many offers; triggers that keep ``search_tag_count`` (how many documents
carry each value, ``*`` for all documents) right on every insert and delete, cascaded ones
included, so browsing without words or filters counts nothing.
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
HEAD_EXPRESSION = (
    "setweight(to_tsvector('simple'::regconfig, coalesce(fts_title, '')), 'A') || "
    "setweight(to_tsvector('simple'::regconfig, coalesce(fts_keywords, '')), 'B')"
)
SPEED_STATEMENTS = [
    "CREATE INDEX IF NOT EXISTS ix_search_facet_tags ON search_facet USING gin (tags)",
    f"ALTER TABLE search_document ADD COLUMN IF NOT EXISTS tsv_head tsvector "
    f"GENERATED ALWAYS AS ({HEAD_EXPRESSION}) STORED",
    "ALTER TABLE search_document ALTER COLUMN tsv_head SET STORAGE MAIN",
    "CREATE INDEX IF NOT EXISTS ix_search_document_tsv_head ON search_document USING gin (tsv_head)",
    """CREATE OR REPLACE FUNCTION search_tag_count_add() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         INSERT INTO search_tag_count (tag, n)
           SELECT tag, count(*) FROM added, unnest(coalesce(added.tags, '{}') || '{*}'::text[]) AS tag
           GROUP BY tag ORDER BY tag
           ON CONFLICT (tag) DO UPDATE SET n = search_tag_count.n + excluded.n;
         RETURN NULL;
       END $$""",
    """CREATE OR REPLACE FUNCTION search_tag_count_remove() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         UPDATE search_tag_count c SET n = c.n - r.n
           FROM (SELECT tag, count(*) AS n
                   FROM removed, unnest(coalesce(removed.tags, '{}') || '{*}'::text[]) AS tag
                  GROUP BY tag) r
          WHERE c.tag = r.tag;
         RETURN NULL;
       END $$""",
    "DROP TRIGGER IF EXISTS search_tag_count_insert ON search_facet",
    "CREATE TRIGGER search_tag_count_insert AFTER INSERT ON search_facet "
    "REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION search_tag_count_add()",
    "DROP TRIGGER IF EXISTS search_tag_count_delete ON search_facet",
    "CREATE TRIGGER search_tag_count_delete AFTER DELETE ON search_facet "
    "REFERENCING OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION search_tag_count_remove()",
    # Documents indexed before this step: their tags from search_document_tag, then the counts.
    """INSERT INTO search_facet (offer_id, tags)
         SELECT d.offer_id, coalesce(
           (SELECT array_agg(t.tag ORDER BY t.tag) FROM search_document_tag t
             WHERE t.offer_id = d.offer_id AND t.tag NOT LIKE 'slot:%'), '{}')
         FROM search_document d
         WHERE NOT EXISTS (SELECT 1 FROM search_facet f WHERE f.offer_id = d.offer_id)""",
    "DELETE FROM search_tag_count",
    """INSERT INTO search_tag_count (tag, n)
         SELECT tag, count(*) FROM search_facet, unnest(tags || '{*}'::text[]) AS tag GROUP BY tag""",
]
DROP_SPEED_STATEMENTS = [
    "DROP TRIGGER IF EXISTS search_tag_count_insert ON search_facet",
    "DROP TRIGGER IF EXISTS search_tag_count_delete ON search_facet",
    "DROP FUNCTION IF EXISTS search_tag_count_add()",
    "DROP FUNCTION IF EXISTS search_tag_count_remove()",
    "DROP INDEX IF EXISTS ix_search_document_tsv_head",
    "ALTER TABLE search_document DROP COLUMN IF EXISTS tsv_head",
    "DROP INDEX IF EXISTS ix_search_facet_tags",
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
    *DROP_SPEED_STATEMENTS,
    "DROP INDEX IF EXISTS ix_search_word_trgm",
    *DROP_TSV_STATEMENTS,
    "DROP TEXT SEARCH CONFIGURATION IF EXISTS portal_dutch",
]


def ensure_postgres_ddl(connection) -> None:
    """Run the PostgreSQL-only DDL on ``connection`` (no-op on other databases)."""
    """The speed objects need ``search_facet`` and ``search_tag_count`` (migration 0011 or
    ``create_all``); before
    it exists (migration 0003) only the full-text objects are made."""
    if connection.dialect.name != "postgresql":
        return
    if _complete(connection):
        return
    # Serialise concurrent first runs (several workers starting at once).
    connection.execute(text("SELECT pg_advisory_xact_lock(4242001)"))
    if _complete(connection):
        return
    for statement in STATEMENTS:
        connection.execute(text(statement))
    if connection.execute(text("SELECT to_regclass('search_facet')")).scalar() is not None:
        for statement in SPEED_STATEMENTS:
            connection.execute(text(statement))


def _complete(connection) -> bool:
    columns = set(
        connection.execute(
            text(
                "SELECT column_name FROM information_schema.columns "
                "WHERE table_name = 'search_document' AND column_name IN ('tsv', 'tsv_head')"
            )
        ).scalars()
    )
    return columns == {"tsv", "tsv_head"}


def drop_postgres_ddl(connection) -> None:
    if connection.dialect.name != "postgresql":
        return
    for statement in DOWN_STATEMENTS:
        connection.execute(text(statement))
