"""Small shared pieces for models."""
from __future__ import annotations

from datetime import UTC, datetime


def utcnow() -> datetime:
    """Naive UTC now: the same value on SQLite and PostgreSQL."""
    return datetime.now(UTC).replace(tzinfo=None)
