"""``flask --app portal requests digest`` and ``requests expire``.

Schedule ``digest`` once a day (e.g. 07:00) and ``expire`` nightly with cron or a systemd
timer; see the README. Each run is one transaction and safe to repeat: a second run sends
and changes nothing.
"""

from __future__ import annotations

import click
from flask.cli import with_appcontext

from portal.extensions import db
from portal.requests import notify, services


@click.group("requests")
def requests_group() -> None:
    """Teacher requests: the providers' daily digest and the expiry of requests."""


@requests_group.command("digest")
@with_appcontext
def digest_command() -> None:
    """Mail each provider the matching requests it has not been told of yet."""
    count = notify.send_digest()
    db.session.commit()
    click.echo(f"digests: {count}")


@requests_group.command("expire")
@with_appcontext
def expire_command() -> None:
    """Close requests whose period has ended."""
    count = services.expire()
    db.session.commit()
    click.echo(f"expired: {count}")
