"""``flask --app portal bookings remind`` and ``bookings complete-past``.

Schedule both (e.g. hourly ``remind``, nightly ``complete-past``) with cron or a systemd
timer; see the README. Each run is one transaction and safe to repeat.
"""

from __future__ import annotations

import click
from flask.cli import with_appcontext

from portal.bookings import jobs
from portal.extensions import db


@click.group("bookings")
def bookings_group() -> None:
    """Booking reminders, expiry and completion."""


@bookings_group.command("remind")
@with_appcontext
def remind_command() -> None:
    """Reminders before the date, feedback requests after it, request follow-up and expiry,
    waiting-list offers that ran out."""
    report = jobs.remind()
    db.session.commit()
    for name, count in report.counts.items():
        click.echo(f"{name}: {count}")


@bookings_group.command("complete-past")
@with_appcontext
def complete_past_command() -> None:
    """Mark confirmed bookings whose date has passed as completed."""
    count = jobs.complete_past()
    db.session.commit()
    click.echo(f"completed: {count}")
