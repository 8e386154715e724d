"""Indexes the reports read by at ten years of history.

- ``ix_booking_report_day``: the day a booking counts on in the reports,
  ``coalesce(starts_at, created_at)``, with its status: a report's period is a range on exactly
  this expression (``portal.reports.figures.booking_day``), so the bookings of one school year
  are found without reading the other nine.
- ``ix_booking_event_to_status``: the answer-time figures look for the bookings that were
  requested and the ones that expired.

No data changes; nothing is kept beside the bookings (docs/ARCHITECTURE.md, "Reports").

Revision ID: 0008_report_rollups
Revises: 0007_landsdeel
"""

import sqlalchemy as sa
from alembic import op

revision = "0008_report_rollups"
down_revision = "0007_landsdeel"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index(
        "ix_booking_report_day",
        "booking",
        [sa.text("coalesce(starts_at, created_at)"), "status"],
    )
    op.create_index("ix_booking_event_to_status", "booking_event", ["to_status"])


def downgrade() -> None:
    op.drop_index("ix_booking_event_to_status", table_name="booking_event")
    op.drop_index("ix_booking_report_day", table_name="booking")
