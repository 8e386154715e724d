"""``flask --app portal offers ...``: the offers command group.

Other areas add commands to ``offers_group`` in their ``init_app`` (the moderation area
adds ``offers import``: ``offers_group.add_command(importer.import_offers)``).
"""

from __future__ import annotations

import click
from flask.cli import AppGroup

from portal.extensions import db
from portal.models import local_now
from portal.offers.lifecycle import archive_expired

offers_group = AppGroup("offers", help="Manage offers.")


@offers_group.command("archive-expired")
@click.option(
    "--today",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="Pretend today is this date (YYYY-MM-DD).",
)
def archive_expired_command(today):
    """Archive offers whose last date or 'available until' has passed."""
    # Amsterdam's date, not the server's: at 00:30 on 1 January a UTC server is still in December.
    count = archive_expired(today.date() if today else local_now().date())
    db.session.commit()
    click.echo(f"{count} offer(s) archived.")
