"""Offers area: what providers publish (guest lessons, visits, materials...), its slots,
files and lifecycle. Public page ``/aanbod/<id>-<slug>``, provider pages under ``/aanbod``
and ``/mijn/aanbod``."""

from __future__ import annotations

from flask import Flask

from portal.plugs import plugs


def init_app(app: Flask) -> None:
    """Offer pages and management, ``flask offers ...``, home and /mijn sections, and the
    removal of a file's bytes after the commit that removed it."""
    # views.py makes the ``offers`` blueprint; views_manage adds its routes to it.
    from portal.offers import (  # noqa: PLC0415, F401  (the area, once the app exists)
        cli,
        dashboard,
        home,
        uploads,
        venue,
        views,
        views_manage,
    )

    app.register_blueprint(views.bp)
    uploads.init_app(app)
    # Where it happens, in every template and mail: ``venue(offer, school).label``.
    app.jinja_env.globals["venue"] = venue.venue
    app.cli.add_command(cli.offers_group)
    plugs(app).add_section("offers-mine", {"provider"}, 20, dashboard.my_offers)
    plugs(app).add_home_section(10, "offers/_home_section.html", home.featured)
    plugs(app).add_home_section(20, "offers/_home_section.html", home.recent)
