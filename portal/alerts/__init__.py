"""Saved searches ("zoekopdrachten"): a person saves an /aanbod search and is mailed its new
offers daily or weekly. Pages ``/mijn/zoekopdrachten`` and the unsubscribe link
``/zoekopdrachten/afmelden/<token>``; the save form (``alerts/_save_search.html``) sits on
/aanbod; ``flask --app portal alerts send`` queues the digests."""

from __future__ import annotations

from flask import Flask

from portal.plugs import plugs

EVERY_ROLE = {"teacher", "provider", "coordinator", "admin"}


def init_app(app: Flask) -> None:
    """The pages, the command, the /mijn section and the part of the AVG export and deletion."""
    from portal.alerts import (  # noqa: PLC0415  (the area, once the app exists)
        cli,
        dashboard,
        export,
        views,
    )

    app.register_blueprint(views.bp)
    app.cli.add_command(cli.alerts_group)
    plugs(app).add_section("saved-searches", EVERY_ROLE, 35, dashboard.searches_section)
    plugs(app).exporters.append(export.export_searches)
    plugs(app).erasers.append(export.erase_searches)
