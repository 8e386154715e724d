"""``flask --app portal alerts send``: mail the saved searches that are due (cron, daily)."""

from __future__ import annotations

import click
from flask.cli import with_appcontext

from portal.alerts import sending
from portal.extensions import db
from portal.search import sync


@click.group("alerts")
def alerts_group() -> None:
    """Saved-search alert mails."""


@alerts_group.command("send")
@with_appcontext
def send_command() -> None:
    """Queue a digest for every due saved search with new matching offers. Safe to repeat:
    a second run the same day queues nothing. Run it once a day (e.g. 07:00)."""
    sync.sync_pending()  # the index first takes in what was published a moment ago
    report = sending.send_due()
    db.session.commit()
    click.echo(str(report))
