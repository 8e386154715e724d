"""Fixtures for the accounts tests: registration data, the outbox, the mail worker, mailed
links."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from portal.extensions import mail
from portal.mail.delivery import deliver_all_due
from portal.models import Municipality, OutboxMail
from tests.factories import PASSWORD

NEW_PASSWORD = "een nieuw en lang wachtwoord"


@pytest.fixture
def municipality_id(db):
    return db.session.scalar(select(Municipality.id).where(Municipality.slug == "lelystad"))


@pytest.fixture
def registration(municipality_id):
    """Form data for registering; pass overrides: ``registration(role="provider", ...)``."""

    def build(**overrides):
        data = {
            "role": "teacher",
            "name": "Anna de Boer",
            "email": "anna@school.example",
            "phone": "",
            "password": "lang genoeg wachtwoord",
            "password_repeat": "lang genoeg wachtwoord",
            "school_mode": "new",
            "company_mode": "new",
            "new_name": "Basisschool De Kade",
            "new_sector": "po",
            "new_municipality": str(municipality_id),
            "new_brin": "",
            "new_website": "",
            "accept_privacy": "y",
        }
        data.update(overrides)
        return data

    return build


@pytest.fixture
def outbox(db):
    """The outbox rows, newest last: ``outbox()`` or ``outbox("auth_confirm")``."""

    def rows(template: str | None = None) -> list[OutboxMail]:
        query = select(OutboxMail).order_by(OutboxMail.id)
        if template:
            query = query.where(OutboxMail.template == template)
        return list(db.session.scalars(query))

    return rows


@pytest.fixture
def deliver(app):
    """Run the mail worker over everything due; return the messages it sent."""

    def run() -> list:
        with mail.record_messages() as sent:
            deliver_all_due()
        return sent

    return run


def mailed_path(message, path_start: str = "/") -> str:
    """The site-relative path of the link (``http://portal.test/...``) in an outbox row or in
    a sent message, starting with ``path_start``."""
    text = message.body_text if isinstance(message, OutboxMail) else message.body
    match = re.search(r"http://portal\.test(" + re.escape(path_start) + r"\S*)", text)
    assert match, text
    return match.group(1)


@pytest.fixture
def log_in(client):
    def post(email, password=PASSWORD, **extra):
        return client.post("/inloggen", data={"email": email, "password": password, **extra})

    return post


def cookie(client, name: str):
    """A cookie the portal set (the tests run under SERVER_NAME portal.test)."""
    return client.get_cookie(name, domain="portal.test")
