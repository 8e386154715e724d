"""Small shared pieces for models."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo


def utcnow() -> datetime:
    """Naive UTC now: the same value on SQLite and PostgreSQL."""
    return datetime.now(UTC).replace(tzinfo=None)


def local_now() -> datetime:
    """Now as naive Europe/Amsterdam wall-clock time, comparable with slot and booking times."""
    return datetime.now(ZoneInfo("Europe/Amsterdam")).replace(tzinfo=None)
