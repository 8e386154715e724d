"""Flask-Login wiring: load a user from the session id ``<id>:<login_token>``."""
from __future__ import annotations

from flask import Flask
from flask_babel import lazy_gettext as _l

from portal.extensions import db, login_manager
from portal.models import User


def init_app(app: Flask) -> None:
    login_manager.login_view = "auth.login"
    login_manager.login_message = _l("Log in to see this page.")
    login_manager.login_message_category = "info"
    login_manager.session_protection = app.config.get("SESSION_PROTECTION", "strong")


@login_manager.user_loader
def load_user(session_id: str) -> User | None:
    user_id, _, token = (session_id or "").partition(":")
    if not user_id.isdigit() or not token:
        return None
    user = db.session.get(User, int(user_id))
    if user is None or user.login_token != token or not user.active:
        return None
    return user
