"""Search on PostgreSQL: the full-text objects the models cannot describe.

The search tables themselves (``search_queue``, ``search_document``, ...) are in
0001_initial like every other table. On PostgreSQL this adds the ``unaccent`` and
``pg_trgm`` extensions, the ``portal_dutch`` text search configuration (``dutch`` with
``unaccent``), the generated ``search_document.tsv`` column with a GIN index, and a trigram
index on ``search_word`` for "did you mean". SQLite needs none of it.

Revision ID: 0003_search_postgres
Revises: 0002_reference_data
"""
from alembic import op

from portal.search.backends.pg_ddl import drop_postgres_ddl, ensure_postgres_ddl

revision = "0003_search_postgres"
down_revision = "0002_reference_data"
branch_labels = None
depends_on = None


def upgrade():
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        ensure_postgres_ddl(bind)


def downgrade():
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        drop_postgres_ddl(bind)
