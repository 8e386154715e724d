"""Shared fixtures: the frozen clock, app, client, db, runner, login_as(role), factories,
both databases.

Every test runs on a fixed date (``frozen_clock``, see ``tests/clock.py``), and gets a fresh
database: a SQLite file in its tmp dir, or (for tests marked ``both_databases`` /
``postgres``) the PostgreSQL database named by ``PORTAL_TEST_DATABASE_URL``, emptied
between tests.
"""

from __future__ import annotations

import os
from zoneinfo import ZoneInfo

import pytest
import time_machine
from argon2 import PasswordHasher
from flask import g, request_started
from flask.testing import FlaskClient
from flask_login.utils import _create_identifier
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

import portal.models.accounts as accounts_model
from portal import create_app
from portal.accounts import sessions
from portal.extensions import db as _db
from portal.reference_data import load_reference_data
from tests import clock, factories

REQUIRE_POSTGRES = os.environ.get("REQUIRE_POSTGRES") == "1"
_PG_BASE_URL = os.environ.get("PORTAL_TEST_DATABASE_URL")
# pytest-xdist runs the suite in several processes: each gets a database of its own, named
# after the given one ("<name>_gw0", ...), made when first needed and dropped at the end.
_XDIST_WORKER = os.environ.get("PYTEST_XDIST_WORKER")
PG_URL = (
    make_url(_PG_BASE_URL)
    .set(database=f"{make_url(_PG_BASE_URL).database}_{_XDIST_WORKER}")
    .render_as_string(hide_password=False)
    if _PG_BASE_URL and _XDIST_WORKER
    else _PG_BASE_URL
)
_pg_database_made = False


def _admin_engine():
    url = make_url(PG_URL).set(database="postgres")
    if url.drivername == "postgresql":
        url = url.set(drivername="postgresql+psycopg")
    return create_engine(url, isolation_level="AUTOCOMMIT")


def _make_worker_database() -> None:
    global _pg_database_made
    if _pg_database_made or PG_URL == _PG_BASE_URL:
        return
    engine = _admin_engine()
    with engine.connect() as conn:
        name = make_url(PG_URL).database
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    engine.dispose()
    _pg_database_made = True


def pytest_sessionfinish(session, exitstatus):
    if _pg_database_made:
        engine = _admin_engine()
        with engine.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{make_url(PG_URL).database}" WITH (FORCE)'))
        engine.dispose()


# argon2id with the cheapest parameters: the hashing is the same code, just faster.
accounts_model._hasher = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)


@pytest.fixture(autouse=True)
def frozen_clock():
    """Travel to ``clock.NOW`` for the whole test, fixtures included (autouse fixtures start
    first). It ticks, so timeouts and rate-limit windows still see time pass; the process's
    local zone is UTC while travelling. Move further with the ``time_machine`` fixture."""
    with time_machine.travel(clock.NOW.astimezone(ZoneInfo("UTC")), tick=True) as traveller:
        yield traveller


def pytest_report_header(config):
    return f"frozen clock: {clock.NOW.isoformat()} (PORTAL_TEST_NOW, see tests/clock.py)"


def pytest_generate_tests(metafunc):
    if "backend" not in metafunc.fixturenames:
        return
    if metafunc.definition.get_closest_marker("both_databases"):
        metafunc.parametrize("backend", ["sqlite", "postgres"], indirect=True)
    elif metafunc.definition.get_closest_marker("postgres"):
        metafunc.parametrize("backend", ["postgres"], indirect=True)


@pytest.fixture
def backend(request):
    return getattr(request, "param", "sqlite")


def require_postgres() -> str:
    if not PG_URL:
        if REQUIRE_POSTGRES:
            pytest.fail("REQUIRE_POSTGRES=1 but PORTAL_TEST_DATABASE_URL is not set")
        pytest.skip("PostgreSQL not configured: set PORTAL_TEST_DATABASE_URL to run this test")
    _make_worker_database()
    return PG_URL


def base_config(tmp_path, database_url: str) -> dict:
    return {
        "TESTING": True,
        "SECRET_KEY": "test-secret-key-that-is-long-enough-0123456789",
        "SQLALCHEMY_DATABASE_URI": database_url,
        "WTF_CSRF_ENABLED": False,
        "RATELIMIT_ENABLED": False,
        "MAIL_SUPPRESS_SEND": True,
        "MAIL_FILE_DIR": str(tmp_path / "mail"),
        "UPLOAD_DIR": str(tmp_path / "uploads"),
        "SEARCH_INDEX_DIR": str(tmp_path / "search-index"),
        "SERVER_NAME": "portal.test",
        "SITE_URL": "http://portal.test",
    }


_pg_schema_ready = False


def _reset_postgres(app) -> None:
    global _pg_schema_ready
    with app.app_context():
        if not _pg_schema_ready:
            _db.drop_all()
            _db.create_all()
            _pg_schema_ready = True
        tables = ", ".join(f'"{t.name}"' for t in _db.metadata.sorted_tables)
        _db.session.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
        _db.session.commit()


@pytest.fixture
def app_config(tmp_path, backend):
    """The config dict for ``create_app``; override in a test module to change it."""
    url = require_postgres() if backend == "postgres" else f"sqlite:///{tmp_path / 'test.sqlite3'}"
    return base_config(tmp_path, url)


class BufferedClient(FlaskClient):
    """A test client that reads each response whole and closes it, as a WSGI server would:
    a file sent with ``send_file`` is closed at once, not left open for the garbage collector
    (a ResourceWarning, which fails the test)."""

    def open(self, *args, buffered=True, **kwargs):
        return super().open(*args, buffered=buffered, **kwargs)


@pytest.fixture
def app(app_config, backend):
    app = create_app(app_config)
    app.test_client_class = BufferedClient
    if backend == "postgres":
        _reset_postgres(app)
    # The test body holds one app context; requests would otherwise share its ``g``
    # (Flask-Login's user, Flask-Babel's locale). Each request starts with a clean ``g``.
    request_started.connect(_clear_g, app)
    with app.app_context():
        if backend != "postgres":
            _db.create_all()
        load_reference_data(_db.session)
        _db.session.commit()
        yield app
        _db.session.remove()
        _db.engine.dispose()  # close the pool's connections now, not when collected


def _clear_g(sender, **extra):
    g.__dict__.clear()


@pytest.fixture
def db(app):
    return _db


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def make(db):
    """Factories bound to the test database: ``make.user("teacher")``, ``make.offer()``..."""
    return factories.Factories(db.session)


def log_in_client(client, user) -> None:
    """Put ``user`` into the session of ``client``, as Flask-Login would after a login: a
    login session the server can end (``sessions.start``), committed."""
    with client.application.test_request_context(environ_base=client.environ_base):
        identifier = _create_identifier()  # what "strong" session protection expects
    sessions.start(user)
    _db.session.commit()
    with client.session_transaction() as session:
        session["_user_id"] = user.get_id()
        session["_fresh"] = True
        session["_id"] = identifier


@pytest.fixture
def login_as(client, make):
    """Log the test client in as a new (or given) user: ``login_as("provider")``."""

    def login(role_or_user="teacher", **kwargs):
        user = role_or_user if not isinstance(role_or_user, str) else make.user(role_or_user, **kwargs)
        _db.session.commit()
        log_in_client(client, user)
        return user

    return login


@pytest.fixture
def client_for(app):
    """A separate test client logged in as ``user``: one client per person in a test."""

    def build(user):
        _db.session.commit()
        other = app.test_client()
        log_in_client(other, user)
        return other

    return build
