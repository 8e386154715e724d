"""What every template gets: permissions, navigation badge counts, statuses, filters."""

from __future__ import annotations

from flask import Flask
from flask_babel import get_locale
from flask_login import current_user

from portal.formatting import euro, nl2br, nldate, nldatetime
from portal.models.statuses import STATUS_ENUMS
from portal.permissions import PERMISSIONS
from portal.plugs import plugs


def _permissions() -> dict:
    return dict(PERMISSIONS)


def _nav_badges() -> dict:
    """``nav_badge(name)``: the count an area plugged in for the navigation (0 if none)."""

    def badge(name: str) -> int:
        count = plugs().nav_badges.get(name)
        if count is None or not current_user.is_authenticated:
            return 0
        return count(current_user)

    return {"nav_badge": badge}


def init_app(app: Flask) -> None:
    app.context_processor(_permissions)
    app.context_processor(_nav_badges)
    app.jinja_env.globals["get_locale"] = get_locale
    # Templates name statuses as members: ``offer.status == OfferStatus.PUBLISHED``.
    app.jinja_env.globals.update({enum.__name__: enum for enum in STATUS_ENUMS})
    app.jinja_env.filters.update(nldate=nldate, nldatetime=nldatetime, euro=euro, nl2br=nl2br)
