"""Techniek Flevoland portal: the application factory.

``create_app`` reads as the list of steps that make the portal; each step lives
next to what it registers. The feature areas are wired in ``portal/areas.py``.
"""

from __future__ import annotations

import os
from pathlib import Path

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix
from werkzeug.routing import IntegerConverter

from portal import areas, database, errors, i18n, pagecache, security, templating, web
from portal.config import Defaults, check_production
from portal.demo.cli import seed_demo
from portal.extensions import bootstrap, csrf, limiter, login_manager, mail, migrate


def create_app(config: dict | None = None) -> Flask:
    app = Flask(__name__, instance_relative_config=True)
    load_config(app, config)
    register_extensions(app)
    register_areas(app)
    register_request_hooks(app)
    register_cli(app)
    return app


def load_config(app: Flask, overrides: dict | None) -> None:
    app.config.from_object(Defaults)
    app.config.from_pyfile("config.py", silent=True)
    app.config.from_prefixed_env("PORTAL")
    if overrides:
        app.config.update(overrides)
    instance = Path(app.instance_path)
    instance.mkdir(parents=True, exist_ok=True)
    defaults = {
        "SQLALCHEMY_DATABASE_URI": f"sqlite:///{instance / 'portal.sqlite3'}",
        "UPLOAD_DIR": str(instance / "uploads"),
        "SEARCH_INDEX_DIR": str(instance / "search-index"),
        "MAIL_FILE_DIR": str(instance / "mail"),
    }
    for key, value in defaults.items():
        if not app.config.get(key):
            app.config[key] = value
    app.config.setdefault("BABEL_TRANSLATION_DIRECTORIES", os.path.join(app.root_path, "translations"))
    check_production(app.config)


def register_extensions(app: Flask) -> None:
    database.init_app(app)
    pagecache.init_app(app)
    # Ids beyond a 64-bit integer are a 404, not a database error.
    app.url_map.converters["int"] = BoundedIntConverter
    migrations = str(Path(app.root_path).parent / "migrations")
    migrate.init_app(app, database.db, render_as_batch=True, directory=migrations)
    csrf.init_app(app)
    mail.init_app(app)
    bootstrap.init_app(app)
    i18n.init_app(app)
    limiter.init_app(app)
    login_manager.init_app(app)


def register_areas(app: Flask) -> None:
    """Every feature area, in the order of ``portal/areas.py`` (blueprints, commands, plugs)."""
    areas.init_app(app)


def register_request_hooks(app: Flask) -> None:
    if app.config.get("PROXY_COUNT"):
        # The client's IP (rate limits per IP) and https come from the proxy's headers.
        count = app.config["PROXY_COUNT"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=count, x_proto=count)  # type: ignore[method-assign]

    security.init_app(app)
    errors.init_app(app)
    web.init_app(app)
    templating.init_app(app)


def register_cli(app: Flask) -> None:
    """Area commands come with their areas; the demo data is not an area."""
    app.cli.add_command(seed_demo)


class BoundedIntConverter(IntegerConverter):
    """``<int:id>`` that only matches what a database integer can hold."""

    def __init__(self, url_map, *args, **kwargs):
        kwargs.setdefault("max", 2**63 - 1)
        super().__init__(url_map, *args, **kwargs)
