"""Rate limits for logging in and password-reset requests (Flask-Limiter).

Each limited POST counts twice: per client IP and per account, the account being the
submitted address lower-cased (so an attacker spreading guesses over many IPs still hits
the per-account limit). The limits come from config: RATELIMIT_LOGIN, RATELIMIT_LOGIN_ACCOUNT
and RATELIMIT_RESET. GET requests (showing the form) are never counted.
"""
from __future__ import annotations

from flask import current_app, request
from flask_limiter.util import get_remote_address

from portal.extensions import limiter
from portal.models.accounts import normalise_email


def submitted_account() -> str:
    return "account:" + normalise_email(request.form.get("email", ""))


def current_account() -> str:
    from flask_login import current_user

    user_id = getattr(current_user, "id", None)
    return f"user:{user_id}" if user_id else "ip:" + get_remote_address()


def resend_limits(view):
    """Asking for the confirmation mail again: a few per hour per person."""
    return limiter.limit("5 per hour", key_func=current_account, methods=["POST"],
                         scope="resend-confirmation")(view)


def _config(key: str):
    return lambda: current_app.config[key]


def _failed_login(response) -> bool:
    """Only failed attempts count: a successful login redirects. A school's whole staff
    behind one internet address must not lock each other out by logging in."""
    return response.status_code != 302


def login_limits(view):
    view = limiter.limit(_config("RATELIMIT_LOGIN"), key_func=get_remote_address, methods=["POST"],
                         scope="login-ip", deduct_when=_failed_login)(view)
    return limiter.limit(_config("RATELIMIT_LOGIN_ACCOUNT"), key_func=submitted_account,
                         methods=["POST"], scope="login-account", deduct_when=_failed_login)(view)


def reset_limits(view):
    view = limiter.limit(_config("RATELIMIT_RESET"), key_func=get_remote_address, methods=["POST"],
                         scope="reset-ip")(view)
    return limiter.limit(_config("RATELIMIT_RESET"), key_func=submitted_account, methods=["POST"],
                         scope="reset-account")(view)
