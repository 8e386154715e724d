"""queue_mail: a Dutch message written in the caller's transaction, nothing sent by itself."""

from __future__ import annotations

import base64

import pytest
from sqlalchemy import func, select

from portal.mail.delivery import deliver_all_due
from portal.models import OutboxMail


@pytest.fixture
def app_config(app_config, smtp_config):
    return {**app_config, **smtp_config}


def outbox_count(db) -> int:
    return db.session.scalar(select(func.count()).select_from(OutboxMail))


@pytest.mark.both_databases
def test_queue_mail_renders_dutch_subject_text_and_html_in_the_current_transaction(db, make, queue):
    user = make.user("teacher", name="Sanne de Vries")
    row = queue(user)

    assert row in db.session.new  # added to the caller's session, not committed on its own
    assert row.recipient == user.email and row.user_id == user.id
    assert row.subject == "Je gastles Zonnepanelen is bevestigd"
    assert 'Je gastles "Zonnepanelen" op dinsdag 1 december is bevestigd' in row.body_text
    assert "<strong>Zonnepanelen</strong>" in row.body_html
    assert "Bekijk je boeking" in row.body_html
    assert row.status == "pending" and row.attempts == 0 and row.message_id
    db.session.commit()
    assert outbox_count(db) == 1


@pytest.mark.both_databases
def test_a_rolled_back_transaction_leaves_no_row_and_nothing_is_sent(db, smtp, queue):
    smtp.start()
    queue("ouder@example.org")
    db.session.flush()
    db.session.rollback()

    assert outbox_count(db) == 0
    result = deliver_all_due()
    assert result.claimed == 0
    assert smtp.handler.envelopes == []


@pytest.mark.both_databases
def test_committed_mail_is_sent_by_the_worker_not_by_queue_mail(db, smtp, queue):
    smtp.start()
    queue("ouder@example.org")
    db.session.commit()
    assert smtp.handler.envelopes == []  # queueing never talks to SMTP

    assert deliver_all_due().sent == 1
    assert [e.rcpt_tos for e in smtp.handler.envelopes] == [["ouder@example.org"]]


def test_dedupe_key_queues_a_message_only_once(db, queue):
    assert queue(dedupe_key="reminder:booking:7") is not None
    db.session.commit()
    assert queue(dedupe_key="reminder:booking:7") is None
    assert outbox_count(db) == 1


def test_attachments_are_stored_as_base64(db, queue):
    from portal.mail.outbox import queue_mail

    row = queue_mail(
        "a@example.org",
        "mail_test",
        name="A",
        title="T",
        when="nu",
        attachments=[("les.ics", "text/calendar; method=REQUEST", b"BEGIN:VCALENDAR")],
    )
    assert row.attachments == [
        {
            "filename": "les.ics",
            "content_type": "text/calendar; method=REQUEST",
            "data": base64.b64encode(b"BEGIN:VCALENDAR").decode(),
        }
    ]


def test_bulk_mail_with_an_unsubscribe_url_gets_list_unsubscribe_headers(queue):
    digest = queue(unsubscribe_url="http://portal.test/afmelden/abc")
    personal = queue()

    assert digest.headers["List-Unsubscribe"] == "<http://portal.test/afmelden/abc>"
    assert digest.headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert "List-Unsubscribe" not in personal.headers
