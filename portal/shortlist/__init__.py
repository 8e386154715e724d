"""Short list ("bewaard"): anyone logged in keeps offers to come back to and compares two or
three side by side. Pages ``/bewaard`` and ``/bewaard/vergelijken``; the "Bewaren" button
(``shortlist/_toggle.html``) sits on offer cards and the offer page."""

from __future__ import annotations

from flask import Flask

from portal.plugs import plugs

EVERY_ROLE = {"teacher", "provider", "coordinator", "admin"}


def init_app(app: Flask) -> None:
    """The short-list pages and button helpers, its /mijn section and its part of the AVG
    export and deletion."""
    from portal.shortlist import (  # noqa: PLC0415  (the area, once the app exists)
        dashboard,
        export,
        views,
    )

    app.register_blueprint(views.bp)
    plugs(app).add_section("shortlist", EVERY_ROLE, 30, dashboard.saved_section)
    plugs(app).exporters.append(export.export_saved)
    plugs(app).erasers.append(export.erase_saved)
