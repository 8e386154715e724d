"""Database binding: engine settings per dialect, the health check and Alembic's view of
the schema. (The one commit per request is ``portal.web``'s.)"""

from __future__ import annotations

import contextlib

from flask import Flask
from sqlalchemy import event, text
from sqlalchemy.engine import Engine

import portal.models  # noqa: F401  (register every model on the metadata)
from portal.extensions import db

__all__ = ["db", "init_app", "is_reachable"]


def init_app(app: Flask) -> None:
    uri = app.config["SQLALCHEMY_DATABASE_URI"]
    if uri.startswith("postgres://"):  # Heroku-style URLs name the old scheme
        uri = "postgresql://" + uri.removeprefix("postgres://")
    if uri.startswith("postgresql://"):
        uri = "postgresql+psycopg://" + uri.removeprefix("postgresql://")
    app.config["SQLALCHEMY_DATABASE_URI"] = uri
    # Copy: the default dict lives on the Defaults class and must not leak between apps.
    options = dict(app.config.get("SQLALCHEMY_ENGINE_OPTIONS") or {})
    if uri.startswith("sqlite"):
        options["connect_args"] = {"timeout": 30, **options.get("connect_args", {})}
    else:
        options.setdefault("pool_pre_ping", True)
    app.config["SQLALCHEMY_ENGINE_OPTIONS"] = options
    # Every engine (the app's, and those that tools make from its URL) gets the SQLite
    # settings; attached here, once per process, not when the module is imported.
    if not event.contains(Engine, "connect", _sqlite_pragmas):
        event.listen(Engine, "connect", _sqlite_pragmas)
    db.init_app(app)


def is_reachable() -> bool:
    """The database answers (for ``/healthz``); a failed query leaves a usable session."""
    try:
        db.session.execute(text("SELECT 1"))
        return True
    except Exception:
        db.session.rollback()
        return False


def _sqlite_pragmas(dbapi_connection, connection_record):
    """SQLite: enforce foreign keys, let readers work beside a writer (WAL), wait for locks."""
    module = type(dbapi_connection).__module__
    if not module.startswith("sqlite3"):
        return
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    with contextlib.suppress(Exception):  # in-memory databases keep their own journal mode
        cursor.execute("PRAGMA journal_mode=WAL")
    cursor.close()


# PostgreSQL search objects made by portal.search.backends.pg_ddl (migrations 0003, 0011), not by
# the models: Alembic's autogenerate must neither drop them nor report them as drift.
UNMANAGED_SCHEMA_OBJECTS = {
    ("column", "tsv"),
    ("index", "ix_search_document_tsv"),
    ("index", "ix_search_word_trgm"),
    ("column", "tsv_head"),
    ("index", "ix_search_facet_tags"),
    ("index", "ix_search_document_tsv_head"),
}


def include_object(obj, name, type_, reflected, compare_to) -> bool:
    """Alembic ``include_object`` hook: skip the unmanaged objects above."""
    return not (reflected and compare_to is None and (type_, name) in UNMANAGED_SCHEMA_OBJECTS)
