"""Saved searches: a person's /aanbod search, mailed as a daily or weekly digest of new offers.

- ``saved_search``: the owner, a name, the search as canonical URL arguments, the document
  type it covers (``offer``), the frequency, paused or not, and the high-water mark
  ``checked_until`` of the alert job (``flask --app portal alerts send``).

Revision ID: 0010_saved_searches
Revises: 0009_requests
"""

import sqlalchemy as sa
from alembic import op

revision = "0010_saved_searches"
down_revision = "0009_requests"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "saved_search",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=80), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("query", sa.String(length=1000), nullable=False),
        sa.Column("frequency", sa.String(length=10), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("paused_at", sa.DateTime(), nullable=True),
        sa.Column("checked_until", sa.DateTime(), nullable=False),
        sa.Column("last_sent_at", sa.DateTime(), nullable=True),
        sa.CheckConstraint("frequency IN ('daily', 'weekly')", name=op.f("ck_saved_search_frequency")),
        sa.CheckConstraint("kind IN ('offer')", name=op.f("ck_saved_search_kind")),
        sa.ForeignKeyConstraint(
            ["user_id"], ["user.id"], name=op.f("fk_saved_search_user_id_user"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_saved_search")),
        sa.UniqueConstraint("user_id", "kind", "query", name="uq_saved_search_user_query"),
    )
    op.create_index(op.f("ix_saved_search_user_id"), "saved_search", ["user_id"])
    op.create_index("ix_saved_search_due", "saved_search", ["paused_at", "checked_until"])


def downgrade():
    op.drop_index("ix_saved_search_due", table_name="saved_search")
    op.drop_index(op.f("ix_saved_search_user_id"), table_name="saved_search")
    op.drop_table("saved_search")
