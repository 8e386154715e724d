"""The feature areas, in URL-precedence order: the one place that wires them in.

Each area is a package under ``portal/`` whose ``__init__.py`` exposes ``init_app(app)``.
That function registers everything the area adds to the application, and nothing does so
at import time: its blueprint, its CLI commands, and what it adds to other areas' pages
through ``portal.plugs`` (dashboard and home sections, navigation badges, AVG exporters and
erasers, health checks, search hooks). See docs/ARCHITECTURE.md, "How to add an area".
"""

from __future__ import annotations

from flask import Flask

from portal import (
    accounts,
    alerts,
    api,
    bookings,
    dashboard,
    knowledge,
    mail,
    main,
    moderation,
    offers,
    plugs,
    reports,
    requests,
    search,
    shortlist,
)

AREAS = (
    main,
    accounts,
    dashboard,
    mail,
    offers,
    moderation,
    search,
    bookings,
    requests,
    shortlist,
    knowledge,
    alerts,
    reports,
    api,
)


def init_app(app: Flask) -> None:
    plugs.init_app(app)
    for area in AREAS:
        area.init_app(app)
