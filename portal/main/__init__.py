"""Site-wide pages: home, health check, language choice, static information."""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    from portal.main import views  # noqa: PLC0415  (the area, once the app exists)

    app.register_blueprint(views.bp)
