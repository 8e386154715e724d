"""``flask --app portal search reindex | check [--fix] | sync``."""

from __future__ import annotations

import sys

import click
from flask.cli import with_appcontext
from sqlalchemy import func, select

from portal.extensions import db
from portal.models import Offer
from portal.models.statuses import OfferStatus
from portal.search import sync
from portal.search.service import ensure_index


@click.group("search", help="Search index: rebuild, check, apply queued changes.")
def search_group():
    pass


@search_group.command("reindex")
@with_appcontext
def reindex_command():
    """Build a new index from the database and swap it in (searches keep working)."""
    total = db.session.scalar(select(func.count()).where(Offer.status == OfferStatus.PUBLISHED))
    db.session.rollback()
    with click.progressbar(length=total, label="Indexing offers", file=sys.stderr) as bar:
        done = [0]

        def progress(n: int) -> None:
            bar.update(n - done[0])
            done[0] = n

        count = sync.reindex(progress)
    click.echo(f"Indexed {count} published offers.")


@search_group.command("check")
@click.option("--fix", is_flag=True, help="Re-index what is missing, stale or extra.")
@with_appcontext
def check_command(fix: bool):
    """Report offers missing from or stale in the index; exit 1 when there are any."""
    ensure_index()
    pending = sync.pending_count()
    report = sync.check()
    problems = sum(len(v) for v in report.values())
    for kind, ids in report.items():
        shown = ", ".join(map(str, ids[:20])) + (" ..." if len(ids) > 20 else "")
        click.echo(f"{kind}: {len(ids)}" + (f" ({shown})" if ids else ""))
    click.echo(f"queued changes: {pending}")
    if fix and (problems or pending):
        sync.fix(report)
        report = sync.check()
        problems = sum(len(v) for v in report.values())
        click.echo(f"after --fix: {problems} problems")
    if problems:
        sys.exit(1)
    click.echo("Search index is consistent with the database.")


@search_group.command("sync")
@with_appcontext
def sync_command():
    """Apply queued index changes (run from cron; retries what a LockError left behind)."""
    total = 0
    while (applied := sync.sync_pending()) > 0:
        total += applied
    left = sync.pending_count()
    click.echo(f"Applied {total} queued changes; {left} still queued.")
    if left:
        sys.exit(1)
