"""Bookings: teachers book offers, providers answer, both sides are kept informed.

``services`` holds the state machine, ``capacity`` the never-overbooked rule, ``waitlist``
the waiting lists and ``freed_places`` where a freed place goes, ``errors`` the refusals,
``notify`` the mails, ``ics`` the calendar files, ``jobs`` what ``flask --app portal
bookings remind`` / ``complete-past`` do.
"""

from __future__ import annotations

from flask import Flask

from portal.plugs import plugs


def init_app(app: Flask) -> None:
    """Booking pages, calendars, ``flask bookings ...``, /mijn sections, the provider's
    navigation badge and the bookings part of the AVG export."""
    from portal.bookings import (  # noqa: PLC0415  (the area, once the app exists)
        cli,
        dashboard,
        export,
        queries,
        views,
        views_calendar,  # noqa: F401  (adds the calendar routes to ``views.bp``)
    )

    app.register_blueprint(views.bp)
    app.cli.add_command(cli.bookings_group)
    plugs(app).add_section("bookings-provider", {"provider"}, 10, dashboard.provider_section)
    plugs(app).add_section("bookings-teacher", {"teacher"}, 10, dashboard.teacher_section)
    plugs(app).nav_badges["dashboard"] = queries.awaiting_provider_count
    plugs(app).exporters.append(export.export_bookings)
