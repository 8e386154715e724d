"""The --loop worker keeps going through database outages and stops when asked."""

from __future__ import annotations

import logging
import threading

from sqlalchemy.exc import OperationalError

from portal.mail.delivery import BatchResult, deliver_batch
from portal.mail.worker import run_worker
from tests.clock import flask_command


def test_a_database_outage_does_not_kill_the_worker(app, db, queue, caplog):
    queue("a@example.org")
    db.session.commit()
    stop = threading.Event()
    calls = []

    def flaky_deliver(batch_size: int) -> BatchResult:
        calls.append(batch_size)
        if len(calls) == 1:
            raise OperationalError("SELECT 1", {}, Exception("server closed the connection"))
        result = deliver_batch(batch_size)
        stop.set()
        return result

    with caplog.at_level(logging.INFO, logger="portal.mail"):
        run_worker(stop, batch_size=5, interval=0.01, deliver=flaky_deliver)

    assert len(calls) == 2  # it tried again after the outage
    assert "mail batch failed" in caplog.text
    assert "mail batch: claimed 1, sent 1" in caplog.text
    assert "mail worker stopped" in caplog.text


def test_the_worker_stops_when_the_stop_event_is_set(app):
    stop = threading.Event()
    stop.set()
    run_worker(stop, interval=60, deliver=lambda n: (_ for _ in ()).throw(AssertionError("ran")))


def test_a_stop_request_during_a_batch_gives_the_unsent_rows_back(app, db, queue):
    """SIGTERM mid-batch: the message being sent finishes, the rest waits for the next run."""
    from flask_mail import email_dispatched

    from portal.extensions import mail
    from portal.models import OutboxMail

    rows = [queue(f"d{n}@example.org") for n in range(3)]
    db.session.commit()
    stop = threading.Event()

    def stop_after_first(*args, **kwargs):
        stop.set()

    email_dispatched.connect(stop_after_first)
    try:
        with mail.record_messages() as sent:
            result = deliver_batch(10, stop=stop)
    finally:
        email_dispatched.disconnect(stop_after_first)

    assert (result.claimed, result.sent) == (1, 1) and len(sent) == 1
    db.session.expire_all()
    statuses = sorted(
        (db.session.get(OutboxMail, r.id).status, db.session.get(OutboxMail, r.id).attempts) for r in rows
    )
    assert statuses == [("pending", 0), ("pending", 0), ("sent", 1)]


def test_the_loop_command_delivers_and_stops_cleanly_on_sigterm(app, db, queue, tmp_path):
    import os
    import signal
    import subprocess
    import time
    from pathlib import Path

    row = queue("a@example.org")
    db.session.commit()
    mail_dir = Path(app.config["MAIL_FILE_DIR"])
    env = dict(
        os.environ,
        PORTAL_SQLALCHEMY_DATABASE_URI=app.config["SQLALCHEMY_DATABASE_URI"],
        PORTAL_MAIL_FILE_DIR=str(mail_dir),
        PORTAL_MAIL_SERVER="",
    )
    command = flask_command("--app", "portal", "mail", "deliver", "--loop", "--interval", "0.2")
    worker = subprocess.Popen(command, env=env, stderr=subprocess.PIPE, text=True)
    try:
        for _ in range(300):  # wait (at most ~30 s) for the mail to arrive
            if list(mail_dir.glob(f"*-{row.id}-mail_test.eml")) or worker.poll() is not None:
                break
            time.sleep(0.1)
        worker.send_signal(signal.SIGTERM)
        _out, err = worker.communicate(timeout=30)
    finally:
        if worker.poll() is None:
            worker.kill()

    assert worker.returncode == 0, err
    assert "mail batch: claimed 1, sent 1" in err
    assert "mail worker stopped" in err
