"""The long-running worker loop behind ``flask --app portal mail deliver --loop``.

It sends batch after batch while mail is due, sleeps ``interval`` seconds when idle,
survives database and SMTP outages (logs, waits, tries again) and stops cleanly on
SIGTERM/SIGINT after the message it is sending.
"""

from __future__ import annotations

import contextlib
import logging
import signal
import threading
from collections.abc import Callable

from portal.extensions import db
from portal.mail.delivery import BatchResult, deliver_batch

log = logging.getLogger("portal.mail")


def run_worker(
    stop: threading.Event,
    batch_size: int = 10,
    interval: float = 5.0,
    deliver: Callable[[int], BatchResult] | None = None,
) -> None:
    """Loop until ``stop`` is set. Needs an app context."""
    deliver = deliver or (lambda n: deliver_batch(n, stop=stop))
    log.info("mail worker started (batch %s, interval %ss)", batch_size, interval)
    while not stop.is_set():
        result = _one_round(deliver, batch_size)
        if result is not None and result.claimed:
            log.info("mail batch: %s", result)
        if result is None or result.claimed < batch_size:
            stop.wait(interval)  # idle, or the database is away: wait, then try again
    log.info("mail worker stopped")


def _one_round(deliver, batch_size: int) -> BatchResult | None:
    try:
        return deliver(batch_size)
    except Exception:  # a database outage must not kill the worker
        log.exception("mail batch failed; retrying later")
        _reset_session()
        return None


def _reset_session() -> None:
    with contextlib.suppress(Exception):
        db.session.rollback()
    with contextlib.suppress(Exception):
        db.session.remove()


@contextlib.contextmanager
def stop_on_signals():
    """An Event that SIGTERM and SIGINT set (handlers restored afterwards)."""
    stop = threading.Event()
    if threading.current_thread() is not threading.main_thread():
        yield stop
        return

    def handler(signum, _frame):
        log.info("mail worker: signal %s received, stopping after the current message", signum)
        stop.set()

    previous = {sig: signal.signal(sig, handler) for sig in (signal.SIGTERM, signal.SIGINT)}
    try:
        yield stop
    finally:
        for sig, old in previous.items():
            signal.signal(sig, old)
