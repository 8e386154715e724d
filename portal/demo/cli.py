"""``flask --app portal seed-demo``: fill an empty portal with demo data, once."""

from __future__ import annotations

import click
from flask.cli import with_appcontext

from portal.demo import run_steps
from portal.demo.accounts import demo_logins
from portal.extensions import db
from portal.reference_data import load_reference_data


@click.command("seed-demo")
@with_appcontext
def seed_demo() -> None:
    """Add fictional demo schools, companies, offers and logins (idempotent)."""
    load_reference_data(db.session)
    run_steps(db.session)
    db.session.commit()
    click.echo("Demo data is in place. Log in with:")
    for role, email, password in demo_logins():
        click.echo(f"  {role:<12} {email:<45} {password}")
