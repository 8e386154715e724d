"""PostgreSQL search speed: filter values per document and per value, a title/keywords tsvector.

- ``search_facet`` (every database; used on PostgreSQL): a search document's filter values
  as one array (text[] on PostgreSQL, JSON elsewhere).
- ``search_tag_count`` (likewise): how many search documents carry each filter value,
  ``*`` for all of them, kept by triggers.
- PostgreSQL only (``portal.search.backends.pg_ddl.SPEED_STATEMENTS``): a GIN index on
  ``search_facet.tags``, ``search_document.tsv_head`` (title and keywords, GIN index), the
  count triggers, and the facets and counts of the documents already indexed (no reindex
  needed).

Revision ID: 0011_pg_search_speed
Revises: 0010_saved_searches
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

from portal.search.backends.pg_ddl import DROP_SPEED_STATEMENTS, ensure_postgres_ddl

revision = "0011_pg_search_speed"
down_revision = "0010_saved_searches"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "search_facet",
        sa.Column("offer_id", sa.Integer(), nullable=False),
        sa.Column("tags", sa.JSON().with_variant(postgresql.ARRAY(sa.Text()), "postgresql"), nullable=False),
        sa.ForeignKeyConstraint(
            ["offer_id"],
            ["search_document.offer_id"],
            name=op.f("fk_search_facet_offer_id_search_document"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("offer_id", name=op.f("pk_search_facet")),
    )
    op.create_table(
        "search_tag_count",
        sa.Column("tag", sa.String(length=80), nullable=False),
        sa.Column("n", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("tag", name=op.f("pk_search_tag_count")),
    )
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        ensure_postgres_ddl(bind)


def downgrade():
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        for statement in DROP_SPEED_STATEMENTS:
            bind.execute(sa.text(statement))
    op.drop_table("search_tag_count")
    op.drop_table("search_facet")
