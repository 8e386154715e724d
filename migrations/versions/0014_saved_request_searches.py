"""Saved searches of teacher requests: a provider's /vragen search, mailed as a digest of new
open requests (``SavedSearch.kind`` ``request`` besides ``offer``).

Revision ID: 0014_saved_request_searches
Revises: 0013_pagespeed_data_version
"""

from alembic import op

revision = "0014_saved_request_searches"
down_revision = "0013_pagespeed_data_version"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("saved_search") as batch:
        batch.drop_constraint(op.f("ck_saved_search_kind"), type_="check")
        batch.create_check_constraint(op.f("ck_saved_search_kind"), "kind IN ('offer', 'request')")


def downgrade():
    op.execute("DELETE FROM saved_search WHERE kind <> 'offer'")
    with op.batch_alter_table("saved_search") as batch:
        batch.drop_constraint(op.f("ck_saved_search_kind"), type_="check")
        batch.create_check_constraint(op.f("ck_saved_search_kind"), "kind IN ('offer')")
