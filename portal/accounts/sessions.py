"""Login sessions that the server can end: one ``UserSession`` row per login.

Flask-Login keeps ``<user id>:<login_token>:<session key>`` (``User.get_id``) in the signed
session cookie and in the remember cookie. The user loader accepts it only while the user's
login token is current and the session row exists, is not revoked and is younger than
``max_age()``. So:

- logging out revokes this login's row: a copied session cookie or remember cookie is refused;
- "log out everywhere" revokes every row of the user and rotates the login token;
- a new password rotates the login token: every session and remember cookie ends.

Checking costs one indexed read per request and never writes (GET never writes); a login
lasts at most ``REMEMBER_COOKIE_DURATION``. Revoked and expired rows are deleted when
their user next logs in. Nothing here commits.
"""

from __future__ import annotations

import hmac
import secrets
from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import delete, func, or_, select, update

from portal.extensions import db
from portal.models import User, UserSession, utcnow


def max_age() -> timedelta:
    duration = current_app.config.get("REMEMBER_COOKIE_DURATION") or timedelta(days=30)
    return duration if isinstance(duration, timedelta) else timedelta(seconds=int(duration))


def start(user: User, user_agent: str | None = None, now: datetime | None = None) -> str:
    """Begin a login for ``user`` (who then stands for it: ``user.session_key``)."""
    now = now or utcnow()
    db.session.execute(
        delete(UserSession)
        .where(
            UserSession.user_id == user.id,
            or_(UserSession.revoked_at.is_not(None), UserSession.created_at < now - max_age()),
        )
        .execution_options(synchronize_session="fetch")
    )
    user.session_key = UserSession.begin(user, user_agent)
    return user.session_key


def user_for(session_id: str, now: datetime | None = None) -> User | None:
    """The active user whose live login ``session_id`` names, or None."""
    user_id, token, key = _parts(session_id)
    if user_id is None:
        return None
    user = db.session.get(User, user_id)
    if user is None or not user.active or not hmac.compare_digest(user.login_token, token):
        return None
    live = db.session.scalar(
        select(UserSession.id).where(
            UserSession.key == key,
            UserSession.user_id == user.id,
            UserSession.revoked_at.is_(None),
            UserSession.created_at >= (now or utcnow()) - max_age(),
        )
    )
    if live is None:
        return None
    user.session_key = key
    return user


def _parts(session_id: str) -> tuple[int | None, str, str]:
    parts = (session_id or "").split(":")
    if len(parts) != 3 or not parts[0].isdigit() or not parts[1] or not parts[2]:
        return None, "", ""  # also the two-part ids from before sessions: log in again
    return int(parts[0]), parts[1], parts[2]


def revoke(user: User) -> None:
    """End the login ``user`` stands for in this request (logging out)."""
    if user.session_key:
        db.session.execute(
            update(UserSession)
            .where(UserSession.key == user.session_key, UserSession.revoked_at.is_(None))
            .values(revoked_at=utcnow())
            .execution_options(synchronize_session=False)
        )
    user.session_key = None


def end_all(user: User) -> None:
    """End every login of ``user``, remembered devices included ("log out everywhere", a
    new password): revoke the rows and rotate the login token."""
    db.session.execute(
        update(UserSession)
        .where(UserSession.user_id == user.id, UserSession.revoked_at.is_(None))
        .values(revoked_at=utcnow())
        .execution_options(synchronize_session=False)
    )
    user.login_token = secrets.token_urlsafe(24)
    user.session_key = None


def live_count(user: User) -> int:
    """How many logins of ``user`` are still live (shown next to "log out everywhere")."""
    return (
        db.session.scalar(
            select(func.count(UserSession.id)).where(
                UserSession.user_id == user.id,
                UserSession.revoked_at.is_(None),
                UserSession.created_at >= utcnow() - max_age(),
            )
        )
        or 0
    )
