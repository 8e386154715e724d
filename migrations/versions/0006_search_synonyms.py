"""Search: the synonym vocabulary, and PostgreSQL's tsvector fed with Python's analysis.

- ``search_synonym``: words and what a search for them also finds, edited by coordinators
  at ``/beheer/zoeksynoniemen`` and applied at query time; seeded from
  ``portal.reference_data.SEARCH_SYNONYMS``.
- PostgreSQL: ``search_document.tsv`` now reads the ``fts_*`` columns with the ``simple``
  configuration, because they hold tokens analysed in Python (``portal.search.analysis``),
  the same tokens Whoosh indexes. The stored documents still hold the old text: run
  ``flask --app portal search reindex`` after upgrading (on either backend: the analysis
  changed for Whoosh too).

Plain table statements (not the ORM), so later model changes cannot break this step.

Revision ID: 0006_search_synonyms
Revises: 0005_teacher_journey
"""

from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

from portal.reference_data import SEARCH_SYNONYMS

revision = "0006_search_synonyms"
down_revision = "0005_teacher_journey"
branch_labels = None
depends_on = None


def _tsv_statements(config: str) -> list[str]:
    expression = " || ".join(
        f"setweight(to_tsvector('{config}'::regconfig, coalesce({column}, '')), '{weight}')"
        for column, weight in (("fts_title", "A"), ("fts_keywords", "B"), ("fts_body", "C"))
    )
    return [
        "DROP INDEX IF EXISTS ix_search_document_tsv",
        "ALTER TABLE search_document DROP COLUMN IF EXISTS tsv",
        f"ALTER TABLE search_document ADD COLUMN tsv tsvector GENERATED ALWAYS AS ({expression}) STORED",
        "CREATE INDEX ix_search_document_tsv ON search_document USING gin (tsv)",
    ]


def _retype_tsv(config: str) -> None:
    """PostgreSQL cannot change a generated column's expression: drop it and add it again."""
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        for statement in _tsv_statements(config):
            bind.execute(sa.text(statement))


def upgrade():
    synonym = op.create_table(
        "search_synonym",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("term", sa.String(length=60), nullable=False),
        sa.Column("synonyms", sa.String(length=300), nullable=False),
        sa.Column("two_way", sa.Boolean(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_search_synonym")),
        sa.UniqueConstraint("term", name=op.f("uq_search_synonym_term")),
    )
    now = datetime.now(UTC).replace(tzinfo=None)
    op.bulk_insert(
        synonym,
        [
            {"term": term, "synonyms": synonyms, "two_way": two_way, "updated_at": now}
            for term, synonyms, two_way in SEARCH_SYNONYMS
        ],
    )
    _retype_tsv("simple")


def downgrade():
    _retype_tsv("portal_dutch")
    op.drop_table("search_synonym")
