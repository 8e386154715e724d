"""Configuration defaults and the production safety checks.

Layers, later wins: these defaults, then ``instance/config.py``, then ``PORTAL_*``
environment variables (``PORTAL_MAIL_PORT=25`` sets ``MAIL_PORT``), then the dict a
test passes to ``create_app``.
"""

from __future__ import annotations

from datetime import timedelta
from urllib.parse import urlsplit

DEFAULT_SECRET_KEY = "dev-only-change-me"


class Defaults:
    ENV_NAME = "development"  # "production" turns on the safety checks below
    SECRET_KEY = DEFAULT_SECRET_KEY
    SQLALCHEMY_DATABASE_URI = None  # filled in with instance/portal.sqlite3
    SQLALCHEMY_ENGINE_OPTIONS: dict = {}

    # Language and time: Dutch first, English available.
    BABEL_DEFAULT_LOCALE = "nl"
    BABEL_DEFAULT_TIMEZONE = "Europe/Amsterdam"
    LANGUAGES = ["nl", "en"]

    # Sessions and cookies. Production flips the Secure flags on.
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_SECURE = False
    REMEMBER_COOKIE_DURATION = timedelta(days=30)
    REMEMBER_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_SAMESITE = "Lax"
    REMEMBER_COOKIE_SECURE = False
    PERMANENT_SESSION_LIFETIME = timedelta(days=14)
    SESSION_PROTECTION = "strong"

    WTF_CSRF_TIME_LIMIT = 8 * 3600  # a teacher may leave a form open for a school day

    # Bootstrap-Flask serves Bootstrap from the package itself: no CDN.
    BOOTSTRAP_SERVE_LOCAL = True

    # Mail: without MAIL_SERVER, development mail is written to instance/mail/*.eml.
    MAIL_SERVER = None
    MAIL_PORT = 25
    MAIL_USE_TLS = False
    MAIL_USE_SSL = False
    MAIL_USERNAME = None
    MAIL_PASSWORD = None
    MAIL_DEFAULT_SENDER = "Techniek Flevoland <noreply@techniekflevoland.nl>"
    MAIL_TIMEOUT_SECONDS = 20
    MAIL_MAX_ATTEMPTS = 8
    MAIL_RETRY_BASE_SECONDS = 60
    MAIL_RETRY_MAX_SECONDS = 6 * 3600
    MAIL_LEASE_SECONDS = 600  # a claimed row is retaken after this; keep > 10 x MAIL_TIMEOUT_SECONDS
    MAIL_FILE_DIR = None  # defaults to instance/mail

    # Rate limits (Flask-Limiter). Use Redis in production: memory counts per process.
    RATELIMIT_STORAGE_URI = "memory://"
    RATELIMIT_HEADERS_ENABLED = True
    # Failed logins per address, per account at one address, per account from everywhere
    # (a browser that logged in to the account before is exempt from that ceiling).
    RATELIMIT_LOGIN = "10 per minute;50 per hour"
    RATELIMIT_LOGIN_ACCOUNT = "5 per minute;20 per hour"
    RATELIMIT_LOGIN_ACCOUNT_CEILING = "100 per hour;300 per day"
    RATELIMIT_RESET = "5 per minute;20 per hour"
    # /aanbod per address: generous (a class behind one school address), stops a flood.
    RATELIMIT_SEARCH = "120 per minute;3000 per hour"
    # /api/v1, /aanbod.ics and /aanbod.atom per address: enough for a harvester paging through.
    RATELIMIT_API = "60 per minute;2000 per hour"
    # Accepted registrations per address (each one sends a mail).
    RATELIMIT_REGISTER = "5 per minute;30 per hour;100 per day"

    # Tokens in mailed links.
    CONFIRM_TOKEN_MAX_AGE = 3 * 24 * 3600
    RESET_TOKEN_MAX_AGE = 2 * 3600
    # The unsubscribe link of an alert mail keeps working long after the mail (RFC 8058
    # asks for one click, also from an old mail); a year, then the person logs in instead.
    UNSUBSCRIBE_TOKEN_MAX_AGE = 365 * 24 * 3600

    # Uploads.
    UPLOAD_DIR = None  # defaults to instance/uploads
    MAX_CONTENT_LENGTH = 25 * 1024 * 1024
    MAX_IMAGE_BYTES = 8 * 1024 * 1024
    MAX_DOCUMENT_BYTES = 20 * 1024 * 1024

    # Search.
    SEARCH_BACKEND = "whoosh"  # or "postgres"
    # portal/pagecache.py: anonymous home and /aanbod pages kept per process (0 = none), and
    # how long a new data version must stand before pages made with it are kept (search
    # synonyms reach every process within seconds).
    PAGE_CACHE_ENTRIES = 300
    PAGE_CACHE_SETTLE_SECONDS = 3.0
    SEARCH_INDEX_DIR = None  # defaults to instance/search-index

    # Site identity: regions are data, this only names the deployment.
    SITE_NAME = "Techniek Flevoland"
    SITE_REGION = "flevoland"
    SITE_URL = "http://127.0.0.1:5000"
    # Behind a reverse proxy (production): how many proxies set X-Forwarded-For/-Proto.
    PROXY_COUNT = 0
    # Bookings.
    BOOKING_REMINDER_DAYS = 3
    REQUEST_REMINDER_AFTER_DAYS = 3
    REQUEST_EXPIRE_AFTER_DAYS = 10
    WAITLIST_OFFER_HOURS = 48


def check_production(config) -> None:
    """Refuse to run production with development-grade settings."""
    if config.get("ENV_NAME") != "production":
        return
    secret = config.get("SECRET_KEY") or ""
    if secret == DEFAULT_SECRET_KEY or len(secret) < 32:
        raise RuntimeError(
            "Production needs PORTAL_SECRET_KEY: a random value of at least 32 characters "
            "(python -c 'import secrets; print(secrets.token_hex(32))')."
        )
    # Links in mail are built from the request's host: accept only our own host, so a forged
    # Host header cannot turn a password-reset link into one pointing elsewhere.
    if not config.get("TRUSTED_HOSTS"):
        host = urlsplit(config.get("SITE_URL") or "").hostname
        if not host or host in ("127.0.0.1", "localhost"):
            raise RuntimeError(
                "Production needs PORTAL_SITE_URL (e.g. https://techniekflevoland.nl): mailed "
                "links and the accepted Host header come from it."
            )
        config["TRUSTED_HOSTS"] = [host]
    config["SESSION_COOKIE_SECURE"] = True
    config["REMEMBER_COOKIE_SECURE"] = True
    config["PREFERRED_URL_SCHEME"] = "https"
