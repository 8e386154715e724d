"""``flask --app portal kennisbank reindex``: write every article's search tokens again
after the Dutch analysis changed (``portal.search.articles``)."""

from __future__ import annotations

import click
from flask.cli import AppGroup

from portal.extensions import db
from portal.knowledge import services

group = AppGroup("kennisbank", help="Kennisbank (knowledge base) commands.")


@group.command("reindex")
def reindex() -> None:
    """Analyse every article's text again."""
    count = services.reindex_all()
    db.session.commit()
    click.echo(f"{count} articles analysed.")
