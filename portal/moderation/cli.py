"""``flask --app portal moderation digest`` (and, via the offers group, ``offers import``)."""

from __future__ import annotations

import click
from flask.cli import with_appcontext

from portal.extensions import db
from portal.models import local_now
from portal.moderation.digest import queue_digests

moderation_group = click.Group("moderation", help="Moderation tasks for coordinators.")


@moderation_group.command("digest")
@click.option(
    "--date",
    "day",
    type=click.DateTime(["%Y-%m-%d"]),
    default=None,
    help="The day of the digest (default: today).",
)
@with_appcontext
def digest_command(day) -> None:
    """Mail each coordinator with the 'daily' preference the offers waiting for review."""
    queued, skipped = queue_digests(day.date() if day else local_now().date())  # Amsterdam's day
    db.session.commit()
    click.echo(f"Digests queued: {queued}, nothing to send or already sent: {skipped}.")
