"""Fixtures of the saved-search tests: a teacher, offers to find, the alert job, the clock."""

from __future__ import annotations

from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
from sqlalchemy import select

from portal.models import OutboxMail, SavedSearch


@pytest.fixture
def teacher(make, db):
    user = make.user("teacher", name="Sanne de Vries")
    db.session.commit()
    return user


@pytest.fixture
def send(runner, db):
    """Run ``flask --app portal alerts send`` (as cron would); returns its output."""

    def run() -> str:
        result = runner.invoke(args=["alerts", "send"])
        assert result.exit_code == 0, result.output
        db.session.expire_all()
        return result.output

    return run


@pytest.fixture
def later(frozen_clock):
    """Move the frozen clock on (it keeps ticking from there)."""

    def move(days: int = 0, hours: int = 0, minutes: int = 0) -> None:
        frozen_clock.shift(timedelta(days=days, hours=hours, minutes=minutes))

    return move


@pytest.fixture
def publish(make, db):
    """A published offer, committed (so it is indexed), going live now."""

    def offer(title: str, **kw):
        kw.setdefault("summary", "Een les over techniek.")
        kw.setdefault("description", "Leerlingen ontdekken wat techniek is.")
        made = make.offer(title=title, **kw)
        db.session.commit()
        return made

    return offer


@pytest.fixture
def saved(db):
    """A saved search row for ``user`` as the save form would store it, committed now."""

    def save(user, query: str = "", frequency: str = "daily", name: str = "Mijn zoekopdracht", **kw):
        search = SavedSearch(user_id=user.id, name=name, query=query, frequency=frequency, **kw)
        db.session.add(search)
        db.session.commit()
        return search

    return save


def alert_mails(db, user=None) -> list[OutboxMail]:
    db.session.expire_all()
    stmt = select(OutboxMail).where(OutboxMail.template == "alert_digest").order_by(OutboxMail.id)
    if user is not None:
        stmt = stmt.where(OutboxMail.user_id == user.id)
    return list(db.session.scalars(stmt))


def unsubscribe_path(mail: OutboxMail) -> str:
    """The unsubscribe link of an alert mail (from its List-Unsubscribe header), as a path."""
    url = mail.headers["List-Unsubscribe"].strip("<>")
    return urlsplit(url).path


def link_query(url: str) -> dict:
    return parse_qs(urlsplit(url).query)
