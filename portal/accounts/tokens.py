"""Signed, expiring tokens for the links we mail: confirm an address, reset a password,
unsubscribe from a digest.

Both are ``itsdangerous`` URL-safe timed signatures with their own salt, so a token made
for one purpose never works for the other. A reset token also carries a fingerprint of
the current password hash and login token: once the password changes, every reset
token issued before dies (that makes it single-use).
"""

from __future__ import annotations

import hashlib

from flask import current_app
from flask_babel import lazy_gettext as _l
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

from portal.exceptions import DomainError
from portal.extensions import db
from portal.models import User

CONFIRM = "confirm"
RESET = "reset"
UNSUBSCRIBE = "unsubscribe"
SALTS = {
    CONFIRM: "portal.accounts.confirm-email",
    RESET: "portal.accounts.reset-password",
    UNSUBSCRIBE: "portal.accounts.unsubscribe",
}


class TokenError(DomainError):
    """A link's token is invalid; ``expired`` tells whether it was genuine but too old, and
    ``purpose`` which link it was (``confirm`` or ``reset``): a page of its own explains what
    to do next (``views.invalid_link``)."""

    def __init__(self, purpose: str, expired: bool = False):
        super().__init__(_l("This link no longer works"))
        self.purpose = purpose
        self.expired = expired


def _serializer(purpose: str) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=SALTS[purpose])


def _load(purpose: str, token: str, max_age: int) -> dict:
    try:
        data = _serializer(purpose).loads(token, max_age=max_age)
    except SignatureExpired as exc:
        raise TokenError(purpose, expired=True) from exc
    except BadSignature as exc:
        raise TokenError(purpose) from exc
    if not isinstance(data, dict):
        raise TokenError(purpose)
    return data


def password_fingerprint(user: User) -> str:
    material = f"{user.password_hash or ''}|{user.login_token}".encode()
    return hashlib.sha256(material).hexdigest()[:20]


def make_confirm_token(user: User) -> str:
    return _serializer(CONFIRM).dumps({"uid": user.id, "email": user.email})


def user_from_confirm_token(token: str) -> User:
    data = _load(CONFIRM, token, current_app.config["CONFIRM_TOKEN_MAX_AGE"])
    user = db.session.get(User, data.get("uid") or 0)
    # An address changed since the mail was sent is not confirmed by the old link.
    if user is None or user.email != data.get("email") or user.deleted_at is not None:
        raise TokenError(CONFIRM)
    return user


def make_reset_token(user: User) -> str:
    return _serializer(RESET).dumps({"uid": user.id, "fp": password_fingerprint(user)})


def user_from_reset_token(token: str) -> User:
    data = _load(RESET, token, current_app.config["RESET_TOKEN_MAX_AGE"])
    user = db.session.get(User, data.get("uid") or 0)
    if user is None or not user.active or data.get("fp") != password_fingerprint(user):
        raise TokenError(RESET)
    return user


def make_unsubscribe_token(user: User, subject: str, subject_id: int) -> str:
    """The one-click unsubscribe link of a digest: which person, and what they get mailed
    (``subject``: e.g. ``saved_search`` and its id). It needs no login, so it names nothing
    else; its age is checked with ``UNSUBSCRIBE_TOKEN_MAX_AGE``."""
    return _serializer(UNSUBSCRIBE).dumps({"uid": user.id, "s": subject, "id": subject_id})


def load_unsubscribe_token(token: str, subject: str) -> tuple[int, int]:
    """(user id, subject id) of a genuine, unexpired unsubscribe token for ``subject``."""
    data = _load(UNSUBSCRIBE, token, current_app.config["UNSUBSCRIBE_TOKEN_MAX_AGE"])
    uid, subject_id = data.get("uid"), data.get("id")
    if data.get("s") != subject or not isinstance(uid, int) or not isinstance(subject_id, int):
        raise TokenError(UNSUBSCRIBE)
    return uid, subject_id
