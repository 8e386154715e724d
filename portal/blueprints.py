"""The feature areas, one blueprint each, in URL-precedence order."""
from __future__ import annotations

import importlib
import importlib.util

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


def BLUEPRINTS():  # noqa: N802  (reads as a constant list at the call site)
    return [importlib.import_module(module).bp for module in AREAS]


def area_modules(suffix: str):
    """Every area's ``<area>.<suffix>`` module (``cli``...), for the areas that have one."""
    for views in AREAS:
        name = views.rsplit(".", 1)[0] + "." + suffix
        if importlib.util.find_spec(name) is not None:
            yield importlib.import_module(name)
