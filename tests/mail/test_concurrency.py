"""Two workers at once never send one message twice (and together send every message)."""
from __future__ import annotations

import threading
from collections import Counter

import pytest
from sqlalchemy import select

from portal.mail.delivery import deliver_batch
from portal.models import OutboxMail

MESSAGES = 40


@pytest.fixture
def app_config(app_config, smtp_config):
    return {**app_config, **smtp_config}


def run_two_workers(app, db, smtp, queue) -> list[int]:
    smtp.handler.delay = 0.005
    smtp.start()
    for n in range(MESSAGES):
        queue(f"docent{n}@example.org")
    db.session.commit()
    start = threading.Barrier(2)
    sent_by_worker = [0, 0]
    errors = []

    def worker(index: int) -> None:
        with app.app_context():  # its own session and database connection
            try:
                start.wait()
                while (result := deliver_batch(batch_size=3)).claimed:
                    sent_by_worker[index] += result.sent
            except Exception as exc:  # pragma: no cover - reported below
                errors.append(exc)
            finally:
                db.session.remove()

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not errors
    return sent_by_worker


def assert_each_message_delivered_once(db, smtp, sent_by_worker) -> None:
    per_message_id = Counter(m["Message-ID"] for m in smtp.handler.messages())
    rows = db.session.scalars(select(OutboxMail)).all()
    assert len(rows) == MESSAGES
    assert all(row.status == "sent" and row.attempts == 1 for row in rows)
    assert per_message_id == Counter({row.message_id: 1 for row in rows})
    assert sum(sent_by_worker) == MESSAGES
    assert all(sent_by_worker), "both workers should have taken part"


@pytest.mark.postgres
def test_two_workers_on_postgresql_send_each_message_exactly_once(app, db, smtp, queue):
    sent_by_worker = run_two_workers(app, db, smtp, queue)
    db.session.expire_all()
    assert_each_message_delivered_once(db, smtp, sent_by_worker)


def test_two_workers_on_sqlite_send_each_message_exactly_once(app, db, smtp, queue):
    sent_by_worker = run_two_workers(app, db, smtp, queue)
    db.session.expire_all()
    assert_each_message_delivered_once(db, smtp, sent_by_worker)
