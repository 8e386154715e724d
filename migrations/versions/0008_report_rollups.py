"""Indexes the reports read by at ten years of history.

- ``ix_booking_report_period`` on ``booking (starts_at, created_at)``: a report's period is
  "the agreed start in range, or no start and requested in range"
  (``portal.reports.figures.in_period``); both halves are one range seek in this index, so
  the bookings of one school year are found without reading the other nine.
- ``ix_booking_event_to_status``: the answer-time figures look for the bookings that were
  requested and the ones that expired among every booking's timeline.

Nothing is kept beside the bookings (docs/ARCHITECTURE.md, "Reports at ten years").

No data changes; nothing is kept beside the bookings (docs/ARCHITECTURE.md, "Reports").

Revision ID: 0008_report_rollups
Revises: 0007_landsdeel
"""

from alembic import op

revision = "0008_report_rollups"
down_revision = "0007_landsdeel"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_booking_report_period", "booking", ["starts_at", "created_at"])
    op.create_index("ix_booking_event_to_status", "booking_event", ["to_status"])


def downgrade() -> None:
    op.drop_index("ix_booking_event_to_status", table_name="booking_event")
    op.drop_index("ix_booking_report_period", table_name="booking")
