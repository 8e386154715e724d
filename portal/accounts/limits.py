"""Rate limits for logging in, registering and password-reset requests (Flask-Limiter).

Failed logins throttle the attacker, not the owner. A failed login counts three times:

- per client address (RATELIMIT_LOGIN): one address guessing at many accounts;
- per account *at that address* (RATELIMIT_LOGIN_ACCOUNT): guessing one account's password
  from one address. Failures from elsewhere never block the owner's own address;
- per account from everywhere (RATELIMIT_LOGIN_ACCOUNT_CEILING), much higher: a botnet
  spreading guesses over many addresses. A browser that logged in to the account before
  (it carries a signed "known browser" cookie) is exempt, so even that cannot lock the
  owner out of their usual browser.

Successful logins never count (a staff room behind one address logs in on Monday morning).
Registering counts accepted submissions per address (RATELIMIT_REGISTER); reset requests
count per address and per account (RATELIMIT_RESET). Showing a form (GET) never counts.
"""

from __future__ import annotations

import hashlib

from flask import current_app, request
from flask_limiter.util import get_remote_address
from flask_login import current_user
from itsdangerous import BadSignature, URLSafeSerializer

from portal.extensions import limiter
from portal.models.accounts import normalise_email

KNOWN_BROWSER_COOKIE = "known_browser"
KNOWN_BROWSER_SALT = "portal.accounts.known-browser"
KNOWN_BROWSER_DAYS = 365
KNOWN_ACCOUNTS_KEPT = 5  # a shared computer in a staff room


def submitted_account() -> str:
    return "account:" + normalise_email(request.form.get("email", ""))


def submitted_account_at_address() -> str:
    return f"{submitted_account()}|ip:{get_remote_address()}"


def current_account() -> str:
    user_id = getattr(current_user, "id", None)
    return f"user:{user_id}" if user_id else "ip:" + get_remote_address()


def resend_limits(view):
    """Asking for the confirmation mail again: a few per hour per person."""
    return limiter.limit(
        "5 per hour", key_func=current_account, methods=["POST"], scope="resend-confirmation"
    )(view)


def _config(key: str):
    return lambda: current_app.config[key]


def _failed_login(response) -> bool:
    """Only failed attempts count: a successful login redirects."""
    return response.status_code != 302


def login_limits(view):
    view = limiter.limit(
        _config("RATELIMIT_LOGIN"),
        key_func=get_remote_address,
        methods=["POST"],
        scope="login-ip",
        deduct_when=_failed_login,
    )(view)
    view = limiter.limit(
        _config("RATELIMIT_LOGIN_ACCOUNT"),
        key_func=submitted_account_at_address,
        methods=["POST"],
        scope="login-account-ip",
        deduct_when=_failed_login,
    )(view)
    return limiter.limit(
        _config("RATELIMIT_LOGIN_ACCOUNT_CEILING"),
        key_func=submitted_account,
        methods=["POST"],
        scope="login-account",
        deduct_when=_failed_login,
        exempt_when=_known_browser,
    )(view)


def register_limits(view):
    """Accepted registrations per address (each sends a mail); a form sent back with
    errors does not count."""
    return limiter.limit(
        _config("RATELIMIT_REGISTER"),
        key_func=get_remote_address,
        methods=["POST"],
        scope="register-ip",
        deduct_when=lambda response: response.status_code == 302,
    )(view)


def reset_limits(view):
    view = limiter.limit(
        _config("RATELIMIT_RESET"), key_func=get_remote_address, methods=["POST"], scope="reset-ip"
    )(view)
    return limiter.limit(
        _config("RATELIMIT_RESET"), key_func=submitted_account, methods=["POST"], scope="reset-account"
    )(view)


# The known-browser cookie ----------------------------------------------------------------
def _serializer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt=KNOWN_BROWSER_SALT)


def _account_digest(email: str) -> str:
    return hashlib.sha256(normalise_email(email).encode()).hexdigest()[:16]


def _known_accounts() -> list[str]:
    try:
        known = _serializer().loads(request.cookies.get(KNOWN_BROWSER_COOKIE, ""))
    except BadSignature:
        return []
    return known if isinstance(known, list) else []


def _known_browser() -> bool:
    return _account_digest(request.form.get("email", "")) in _known_accounts()


def remember_browser(response, email: str):
    """After a successful login: this browser is known to the account from now on."""
    digest = _account_digest(email)
    known = [digest] + [d for d in _known_accounts() if d != digest][: KNOWN_ACCOUNTS_KEPT - 1]
    config = current_app.config
    response.set_cookie(
        KNOWN_BROWSER_COOKIE,
        _serializer().dumps(known),
        max_age=KNOWN_BROWSER_DAYS * 86400,
        httponly=True,
        secure=config.get("SESSION_COOKIE_SECURE", False),
        samesite="Lax",
    )
    return response
