"""Signed, expiring tokens for the links we mail: confirm an address, reset a password.

Both are ``itsdangerous`` URL-safe timed signatures with their own salt, so a token made
for one purpose never works for the other. A reset token also carries a fingerprint of
the current password hash and login token: once the password changes, every reset
token issued before dies (that makes it single-use).
"""
from __future__ import annotations

import hashlib

from flask import current_app
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

from portal.extensions import db
from portal.models import User

CONFIRM_SALT = "portal.accounts.confirm-email"
RESET_SALT = "portal.accounts.reset-password"


class TokenError(Exception):
    """A token is invalid; ``expired`` tells whether it was genuine but too old."""

    def __init__(self, expired: bool = False):
        super().__init__("expired" if expired else "invalid")
        self.expired = expired


def _serializer(salt: str) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=salt)


def _load(salt: str, token: str, max_age: int) -> dict:
    try:
        data = _serializer(salt).loads(token, max_age=max_age)
    except SignatureExpired as exc:
        raise TokenError(expired=True) from exc
    except BadSignature as exc:
        raise TokenError() from exc
    if not isinstance(data, dict):
        raise TokenError()
    return data


def password_fingerprint(user: User) -> str:
    material = f"{user.password_hash or ''}|{user.login_token}".encode()
    return hashlib.sha256(material).hexdigest()[:20]


def make_confirm_token(user: User) -> str:
    return _serializer(CONFIRM_SALT).dumps({"uid": user.id, "email": user.email})


def user_from_confirm_token(token: str) -> User:
    data = _load(CONFIRM_SALT, token, current_app.config["CONFIRM_TOKEN_MAX_AGE"])
    user = db.session.get(User, data.get("uid") or 0)
    # An address changed since the mail was sent is not confirmed by the old link.
    if user is None or user.email != data.get("email") or user.deleted_at is not None:
        raise TokenError()
    return user


def make_reset_token(user: User) -> str:
    return _serializer(RESET_SALT).dumps({"uid": user.id, "fp": password_fingerprint(user)})


def user_from_reset_token(token: str) -> User:
    data = _load(RESET_SALT, token, current_app.config["RESET_TOKEN_MAX_AGE"])
    user = db.session.get(User, data.get("uid") or 0)
    if user is None or not user.active or data.get("fp") != password_fingerprint(user):
        raise TokenError()
    return user
