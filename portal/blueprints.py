"""The feature areas, one blueprint each, in URL-precedence order."""
from __future__ import annotations

import importlib

# module path of each area's views (each defines ``bp``)
AREAS = [
    "portal.main.views",
    "portal.accounts.views",
    "portal.dashboard.views",
    "portal.mail.views",
    "portal.offers.views",
    "portal.moderation.views",
    "portal.search.views",
    "portal.bookings.views",
]


def _load(module: str):
    try:
        return importlib.import_module(module)
    except ModuleNotFoundError as exc:  # an area still being built
        if exc.name and module.startswith(exc.name):
            return None
        raise


def BLUEPRINTS():  # noqa: N802  (reads as a constant list at the call site)
    return [m.bp for m in map(_load, AREAS) if m is not None]


def area_modules(suffix: str):
    """Every area's ``<area>.<suffix>`` module that exists (cli, dashboard, hooks...)."""
    for views in AREAS:
        module = _load(views.rsplit(".", 1)[0] + "." + suffix)
        if module is not None:
            yield module
