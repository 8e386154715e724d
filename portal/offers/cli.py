"""``flask --app portal offers ...``: the offers command group.

Other areas add commands to ``offers_group`` from their own module (the moderation
area adds ``offers import``)::

    from portal.offers.cli import offers_group

    @offers_group.command("import")
    def import_offers(...): ...
"""
from __future__ import annotations

import importlib

import click
from flask.cli import AppGroup

from portal.extensions import db
from portal.models import local_now

offers_group = AppGroup("offers", help="Manage offers.")


@offers_group.command("archive-expired")
@click.option("--today", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
              help="Pretend today is this date (YYYY-MM-DD).")
def archive_expired_command(today):
    """Archive offers whose last date or 'available until' has passed."""
    from portal.offers.lifecycle import archive_expired

    # Amsterdam's date, not the server's: at 00:30 on 1 January a UTC server is still in December.
    count = archive_expired(today.date() if today else local_now().date())
    db.session.commit()
    click.echo(f"{count} offer(s) archived.")


def _load_extensions() -> None:
    """Import the modules of other areas that add commands to ``offers_group``."""
    for module in ("portal.moderation.importer", "portal.moderation.cli"):
        try:
            importlib.import_module(module)
        except ModuleNotFoundError as exc:
            if not (exc.name and module.startswith(exc.name)):
                raise


_load_extensions()
commands = [offers_group]
