"""The data version: one counter bumped by every commit that changes what public pages show.

``portal/pagecache.py`` keys its per-process caches (the anonymous home and /aanbod pages,
the facet labels) on it, so an edit is seen by the next request in every web process.

Revision ID: 0008_pagespeed_data_version
Revises: 0007_landsdeel
"""

import sqlalchemy as sa
from alembic import op

revision = "0008_pagespeed_data_version"
down_revision = "0007_landsdeel"
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


def downgrade():
    op.drop_table("data_version")
