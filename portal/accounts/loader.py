"""Flask-Login wiring: logging a browser in and out, and loading the user of a request.

The id Flask-Login stores is ``<id>:<login_token>:<session key>``; what makes it valid is
in ``portal/accounts/sessions.py``. Views log in and out through ``log_in`` / ``log_out``
here, so every login is a session row the server can end (committed with the request).
"""

from __future__ import annotations

from flask import Flask, request, session
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_user, logout_user, user_loaded_from_cookie

from portal.accounts import sessions
from portal.extensions import login_manager
from portal.models import User


def init_app(app: Flask) -> None:
    login_manager.login_view = "auth.login"
    login_manager.login_message = _l("Log in to see this page.")
    login_manager.login_message_category = "info"
    login_manager.session_protection = app.config.get("SESSION_PROTECTION", "strong")
    user_loaded_from_cookie.connect(_mark_browser, app)


def _mark_browser(sender, user) -> None:
    """A remember cookie just logged this browser in again: record its identifier, as
    ``login_user`` does. Without it "strong" session protection sees a session without one
    on the next request, and logs the browser out (remember me lasted one request)."""
    session["_id"] = login_manager._session_identifier_generator()


@login_manager.user_loader
def load_user(session_id: str) -> User | None:
    return sessions.user_for(session_id)


def log_in(user: User, remember: bool = False) -> None:
    """Start a login session for ``user`` and give this browser its cookies (the session
    row is written in the request's transaction)."""
    sessions.start(user, user_agent=request.user_agent.string)
    login_user(user, remember=remember)


def log_out() -> None:
    """End this browser's login on the server too, and drop its cookies."""
    if current_user.is_authenticated:
        sessions.revoke(current_user._get_current_object())
    logout_user()
