"""How dates, times and money read in Dutch: the template filters, also used in mails and
the moderation diff. A leaf module: it imports nothing of the portal."""

from __future__ import annotations

from datetime import date, datetime

from flask_babel import format_date, format_datetime
from markupsafe import Markup, escape


def nldate(value, fmt: str = "EEEE d MMMM y") -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = value.date()
    return format_date(value, fmt) if isinstance(value, date) else str(value)


def nldatetime(value, fmt: str = "EEEE d MMMM y, HH:mm", rebase: bool = False) -> str:
    """Format a datetime. Wall-clock times (slots) are shown as stored; pass
    ``rebase=True`` for naive-UTC timestamps (``created_at``) to show them in Dutch time."""
    if value is None:
        return ""
    return format_datetime(value, fmt, rebase=rebase)


def euro(cents: int | None) -> str:
    if not cents:
        return "gratis"
    euros, rest = divmod(int(cents), 100)
    return f"€ {euros:,}".replace(",", ".") + f",{rest:02d}"


def nl2br(text: str | None) -> Markup:
    return Markup("<br>".join(escape(text or "").split("\n")))
