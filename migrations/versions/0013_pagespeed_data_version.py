"""The data version: one counter bumped by every commit that changes what public pages show.

``portal/pagecache.py`` keys its per-process caches (the anonymous home and /aanbod pages,
the facet labels) on it, so an edit is seen by the next request in every web process.
Two indexes let the home page read the newest and the featured published offers in order
instead of sorting every published offer per request.

Revision ID: 0013_pagespeed_data_version
Revises: 0012_kennisbank
"""

import sqlalchemy as sa
from alembic import op

revision = "0013_pagespeed_data_version"
down_revision = "0012_kennisbank"
branch_labels = None
depends_on = None


def upgrade():
    table = op.create_table(
        "data_version",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("version", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_data_version")),
    )
    op.bulk_insert(table, [{"id": 1, "version": 0}])
    with op.batch_alter_table("offer") as batch:
        batch.create_index("ix_offer_status_published_at", ["status", "published_at", "id"])
        batch.create_index("ix_offer_featured_status_published_at", ["featured", "status", "published_at"])


def downgrade():
    with op.batch_alter_table("offer") as batch:
        batch.drop_index("ix_offer_featured_status_published_at")
        batch.drop_index("ix_offer_status_published_at")
    op.drop_table("data_version")
