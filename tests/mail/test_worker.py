"""The --loop worker keeps going through database outages and stops when asked."""
from __future__ import annotations

import logging
import threading

from sqlalchemy.exc import OperationalError

from portal.mail.delivery import BatchResult, deliver_batch
from portal.mail.worker import run_worker


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
