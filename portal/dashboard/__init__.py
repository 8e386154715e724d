"""The personal dashboard ``/mijn``: sections contributed by each area, per role."""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    from portal.dashboard import views  # noqa: PLC0415  (the area, once the app exists)

    app.register_blueprint(views.bp)
