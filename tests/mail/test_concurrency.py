"""Two workers at once never send one message twice, and together send every message.

The interleavings that matter are forced, not left to the thread scheduler:

1. Worker B starts claiming while worker A is inside its claim: A has selected its rows and
   not yet marked them. On PostgreSQL, ``FOR UPDATE SKIP LOCKED`` gives B other rows at
   once; on SQLite, A's claim transaction holds the write lock from its first statement, so B
   waits for A's commit and then sees A's rows as taken.
2. Worker A then stops before sending its first message until B has drained the outbox:
   B must not take a row that A holds, however long A takes to send it.

So the outcome is exact: A sends its first batch, B sends everything else, each once.
"""

from __future__ import annotations

import threading
from collections import Counter

import pytest
from sqlalchemy import event, select
from sqlalchemy.sql.dml import Update

from portal.extensions import db as _db
from portal.mail import transport
from portal.mail.delivery import deliver_batch
from portal.models import OutboxMail

MESSAGES = 12
BATCH = 3
WAIT = 30  # seconds: a step that has not happened by then fails the test instead of hanging it


@pytest.fixture
def app_config(app_config, smtp_config):
    return {**app_config, **smtp_config}


def _is_update(context) -> bool:
    return isinstance(getattr(getattr(context, "compiled", None), "statement", None), Update)


def _is_claim(context) -> bool:
    """The UPDATE that marks the selected rows as ``sending`` for one worker."""
    return _is_update(context) and context.compiled_parameters[0].get("status") == "sending"


class Choreography:
    """Where workers "A" and "B" (thread names) wait for each other."""

    def __init__(self):
        self.a_selected = threading.Event()  # A has read its rows, not yet marked them
        self.b_claiming = threading.Event()  # B's claim has started
        self.a_claimed = threading.Event()  # A's claiming UPDATE ran
        self.b_done = threading.Event()  # B found nothing more to claim
        self.first_claim: dict[str, int] = {}  # worker -> rows its first claiming UPDATE took

    def before_update(self, worker: str, claim: bool) -> None:
        if worker in self.first_claim:
            return  # only each worker's first claim is choreographed
        if worker == "A" and claim:
            self.a_selected.set()
            wait(self.b_claiming, "B to start claiming")
        elif worker == "B" and not self.b_claiming.is_set():
            wait(self.a_selected, "A to select its rows")
            self.b_claiming.set()
        elif worker == "B" and claim:
            wait(self.a_claimed, "A to claim")

    def after_update(self, worker: str, claim: bool, rowcount: int) -> None:
        if claim and worker not in self.first_claim:
            self.first_claim[worker] = rowcount
            if worker == "A":
                self.a_claimed.set()

    def before_send(self, worker: str) -> None:
        if worker == "A":
            wait(self.b_done, "B to finish")

    def abort(self) -> None:
        for step in (self.a_selected, self.b_claiming, self.a_claimed, self.b_done):
            step.set()


def wait(step: threading.Event, what: str) -> None:
    if not step.wait(WAIT):
        raise TimeoutError(f"waited {WAIT} s for {what}")


@pytest.fixture
def choreography(app, monkeypatch):
    steps = Choreography()
    engine = _db.engine

    def before(conn, cursor, statement, parameters, context, executemany):
        worker = threading.current_thread().name
        if worker in ("A", "B") and _is_update(context):
            steps.before_update(worker, _is_claim(context))

    def after(conn, cursor, statement, parameters, context, executemany):
        worker = threading.current_thread().name
        if worker in ("A", "B") and _is_update(context):
            steps.after_update(worker, _is_claim(context), cursor.rowcount)

    send = transport.Sender.send

    def paused_send(self, message, row_id, template):
        steps.before_send(threading.current_thread().name)
        return send(self, message, row_id, template)

    event.listen(engine, "before_cursor_execute", before)
    event.listen(engine, "after_cursor_execute", after)
    monkeypatch.setattr(transport.Sender, "send", paused_send)
    yield steps
    event.remove(engine, "before_cursor_execute", before)
    event.remove(engine, "after_cursor_execute", after)


def run_two_workers(app, db, smtp, queue, steps: Choreography) -> dict[str, int]:
    smtp.start()
    for n in range(MESSAGES):
        queue(f"docent{n}@example.org")
    db.session.commit()
    sent = {"A": 0, "B": 0}
    errors = []

    def worker() -> None:
        name = threading.current_thread().name
        with app.app_context():  # its own session and database connection
            try:
                while (result := deliver_batch(batch_size=BATCH)).claimed:
                    sent[name] += result.sent
            except Exception as exc:  # reported below
                errors.append(exc)
                steps.abort()
            finally:
                db.session.remove()
                if name == "B":
                    steps.b_done.set()

    threads = [threading.Thread(target=worker, name=name) for name in ("A", "B")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=2 * WAIT)
    assert not any(t.is_alive() for t in threads), "a worker hangs"
    assert not errors, errors
    return sent


def assert_each_message_delivered_once(db, smtp) -> None:
    db.session.expire_all()
    per_message_id = Counter(m["Message-ID"] for m in smtp.handler.messages())
    rows = db.session.scalars(select(OutboxMail)).all()
    assert len(rows) == MESSAGES
    assert all(row.status == "sent" and row.attempts == 1 for row in rows)
    assert per_message_id == Counter({row.message_id: 1 for row in rows})


@pytest.mark.postgres
def test_two_workers_on_postgresql_send_each_message_exactly_once(app, db, smtp, queue, choreography):
    sent = run_two_workers(app, db, smtp, queue, choreography)
    # B selected while A held its rows: SKIP LOCKED gave B the next ones.
    assert choreography.first_claim == {"A": BATCH, "B": BATCH}
    assert sent == {"A": BATCH, "B": MESSAGES - BATCH}
    assert_each_message_delivered_once(db, smtp)


def test_two_workers_on_sqlite_send_each_message_exactly_once(app, db, smtp, queue, choreography):
    sent = run_two_workers(app, db, smtp, queue, choreography)
    # B waited for A's claim to commit, then took the next rows.
    assert choreography.first_claim == {"A": BATCH, "B": BATCH}
    assert sent == {"A": BATCH, "B": MESSAGES - BATCH}
    assert_each_message_delivered_once(db, smtp)
