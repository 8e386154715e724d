"""Moderation: the coordinators' and admins' ``/beheer`` pages, taxonomy, import, digest."""

from __future__ import annotations

from flask import Flask

from portal.offers.cli import offers_group
from portal.plugs import plugs


def init_app(app: Flask) -> None:
    """``/beheer`` (queue, review, organisations, taxonomy), ``flask moderation digest``,
    ``flask offers import``, the coordinator's /mijn section and navigation badge."""
    # views.py makes the ``moderation`` blueprint; the other view modules add routes to it.
    from portal.moderation import (  # noqa: PLC0415, F401  (the area, once the app exists)
        cli,
        dashboard,
        importer,
        organisation_views,
        services,
        taxonomy_views,
        views,
    )

    app.register_blueprint(views.bp)
    app.cli.add_command(cli.moderation_group)
    offers_group.add_command(importer.import_offers)
    plugs(app).add_section("moderation-waiting", {"coordinator", "admin"}, 5, dashboard.waiting)
    plugs(app).nav_badges["moderation"] = services.waiting_count
