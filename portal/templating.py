"""What every template gets: permissions, the navigation badge counts, filters."""
from __future__ import annotations

from datetime import date, datetime

from flask import Flask
from flask_babel import format_date, format_datetime
from markupsafe import Markup

from portal.permissions import PERMISSIONS

# Areas add small callables here (name -> fn(user) -> int) for navigation badges.
NAV_BADGES: dict = {}


def init_app(app: Flask) -> None:
    @app.context_processor
    def inject_permissions():
        return dict(PERMISSIONS)

    @app.context_processor
    def inject_nav_badges():
        from flask_login import current_user

        def badge(name: str) -> int:
            fn = NAV_BADGES.get(name)
            if fn is None or not current_user.is_authenticated:
                return 0
            return fn(current_user)

        return {"nav_badge": badge}

    from flask_babel import get_locale

    app.jinja_env.globals["get_locale"] = get_locale

    @app.template_global()
    def has_endpoint(name: str) -> bool:
        return name in app.view_functions

    app.jinja_env.filters["nldate"] = _nldate
    app.jinja_env.filters["nldatetime"] = _nldatetime
    app.jinja_env.filters["euro"] = _euro
    app.jinja_env.filters["nl2br"] = _nl2br


def _nldate(value, fmt: str = "EEEE d MMMM y") -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = value.date()
    return format_date(value, fmt) if isinstance(value, date) else str(value)


def _nldatetime(value, fmt: str = "EEEE d MMMM y, HH:mm", rebase: bool = False) -> str:
    """Format a datetime. Wall-clock times (slots) are shown as stored; pass
    ``rebase=True`` for naive-UTC timestamps (``created_at``) to show them in Dutch time."""
    if value is None:
        return ""
    return format_datetime(value, fmt, rebase=rebase)


def _euro(cents: int | None) -> str:
    if not cents:
        return "gratis"
    euros, rest = divmod(int(cents), 100)
    return f"€ {euros:,}".replace(",", ".") + f",{rest:02d}"


def _nl2br(text: str | None) -> Markup:
    from markupsafe import escape

    return Markup("<br>".join(escape(text or "").split("\n")))
