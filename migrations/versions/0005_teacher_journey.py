"""A teacher's ten minutes: places and holidays, a teacher's classes, the short list.

- ``municipality.latitude`` / ``longitude`` / ``holiday_region`` (filled for the known
  municipalities) and ``school_holiday`` (the 2026-2027 advice dates): distances on result
  cards and a warning for a date in a school holiday.
- ``user.teaching_levels`` / ``usual_group_size``: pre-fill search filters and booking forms.
- ``offer.preparation``: what the class prepares, sent with the confirmation.
- ``booking.meeting_link``: the link of an online booking, once the provider knows it.
- ``saved_offer``: a user's short list ("bewaard").

Plain table statements (not the ORM), so later model changes cannot break this step.

Revision ID: 0005_teacher_journey
Revises: 0004_trust
"""
import sqlalchemy as sa
from alembic import op

from portal.reference_data import MUNICIPALITY_PLACES, SCHOOL_HOLIDAYS

revision = "0005_teacher_journey"
down_revision = "0004_trust"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("municipality") as batch:
        batch.add_column(sa.Column("latitude", sa.Float(), nullable=True))
        batch.add_column(sa.Column("longitude", sa.Float(), nullable=True))
        batch.add_column(sa.Column("holiday_region", sa.String(length=10), nullable=True))
    op.create_table(
        "school_holiday",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("holiday_region", sa.String(length=10), nullable=False),
        sa.Column("name", sa.String(length=80), nullable=False),
        sa.Column("starts_on", sa.Date(), nullable=False),
        sa.Column("ends_on", sa.Date(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_school_holiday")),
    )
    op.create_index(op.f("ix_school_holiday_holiday_region"), "school_holiday", ["holiday_region"])
    with op.batch_alter_table("user") as batch:
        batch.add_column(sa.Column("teaching_levels", sa.JSON(), nullable=True))
        batch.add_column(sa.Column("usual_group_size", sa.Integer(), nullable=True))
    with op.batch_alter_table("offer") as batch:
        batch.add_column(sa.Column("preparation", sa.Text(), nullable=True))
    with op.batch_alter_table("booking") as batch:
        batch.add_column(sa.Column("meeting_link", sa.String(length=500), nullable=True))
    op.create_table(
        "saved_offer",
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("offer_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"], ["user.id"], name=op.f("fk_saved_offer_user_id_user"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["offer_id"], ["offer.id"], name=op.f("fk_saved_offer_offer_id_offer"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("user_id", "offer_id", name=op.f("pk_saved_offer")),
    )
    _fill_places_and_holidays()


def _fill_places_and_holidays():
    municipality = sa.table(
        "municipality",
        sa.column("slug", sa.String),
        sa.column("latitude", sa.Float),
        sa.column("longitude", sa.Float),
        sa.column("holiday_region", sa.String),
    )
    bind = op.get_bind()
    for slug, (latitude, longitude, holiday_region) in MUNICIPALITY_PLACES.items():
        bind.execute(
            municipality.update()
            .where(municipality.c.slug == slug)
            .values(latitude=latitude, longitude=longitude, holiday_region=holiday_region)
        )
    holiday = sa.table(
        "school_holiday",
        sa.column("holiday_region", sa.String),
        sa.column("name", sa.String),
        sa.column("starts_on", sa.Date),
        sa.column("ends_on", sa.Date),
    )
    op.bulk_insert(holiday, [
        {"holiday_region": r, "name": n, "starts_on": s, "ends_on": e} for r, n, s, e in SCHOOL_HOLIDAYS
    ])


def downgrade():
    op.drop_table("saved_offer")
    with op.batch_alter_table("booking") as batch:
        batch.drop_column("meeting_link")
    with op.batch_alter_table("offer") as batch:
        batch.drop_column("preparation")
    with op.batch_alter_table("user") as batch:
        batch.drop_column("usual_group_size")
        batch.drop_column("teaching_levels")
    op.drop_index(op.f("ix_school_holiday_holiday_region"), table_name="school_holiday")
    op.drop_table("school_holiday")
    with op.batch_alter_table("municipality") as batch:
        batch.drop_column("holiday_region")
        batch.drop_column("longitude")
        batch.drop_column("latitude")
