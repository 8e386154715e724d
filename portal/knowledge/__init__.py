"""Kennisbank: articles, good practices and lesson ideas by coordinators, teachers and
providers, moderated and versioned like offers, linked both ways with offers
(blueprint ``knowledge``, ``/kennisbank``)."""

from __future__ import annotations

from flask import Flask

from portal.plugs import plugs


def init_app(app: Flask) -> None:
    """The pages, ``flask kennisbank ...``, /mijn sections, AVG export and erasure, and the
    "In de kennisbank" block of the offer page (``articles_about(offer)`` in templates) and
    the line on /aanbod that finds the same words in the kennisbank (``also_in_kennisbank``)."""
    # views.py makes the ``knowledge`` blueprint; views_review adds its routes to it.
    from portal.knowledge import (  # noqa: PLC0415, F401  (the area, once the app exists)
        cli,
        dashboard,
        export,
        queries,
        views,
        views_review,
    )

    app.register_blueprint(views.bp)
    app.cli.add_command(cli.group)
    app.jinja_env.globals["articles_about"] = queries.articles_about
    app.jinja_env.globals["also_in_kennisbank"] = queries.also_in_kennisbank
    plugs(app).add_section(
        "knowledge-mine", {"teacher", "provider", "coordinator", "admin"}, 60, dashboard.my_articles
    )
    plugs(app).add_section("knowledge-review", {"coordinator", "admin"}, 15, dashboard.review_waiting)
    plugs(app).exporters.append(export.export_articles)
    plugs(app).erasers.append(export.erase_articles)
