"""Delivery to a real SMTP server (aiosmtpd), retries, leases, timeouts."""

from __future__ import annotations

import socket
from datetime import timedelta

import pytest

from portal.mail.delivery import claim_due, deliver_all_due, deliver_batch, retry_delay
from portal.models import OutboxMail, utcnow


@pytest.fixture
def app_config(app_config, smtp_config):
    return {**app_config, **smtp_config}


def reload(db, row_id) -> OutboxMail:
    db.session.expire_all()
    return db.session.get(OutboxMail, row_id)


@pytest.mark.both_databases
def test_delivery_to_a_real_smtp_server(db, smtp, make):
    from portal.mail.outbox import queue_mail

    smtp.start()
    row = queue_mail(
        "docent@example.org",
        "mail_test",
        name="Sanne",
        title="Lassen",
        when="morgen",
        attachments=[
            ("gastles.ics", "text/calendar; method=REQUEST", b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n")
        ],
    )
    db.session.commit()

    result = deliver_batch()

    assert (result.claimed, result.sent) == (1, 1)
    [envelope] = smtp.handler.envelopes
    assert envelope.rcpt_tos == ["docent@example.org"]
    assert envelope.mail_from == "noreply@techniekflevoland.nl"
    [message] = smtp.handler.messages()
    assert message["Subject"] == "Je gastles Lassen is bevestigd"
    assert message["Message-ID"] == row.message_id
    assert message["Date"] and message["Auto-Submitted"] == "auto-generated"
    text = message.get_body(("plain",)).get_content()
    html = message.get_body(("html",)).get_content()
    assert 'Je gastles "Lassen" op morgen is bevestigd' in text
    assert "<strong>Lassen</strong>" in html
    [ics] = list(message.iter_attachments())
    assert ics.get_filename() == "gastles.ics"
    assert ics.get_content_type() == "text/calendar"
    assert ics.get_param("method") == "REQUEST"
    assert ics.get_payload(decode=True) == b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n"
    row = reload(db, row.id)
    assert row.status == "sent" and row.sent_at is not None and row.attempts == 1
    assert row.claim_token is None


@pytest.mark.both_databases
def test_list_unsubscribe_header_reaches_the_server(db, smtp, queue):
    smtp.start()
    queue(unsubscribe_url="http://portal.test/afmelden/xyz")
    db.session.commit()
    deliver_batch()
    [message] = smtp.handler.messages()
    assert message["List-Unsubscribe"] == "<http://portal.test/afmelden/xyz>"


@pytest.mark.both_databases
def test_smtp_down_delays_mail_and_it_is_delivered_once_when_the_server_is_back(db, smtp, queue):
    row = queue()
    db.session.commit()
    row_id = row.id
    now = utcnow()

    result = deliver_batch(now=now)  # nothing listens on smtp.port yet

    assert (result.claimed, result.sent, result.retried) == (1, 0, 1)
    row = reload(db, row_id)
    assert row.status == "pending" and row.attempts == 1
    assert "Connection refused" in row.last_error or "ConnectionRefused" in row.last_error
    assert row.next_attempt_at > now

    smtp.start()
    assert deliver_batch(now=now).claimed == 0  # not due yet: the backoff holds
    later = reload(db, row_id).next_attempt_at + timedelta(seconds=1)
    assert deliver_all_due(now=later).sent == 1
    assert deliver_all_due(now=later + timedelta(days=1)).claimed == 0

    assert len(smtp.handler.envelopes) == 1
    row = reload(db, row_id)
    assert row.status == "sent" and row.attempts == 2


def test_a_temporary_refusal_451_is_retried(db, smtp, queue):
    smtp.handler.reply = "451 4.3.0 Try again later"
    smtp.start()
    row = queue()
    db.session.commit()
    row_id = row.id
    now = utcnow()

    deliver_batch(now=now)

    row = reload(db, row_id)
    assert row.status == "pending" and row.attempts == 1 and "451" in row.last_error
    smtp.handler.reply = None
    deliver_batch(now=row.next_attempt_at + timedelta(seconds=1))
    assert reload(db, row_id).status == "sent"
    assert len(smtp.handler.envelopes) == 1


@pytest.mark.both_databases
def test_after_max_attempts_the_row_is_failed(db, app, queue):
    row = queue()
    db.session.commit()
    row_id = row.id
    now = utcnow()
    for _ in range(app.config["MAIL_MAX_ATTEMPTS"]):  # 3 in these tests; SMTP stays down
        deliver_all_due(now=now)
        now = reload(db, row_id).next_attempt_at + timedelta(seconds=1)

    row = reload(db, row_id)
    assert row.status == "failed" and row.attempts == 3 and row.last_error
    assert deliver_all_due(now=now + timedelta(days=30)).claimed == 0  # failed is never retried by itself


@pytest.mark.both_databases
def test_a_worker_that_died_after_claiming_loses_no_mail(db, smtp, queue):
    """Claim without recording an outcome (a crash between send and mark): after the
    lease the row is sent again: a possible duplicate, never a loss."""
    smtp.start()
    row = queue()
    db.session.commit()
    row_id = row.id
    now = utcnow()
    _token, rows = claim_due(now, 10)
    assert [r.id for r in rows] == [row_id]

    assert deliver_batch(now=now + timedelta(seconds=60)).claimed == 0  # lease still runs
    lease_over = reload(db, row_id).claimed_until + timedelta(seconds=1)
    assert deliver_batch(now=lease_over).sent == 1

    row = reload(db, row_id)
    assert row.status == "sent" and row.attempts == 2
    assert len(smtp.handler.envelopes) == 1


@pytest.fixture
def silent_server():
    """Accepts TCP connections (kernel backlog) but never says a word."""
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen(5)
        yield server.getsockname()[1]


def test_a_server_that_never_answers_times_out_as_a_failed_attempt(app, db, queue, silent_server):
    app.config["MAIL_TIMEOUT_SECONDS"] = 1
    app.extensions["mail"].port = silent_server
    row = queue()
    db.session.commit()
    row_id = row.id

    result = deliver_batch()

    assert result.retried == 1
    row = reload(db, row_id)
    assert row.status == "pending" and row.attempts == 1
    assert "timed out" in row.last_error.lower() or "timeout" in row.last_error.lower()


def test_retry_delay_grows_exponentially_with_jitter_and_a_cap(app):
    config = {"MAIL_RETRY_BASE_SECONDS": 60, "MAIL_RETRY_MAX_SECONDS": 3600}
    assert retry_delay(1, config, rng=lambda: 0) == timedelta(seconds=120)
    assert retry_delay(3, config, rng=lambda: 0) == timedelta(seconds=480)
    assert retry_delay(3, config, rng=lambda: 1) == timedelta(seconds=576)
    assert retry_delay(20, config, rng=lambda: 0) == timedelta(seconds=3600)


def test_an_unknown_recipient_550_fails_at_once_and_other_mail_still_goes(db, smtp, queue):
    smtp.handler.refused = {"weg@example.org"}
    smtp.start()
    bad, good = queue("weg@example.org"), queue("docent@example.org")
    db.session.commit()

    result = deliver_batch()

    assert (result.failed, result.sent) == (1, 1)
    bad, good = reload(db, bad.id), reload(db, good.id)
    assert bad.status == "failed" and bad.attempts == 1 and "550" in bad.last_error
    assert good.status == "sent"
    assert [e.rcpt_tos for e in smtp.handler.envelopes] == [["docent@example.org"]]


def test_a_message_that_cannot_be_built_does_not_block_the_others(db, smtp, queue):
    smtp.start()
    broken, fine = queue("a@example.org"), queue("b@example.org")
    broken.attachments = [{"filename": "kapot.ics"}]  # no content_type/data: cannot be built
    db.session.commit()

    result = deliver_batch()

    assert (result.sent, result.retried) == (1, 1)
    assert reload(db, broken.id).status == "pending" and "KeyError" in reload(db, broken.id).last_error
    assert reload(db, fine.id).status == "sent"


def test_a_lease_that_ran_out_on_the_last_attempt_ends_as_failed(app, db, smtp, queue):
    """A message whose worker dies on every attempt does not circle forever."""
    smtp.start()
    row = queue()
    db.session.commit()
    row.attempts = app.config["MAIL_MAX_ATTEMPTS"] - 1
    db.session.commit()
    now = utcnow()
    claim_due(now, 10)  # the last attempt starts ... and its worker dies

    lease_over = reload(db, row.id).claimed_until + timedelta(seconds=1)
    assert deliver_batch(now=lease_over).claimed == 0

    row = reload(db, row.id)
    assert row.status == "failed" and "Worker stopped" in row.last_error
    assert smtp.handler.envelopes == []


def test_rows_left_when_the_lease_runs_out_are_given_back_unsent(app, db, smtp, queue):
    """A worker never sends a row after its lease could have passed to another worker."""
    smtp.start()
    app.config["MAIL_LEASE_SECONDS"] = 0  # the lease is over before the first send
    rows = [queue(f"d{n}@example.org") for n in range(3)]
    db.session.commit()

    result = deliver_batch()

    assert (result.claimed, result.sent) == (0, 0)
    assert smtp.handler.envelopes == []
    for row in rows:
        row = reload(db, row.id)
        assert (row.status, row.attempts, row.claim_token) == ("pending", 0, None)
