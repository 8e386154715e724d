"""The real portal served over HTTP for browser journeys.

``LiveServer`` builds the app with ``create_app`` (SQLite file, real CSRF, mail to the
SMTP sink), serves it with werkzeug in a background thread on a free port, and
delivers queued outbox mail on demand (``deliver_mail``).
"""

from __future__ import annotations

import threading
from pathlib import Path

from werkzeug.serving import WSGIRequestHandler, make_server

from portal import create_app
from portal.extensions import db
from portal.reference_data import load_reference_data


def live_config(tmp_path: Path, smtp_host: str, smtp_port: int) -> dict:
    """The config of a live portal: like production, except rate limits and secrets."""
    return {
        "TESTING": False,
        "SECRET_KEY": "browser-test-secret-key-that-is-long-enough-0123456789",
        "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'live.sqlite3'}",
        "WTF_CSRF_ENABLED": True,
        "RATELIMIT_ENABLED": False,
        "MAIL_SERVER": smtp_host,
        "MAIL_PORT": smtp_port,
        "MAIL_USE_TLS": False,
        "MAIL_USE_SSL": False,
        "MAIL_SUPPRESS_SEND": False,
        "MAIL_RETRY_BASE_SECONDS": 0,
        "MAIL_FILE_DIR": str(tmp_path / "mail"),
        "UPLOAD_DIR": str(tmp_path / "uploads"),
        "SEARCH_INDEX_DIR": str(tmp_path / "search-index"),
    }


def seed(session, what: str) -> None:
    """``"demo"``: the whole demo (all areas' steps); ``"accounts"``: demo schools,
    companies and logins only; ``"none"``: reference data only."""
    load_reference_data(session)
    if what == "demo":
        from portal.demo import run_steps

        run_steps(session)
    elif what == "accounts":
        from portal.demo.accounts import seed_accounts

        seed_accounts(session, {})
    session.commit()


class _QuietHandler(WSGIRequestHandler):
    def log_request(self, *args, **kwargs) -> None:  # keep test output readable
        pass


class LiveServer:
    def __init__(self, config: dict, seed_what: str = "demo") -> None:
        self.app = create_app(config)
        self._mail_lock = threading.Lock()
        with self.app.app_context():
            db.create_all()
            seed(db.session, seed_what)
        self._server = make_server("127.0.0.1", 0, self.app, threaded=True, request_handler=_QuietHandler)
        self.port = self._server.server_port
        self.url = f"http://127.0.0.1:{self.port}"
        self.app.config["SITE_URL"] = self.url
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True, name="live-portal")

    def start(self) -> LiveServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._thread.join(timeout=10)
        with self.app.app_context():
            db.session.remove()
            db.engine.dispose()

    def __call__(self, path: str = "/") -> str:
        """The absolute URL of ``path`` on this server: ``live_server("/inloggen")``."""
        return self.url + path

    def deliver_mail(self) -> int:
        """Send every due outbox row to the SMTP sink, like ``flask mail deliver`` does."""
        with self._mail_lock, self.app.app_context():
            return _deliver(self.app)


def _deliver(app) -> int:
    """One run of the real outbox worker (``flask --app portal mail deliver``)."""
    from portal.mail.delivery import deliver_all_due

    return deliver_all_due().sent
