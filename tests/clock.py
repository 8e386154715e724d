"""The clock the tests run on: one fixed instant, never the real date.

Every test travels (``time-machine``, autouse fixture ``frozen_clock`` in ``tests/conftest.py``)
to ``NOW``: by default a plain Tuesday morning in term time, or the ISO datetime in
``PORTAL_TEST_NOW`` (``make test-calendar`` runs the ``calendar`` tests on several such days).
A value without an offset is Europe/Amsterdam wall-clock time; ``2027-10-31T02:30+01:00``
picks the second 02:30 of the night the clocks go back.

The clock ticks from there (``tick=True``): rate-limit windows, mail leases, lock timeouts and
the live server keep seeing time pass, while the date stays the chosen one. The process's
local zone is UTC during a test, like a server's, so code that takes the server's
``date.today()`` for the Amsterdam date shows up on the days where the two differ.

Tests take dates from here (``TODAY``, ``days_ahead(10)``, ``at(day, 9)``), or from
``portal.models.local_now()``/``utcnow()`` inside a test, never from the real clock.
"""

from __future__ import annotations

import os
import sys
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
DEFAULT_NOW = "2026-03-10T10:00:00"  # a Tuesday in March: no holiday, no clock change


def _instant() -> datetime:
    raw = os.environ.get("PORTAL_TEST_NOW", "").strip() or DEFAULT_NOW
    try:
        moment = datetime.fromisoformat(raw)
    except ValueError:
        raise SystemExit(
            f"PORTAL_TEST_NOW={raw!r} is not an ISO datetime "
            "(like 2028-02-29T10:00 or 2027-10-31T02:30+01:00)"
        ) from None
    return moment if moment.tzinfo else moment.replace(tzinfo=AMSTERDAM)


NOW = _instant()  # aware
LOCAL_NOW = NOW.astimezone(AMSTERDAM).replace(tzinfo=None)  # naive wall clock, like slot times
UTC_NOW = NOW.astimezone(UTC).replace(tzinfo=None)  # naive UTC, like the *_at columns
TODAY = LOCAL_NOW.date()  # the date in Amsterdam


def days_ahead(days: int) -> date:
    return TODAY + timedelta(days=days)


def at(day: date, hour: int, minute: int = 0) -> datetime:
    """Naive Amsterdam wall-clock time on ``day``, as slots and bookings store it."""
    return datetime.combine(day, time(hour, minute))


_FROZEN_FLASK = (
    "import sys, time_machine; from datetime import datetime; from zoneinfo import ZoneInfo; "
    "time_machine.travel(datetime.fromisoformat(sys.argv.pop(1)).astimezone(ZoneInfo('UTC'))).start(); "
    "from flask.cli import main; sys.argv[0] = 'flask'; main()"
)


def flask_command(*args: str) -> list[str]:
    """``flask *args`` for a subprocess that runs on the same frozen clock as the test."""
    return [sys.executable, "-c", _FROZEN_FLASK, NOW.isoformat(), *args]
