"""The search backend of this application: Whoosh or PostgreSQL (``SEARCH_BACKEND``).

Created once per app on first use and kept (opening a Whoosh index per request costs
~50 ms). The PostgreSQL backend does not need Whoosh, so Whoosh is imported only when
chosen: one of the few deferred imports in the portal.
"""

from __future__ import annotations

from flask import Flask, current_app

from portal.extensions import db
from portal.search import synonyms
from portal.search.backends.base import Backend


def init_app(app: Flask) -> None:
    app.extensions["portal_search"] = {"backend": None}


def _make_backend(app: Flask) -> Backend:
    if app.config.get("SEARCH_BACKEND", "whoosh") == "postgres":
        from portal.search.backends.postgres import PostgresBackend  # noqa: PLC0415  (optional)

        return PostgresBackend(db.engine)
    from portal.search.backends.whoosh_backend import WhooshBackend  # noqa: PLC0415  (optional)

    return WhooshBackend(
        app.config["SEARCH_INDEX_DIR"], writer_timeout=float(app.config.get("SEARCH_WRITER_TIMEOUT", 10))
    )


def get_backend() -> Backend:
    state = current_app.extensions["portal_search"]
    if state["backend"] is None:
        backend = _make_backend(current_app)
        backend.synonyms = synonyms.expansions
        state["backend"] = backend
    return state["backend"]
