"""Search: index change queue and the PostgreSQL full-text backend's tables.

All databases: ``search_queue``, ``search_document``, ``search_document_tag``,
``search_word`` (created only when missing, so a regenerated initial migration that
already has them does not clash).
PostgreSQL only: the ``unaccent`` and ``pg_trgm`` extensions, the ``portal_dutch`` text
search configuration (``dutch`` with ``unaccent``), the generated ``search_document.tsv``
column with a GIN index, and a trigram index on ``search_word`` for "did you mean".

Revision ID: 0003_search_postgres
Revises: 0002_reference_data
"""
import sqlalchemy as sa
from alembic import op

from portal.search.backends.pg_ddl import drop_postgres_ddl, ensure_postgres_ddl

revision = "0003_search_postgres"
down_revision = "0002_reference_data"
branch_labels = None
depends_on = None


def _create_tables(existing: set[str]) -> None:
    if "search_queue" not in existing:
        op.create_table(
            "search_queue",
            sa.Column("id", sa.Integer(), primary_key=True),
            sa.Column("offer_id", sa.Integer(), nullable=False),
            sa.Column("created_at", sa.DateTime(), nullable=False),
            sa.Column("done_at", sa.DateTime(), nullable=True),
            sa.Column("attempts", sa.Integer(), nullable=False),
        )
        op.create_index("ix_search_queue_offer_id", "search_queue", ["offer_id"])
        op.create_index("ix_search_queue_created_at", "search_queue", ["created_at"])
        op.create_index("ix_search_queue_pending", "search_queue", ["done_at", "id"])
    if "search_document" not in existing:
        op.create_table(
            "search_document",
            sa.Column("offer_id", sa.Integer(),
                      sa.ForeignKey("offer.id", ondelete="CASCADE",
                                    name="fk_search_document_offer_id_offer"),
                      primary_key=True, autoincrement=False),
            *[sa.Column(name, sa.Text(), nullable=False) for name in
              ("title", "summary", "body", "fts_title", "fts_keywords", "fts_body")],
            sa.Column("published", sa.DateTime(), nullable=False),
            sa.Column("next_date", sa.Date(), nullable=False),
            sa.Column("open_until", sa.Date(), nullable=True),
            sa.Column("fingerprint", sa.String(16), nullable=False),
        )
        op.create_index("ix_search_document_published", "search_document", ["published"])
        op.create_index("ix_search_document_next_date", "search_document", ["next_date"])
    if "search_document_tag" not in existing:
        op.create_table(
            "search_document_tag",
            sa.Column("offer_id", sa.Integer(),
                      sa.ForeignKey("search_document.offer_id", ondelete="CASCADE",
                                    name="fk_search_document_tag_offer_id_search_document"),
                      primary_key=True),
            sa.Column("tag", sa.String(80), primary_key=True),
        )
        op.create_index("ix_search_document_tag_tag", "search_document_tag", ["tag"])
    if "search_word" not in existing:
        op.create_table("search_word", sa.Column("word", sa.String(60), primary_key=True))


def upgrade():
    bind = op.get_bind()
    _create_tables(set(sa.inspect(bind).get_table_names()))
    if bind.dialect.name == "postgresql":
        ensure_postgres_ddl(bind)


def downgrade():
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        drop_postgres_ddl(bind)
    for table in ("search_word", "search_document_tag", "search_document", "search_queue"):
        op.drop_table(table)
