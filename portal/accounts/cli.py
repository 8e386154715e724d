"""``flask --app portal users ...``: account management for operators (English output).

users create --email E --name N --role R [--organisation NAME_OR_ID] [--region SLUG]
             [--password-stdin]
users set-role --email E --role R [--region SLUG] [--organisation NAME_OR_ID]
users deactivate --email E
users activate --email E
users list [--role R]
"""

from __future__ import annotations

import secrets
import sys

import click
from flask import current_app
from flask.cli import with_appcontext
from sqlalchemy import func, select

from portal.accounts import sessions
from portal.accounts.membership import ORGANISATION_KIND
from portal.accounts.services import MIN_PASSWORD_LENGTH
from portal.extensions import db
from portal.models import Organisation, Region, User, utcnow
from portal.models.accounts import ROLES, find_user_by_email
from portal.models.statuses import MembershipStatus

users_cli = click.Group("users", help="Manage user accounts.")


def _organisation(value: str | None) -> Organisation | None:
    if not value:
        return None
    if value.isdigit():
        org = db.session.get(Organisation, int(value))
    else:
        matches = db.session.scalars(
            select(Organisation).where(func.lower(Organisation.name) == value.strip().lower())
        ).all()
        if len(matches) > 1:
            raise click.ClickException(f"Several organisations are named {value!r}: use the id.")
        org = matches[0] if matches else None
    if org is None:
        raise click.ClickException(f"No organisation {value!r}.")
    return org


def _region(slug: str | None, role: str) -> Region | None:
    if role != "coordinator":
        if slug:
            raise click.ClickException("--region is only for coordinators.")
        return None
    slug = slug or current_app.config["SITE_REGION"]
    region = db.session.scalar(select(Region).where(Region.slug == slug))
    if region is None:
        raise click.ClickException(f"No region {slug!r}.")
    return region


def _check_organisation(role: str, org: Organisation | None) -> None:
    kind = ORGANISATION_KIND.get(role)
    if kind and (org is None or org.kind != kind):
        raise click.ClickException(f"A {role} needs an organisation of kind {kind!r} (--organisation).")


def _user(email: str) -> User:
    user = find_user_by_email(email)
    if user is None or user.deleted_at is not None:
        raise click.ClickException(f"No user with email {email!r}.")
    return user


def _read_password(from_stdin: bool) -> str:
    if from_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    if len(password) < MIN_PASSWORD_LENGTH:
        raise click.ClickException(f"The password needs at least {MIN_PASSWORD_LENGTH} characters.")
    return password


@users_cli.command("create")
@click.option("--email", required=True)
@click.option("--name", required=True)
@click.option("--role", required=True, type=click.Choice(ROLES))
@click.option("--organisation", "organisation", help="Organisation name or id.")
@click.option("--region", help="Region slug (coordinators; default: SITE_REGION).")
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input.")
@click.option("--org-admin", is_flag=True, help="Make the user an admin of the organisation.")
@with_appcontext
def create_user(email, name, role, organisation, region, password_stdin, org_admin):
    """Create a confirmed, active user (an approved member of the organisation, if given)."""
    if find_user_by_email(email) is not None:
        raise click.ClickException(f"A user with email {email!r} already exists.")
    org = _organisation(organisation)
    _check_organisation(role, org)
    user = User(
        email=email,
        name=name,
        role=role,
        organisation=org,
        region=_region(region, role),
        confirmed_at=utcnow(),
        login_token=secrets.token_urlsafe(24),
        membership_status=MembershipStatus.APPROVED if org else None,
        is_org_admin=bool(org and org_admin),
    )
    user.set_password(_read_password(password_stdin))
    db.session.add(user)
    db.session.commit()
    click.echo(f"Created {role} {user.email} (id {user.id}).")


@users_cli.command("set-role")
@click.option("--email", required=True)
@click.option("--role", required=True, type=click.Choice(ROLES))
@click.option("--region", help="Region slug (coordinators; default: SITE_REGION).")
@click.option("--organisation", "organisation", help="Organisation name or id (teacher/provider).")
@with_appcontext
def set_role(email, role, region, organisation):
    """Change a user's role (and their region or organisation with it)."""
    user = _user(email)
    org = _organisation(organisation) or user.organisation
    _check_organisation(role, org)
    user.role = role
    user.region = _region(region, role)
    if role in ORGANISATION_KIND and user.organisation is not org:
        user.organisation = org  # the operator vouches for the membership
        user.membership_status = MembershipStatus.APPROVED
        user.is_org_admin = False
    db.session.commit()
    scope = f" for region {user.region.slug}" if user.region else ""
    click.echo(f"{user.email} is now {role}{scope}.")


@users_cli.command("deactivate")
@click.option("--email", required=True)
@with_appcontext
def deactivate(email):
    """Refuse further logins and end the user's sessions."""
    user = _user(email)
    user.active = False
    sessions.end_all(user)
    db.session.commit()
    click.echo(f"Deactivated {user.email}.")


@users_cli.command("activate")
@click.option("--email", required=True)
@with_appcontext
def activate(email):
    """Allow a deactivated user to log in again."""
    user = _user(email)
    user.active = True
    db.session.commit()
    click.echo(f"Activated {user.email}.")


@users_cli.command("list")
@click.option("--role", type=click.Choice(ROLES))
@with_appcontext
def list_users(role):
    """Every account (without deleted ones), one per line."""
    query = select(User).where(User.deleted_at.is_(None)).order_by(User.role, User.email)
    if role:
        query = query.where(User.role == role)
    for user in db.session.scalars(query):
        org = user.organisation.name if user.organisation else (user.region.slug if user.region else "-")
        flags = ("" if user.active else " inactive") + ("" if user.confirmed else " unconfirmed")
        click.echo(f"{user.id:>5}  {user.role:<12} {user.email:<40} {org}{flags}")
