"""Per-process caches for public pages, never stale: keyed on the data version.

Why: the home page and ``/aanbod`` cost 10-100x a hello-world request, mostly in loading
offers and rendering the same cards again for every visitor. What repeats per request is
kept per process, keyed on a version that changes whenever the data behind it changes:

- ``data_version()``: the ``data_version`` row (``portal/models/versions.py``). Every
  database transaction that writes to a table outside ``PRIVATE_TABLES`` bumps it in the same
  transaction, right before its commit (an engine-level hook, so ORM flushes, bulk
  statements and Core ``UPDATE``s all count). The search index counts too: PostgreSQL's index
  lives in tables, and the Whoosh queue rows are marked done only after the index took
  the change. A query reads the version at most once per request (``flask.g``).
- ``versioned(name, build)``: a value built from the database (facet labels, municipality
  lists) reused while the version and the language stay the same.
- ``anonymous_page``: whole pages for visitors who are not logged in, keyed on the URL, the
  language, the data version and the current minute (cards show "next dates" from now on;
  slots start on whole minutes). Never used for a logged-in person, a request with flashed
  messages, or a page that says its search failed (``skip()``); the visitor's own CSRF token
  is put back into the cached page. No cache at all while search changes wait in the queue.
"""

from __future__ import annotations

import re
import secrets
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import wraps
from typing import Any

from flask import Flask, Response, current_app, g, request, session
from flask_babel import get_locale
from flask_login import current_user
from flask_wtf.csrf import generate_csrf
from sqlalchemy import event, insert, text
from sqlalchemy.engine import Engine

from portal.extensions import db
from portal.models.base import local_now
from portal.models.versions import DataVersion

# Writes to these never change a public page (logins, mail, the version itself).
PRIVATE_TABLES = frozenset({"data_version", "user_session", "outbox_mail", "alembic_version"})
_WRITE = re.compile(r'^\s*(?:INSERT\s+(?:OR\s+\w+\s+)?INTO|UPDATE|DELETE\s+FROM)\s+"?(\w+)', re.IGNORECASE)
_OTHER_WRITE = re.compile(r"^\s*(?:WITH\b.*\b(?:INSERT|UPDATE|DELETE)\b|TRUNCATE|MERGE)", re.I | re.S)
_BUMP = "UPDATE data_version SET version = version + 1 WHERE id = 1"
_monotonic = time.monotonic  # tests move it
_CSRF_MARK = "\x00csrf\x00"
_DIRTY = "portal_data_changed"
_PAUSED = "portal_data_version_paused"
# Plain SQL: built once, no expression to compile per request.
_VERSION = text(
    "SELECT version, NOT EXISTS (SELECT 1 FROM search_queue WHERE done_at IS NULL) "
    "FROM data_version WHERE id = 1"
)


# -- the version ---------------------------------------------------------------------
def _note_write(conn, cursor, statement, parameters, context, executemany) -> None:
    if conn.info.get(_PAUSED):
        return
    if _changes_public_data(statement):
        conn.info[_DIRTY] = True


def _changes_public_data(statement: str) -> bool:
    match = _WRITE.match(statement)
    if match:
        return match.group(1).lower() not in PRIVATE_TABLES
    return bool(_OTHER_WRITE.match(statement))  # WITH ... UPDATE, TRUNCATE, MERGE: whatever they touch


def _bump_before_commit(conn) -> None:
    if conn.info.pop(_DIRTY, False):
        cursor = conn.connection.cursor()  # the same transaction, without SQLAlchemy's events
        try:
            cursor.execute(_BUMP)
        finally:
            cursor.close()


def _forget(conn) -> None:
    conn.info.pop(_DIRTY, None)


def _first_row(target, connection, **kw) -> None:
    # A random start: a database made again under a running process (tests) never repeats
    # the versions of the one before it.
    connection.execute(insert(target).values(id=1, version=secrets.randbelow(2**40)))


@contextmanager
def paused(connection) -> Iterator[None]:
    """Writes on ``connection`` do not count: Alembic's, before the version table exists.
    (Web processes start after a migration, with empty caches.)"""
    connection.info[_PAUSED] = True
    try:
        yield
    finally:
        connection.info.pop(_PAUSED, None)
        connection.info.pop(_DIRTY, None)


def init_app(app: Flask) -> None:
    """Count writes on every engine (once per process); this app's empty caches."""
    app.extensions["portal_pagecache"] = _Caches()
    if not event.contains(DataVersion.__table__, "after_create", _first_row):  # create_all: tests, bench
        event.listen(DataVersion.__table__, "after_create", _first_row)
    for name, listener in (
        ("before_cursor_execute", _note_write),
        ("commit", _bump_before_commit),
        ("rollback", _forget),
    ):
        if not event.contains(Engine, name, listener):
            event.listen(Engine, name, listener)


def data_version() -> tuple[int, bool] | None:
    """(version, index up to date), read once per request; None without the version row."""
    if "data_version" not in g:
        row = db.session.execute(_VERSION).first()
        g.data_version = (row[0], bool(row[1])) if row else None
    return g.data_version


# -- values built from the database ----------------------------------------------------
class _Caches:
    """One app's caches (tests make many apps in one process)."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.values: dict[str, tuple[Any, Any]] = {}
        self.pages: OrderedDict[tuple, tuple[bytes, str]] = OrderedDict()
        self.seen: tuple[int, float] = (-1, 0.0)  # the newest data version, first seen when


def _caches() -> _Caches:
    return current_app.extensions["portal_pagecache"]


def versioned(name: str, build: Callable[[], Any]) -> Any:
    """``build()``, reused in this process while the data version and language stay."""
    version = data_version()
    if version is None:
        return build()
    key = (version[0], str(get_locale()))
    caches = _caches()
    cached = caches.values.get(name)
    if cached is not None and cached[0] == key:
        return cached[1]
    value = build()
    with caches.lock:
        caches.values[name] = (key, value)
    return value


# -- whole pages for anonymous visitors ----------------------------------------------


def skip() -> None:
    """This answer must not be cached (e.g. the search failed)."""
    g.pagecache_skip = True


def _page_key() -> tuple | None:
    if current_user.is_authenticated or session.get("_flashes"):
        return None
    version = data_version()
    if version is None or not version[1]:  # no version row, or the index is catching up
        return None
    minute = local_now().replace(second=0, microsecond=0)  # cards show dates from now on
    return (request.endpoint, request.full_path, str(get_locale()), version[0], minute)


def anonymous_page(view: Callable) -> Callable:
    """Serve ``view``'s page from this process's cache for visitors who are not logged in."""

    @wraps(view)
    def cached_view(*args, **kwargs):
        key = _page_key()
        if key is None:
            return view(*args, **kwargs)
        hit = _caches().pages.get(key)
        if hit is not None:
            body, mimetype = hit
            return Response(body.replace(_CSRF_MARK.encode(), generate_csrf().encode()), mimetype=mimetype)
        response = view(*args, **kwargs)
        if isinstance(response, str):
            response = Response(response)
        if isinstance(response, Response) and response.status_code == 200 and not g.get("pagecache_skip"):
            _store(key, response)
        return response

    return cached_view


def _settled(caches: _Caches, version: int) -> bool:
    """Has ``version`` stood for ``PAGE_CACHE_SETTLE_SECONDS`` in this process? Until then
    pages are built fresh: what follows the database within seconds (the search synonyms of
    other processes) has caught up by then."""
    now = _monotonic()
    if caches.seen[0] != version:
        caches.seen = (version, now)
    return now - caches.seen[1] >= current_app.config["PAGE_CACHE_SETTLE_SECONDS"]


def _store(key: tuple, response: Response) -> None:
    caches = _caches()
    limit = current_app.config["PAGE_CACHE_ENTRIES"]
    if limit <= 0 or not _settled(caches, key[3]):
        return
    body = response.get_data()
    token = g.get("csrf_token")  # Flask-WTF keeps the token it rendered for this request
    if token:
        body = body.replace(str(token).encode(), _CSRF_MARK.encode())
    with caches.lock:
        caches.pages[key] = (body, response.mimetype or "text/html")
        while len(caches.pages) > limit:
            caches.pages.popitem(last=False)
