"""Trust: memberships are granted, sessions end on the server, reviews name a version.

- ``user.membership_status`` / ``is_org_admin`` / ``membership_requested_at``: choosing an
  existing organisation makes a *pending* membership. Existing confirmed, active members become
  approved; the earliest such member of each organisation becomes its admin. Unconfirmed
  members stay pending (their address was never proven).
- ``user_session``: one row per logged-in browser, revoked on logout.
- ``offer.version``: bumped on every reviewable change; decisions apply to the version seen.
- ``attachment.awaiting_review``: files an unverified provider adds to a published offer.

Revision ID: 0004_trust
Revises: 0003_search_postgres
"""
import sqlalchemy as sa
from alembic import op

revision = "0004_trust"
down_revision = "0003_search_postgres"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("user") as batch:
        batch.add_column(sa.Column("membership_status", sa.String(length=10), nullable=True))
        batch.add_column(
            sa.Column("is_org_admin", sa.Boolean(), server_default=sa.false(), nullable=False)
        )
        batch.add_column(sa.Column("membership_requested_at", sa.DateTime(), nullable=True))
        batch.create_index("ix_user_membership_status", ["membership_status"])
        batch.create_check_constraint(
            op.f("ck_user_membership_status"),
            "membership_status IS NULL OR membership_status IN ('pending', 'approved')",
        )
    _approve_existing_members()

    op.create_table(
        "user_session",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("revoked_at", sa.DateTime(), nullable=True),
        sa.Column("user_agent", sa.String(length=200), nullable=True),
        sa.ForeignKeyConstraint(
            ["user_id"], ["user.id"], name=op.f("fk_user_session_user_id_user"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_user_session")),
        sa.UniqueConstraint("key", name=op.f("uq_user_session_key")),
    )
    op.create_index(op.f("ix_user_session_user_id"), "user_session", ["user_id"])

    with op.batch_alter_table("offer") as batch:
        batch.add_column(sa.Column("version", sa.Integer(), server_default="1", nullable=False))
    with op.batch_alter_table("attachment") as batch:
        batch.add_column(
            sa.Column("awaiting_review", sa.Boolean(), server_default=sa.false(), nullable=False)
        )


def _approve_existing_members():
    user = sa.table(
        "user",
        sa.column("id", sa.Integer),
        sa.column("organisation_id", sa.Integer),
        sa.column("confirmed_at", sa.DateTime),
        sa.column("active", sa.Boolean),
        sa.column("created_at", sa.DateTime),
        sa.column("membership_status", sa.String),
        sa.column("is_org_admin", sa.Boolean),
    )
    bind = op.get_bind()
    has_org = user.c.organisation_id.is_not(None)
    proven = sa.and_(has_org, user.c.confirmed_at.is_not(None), user.c.active.is_(True))
    bind.execute(user.update().where(proven).values(membership_status="approved"))
    bind.execute(
        user.update()
        .where(has_org, user.c.membership_status.is_(None))
        .values(membership_status="pending")
    )
    earliest = (
        sa.select(user.c.organisation_id, sa.func.min(user.c.id).label("first_id"))
        .where(user.c.membership_status == "approved")
        .group_by(user.c.organisation_id)
    )
    for _organisation_id, first_id in bind.execute(earliest):
        bind.execute(user.update().where(user.c.id == first_id).values(is_org_admin=True))


def downgrade():
    with op.batch_alter_table("attachment") as batch:
        batch.drop_column("awaiting_review")
    with op.batch_alter_table("offer") as batch:
        batch.drop_column("version")
    op.drop_index(op.f("ix_user_session_user_id"), table_name="user_session")
    op.drop_table("user_session")
    with op.batch_alter_table("user") as batch:
        batch.drop_constraint(op.f("ck_user_membership_status"), type_="check")
        batch.drop_index("ix_user_membership_status")
        batch.drop_column("membership_requested_at")
        batch.drop_column("is_org_admin")
        batch.drop_column("membership_status")
