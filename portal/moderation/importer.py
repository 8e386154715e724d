"""``flask --app portal offers import FILE``: bring an existing list of offers onto the portal.

Each row runs in its own savepoint: a bad row is reported with its line number and
reason and rolled back alone, the good rows are committed together at the end. The exit
code is 1 when any row failed. The format is documented in docs/IMPORT.md.
"""

from __future__ import annotations

import sys

import click
from flask.cli import with_appcontext
from sqlalchemy.exc import SQLAlchemyError

from portal.extensions import db
from portal.moderation.import_fields import RowError
from portal.moderation.importing import ImportFileError, Lookups, import_row, read_rows


@click.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@with_appcontext
def import_offers(file: str) -> None:
    """Create or update offers from a JSON or CSV FILE (matched on external_id)."""
    try:
        rows = read_rows(file)
    except ImportFileError as error:
        raise click.ClickException(str(error)) from error
    summary, failures, kept = run_import(rows)
    db.session.commit()
    for line, reason in failures:
        click.echo(f"line {line}: {reason}", err=True)
    for line, external_id, count in kept:
        click.echo(
            f"line {line}: {external_id}: kept {count} booked slot(s); replaced the slots without bookings"
        )
    click.echo(f"Created: {summary['created']}, updated: {summary['updated']}, failed: {summary['failed']}.")
    if failures:
        raise SystemExit(1)


def run_import(rows):
    """Import every row in its own savepoint; returns (summary, failures, kept slots)."""
    lookups = Lookups()
    summary = {"created": 0, "updated": 0, "failed": 0}
    failures: list[tuple[int, str]] = []
    kept: list[tuple[int, str, int]] = []
    with click.progressbar(rows, label="Importing offers", file=sys.stderr, show_pos=True) as progress:
        for line, raw in progress:
            try:
                with db.session.begin_nested():
                    result = import_row(raw, lookups)
            except RowError as error:
                summary["failed"] += 1
                failures.append((line, str(error)))
                continue
            except SQLAlchemyError as error:
                summary["failed"] += 1
                reason = getattr(error, "orig", None) or error
                failures.append((line, f"the database refused it: {reason}"))
                continue
            summary[result.outcome] += 1
            if result.kept_slots:
                kept.append((line, result.external_id, result.kept_slots))
    return summary, failures, kept
