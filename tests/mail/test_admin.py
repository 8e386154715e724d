"""/beheer/mail: admins see counts, failed and waiting mail, and can retry."""

from __future__ import annotations

from datetime import timedelta

import pytest

from portal.mail.delivery import deliver_all_due
from portal.models import OutboxMail, utcnow

URLS = ["/beheer/mail/", "/beheer/mail/{id}"]


@pytest.fixture
def app_config(app_config, smtp_config):
    return {**app_config, **smtp_config}  # SMTP server not started: every attempt fails


@pytest.fixture
def failed_mail(app, db, queue):
    row = queue("kapot@example.org")
    db.session.commit()
    now = utcnow()
    for _ in range(app.config["MAIL_MAX_ATTEMPTS"]):
        deliver_all_due(now=now)
        db.session.expire_all()
        now = db.session.get(OutboxMail, row.id).next_attempt_at + timedelta(seconds=1)
    assert row.status == "failed"
    return row


def test_a_failed_message_shows_on_the_admin_page(client, login_as, failed_mail, queue, db):
    queue("wacht@example.org")
    db.session.commit()
    login_as("admin")

    page = client.get("/beheer/mail/").get_data(as_text=True)

    assert "kapot@example.org" in page and "wacht@example.org" in page
    assert "Je gastles Zonnepanelen is bevestigd" in page
    assert "Connection refused" in page  # the last error
    assert 'data-status="failed">1<' in page and 'data-status="pending">1<' in page


def test_admin_sees_the_text_of_one_message(client, login_as, failed_mail):
    login_as("admin")
    page = client.get(f"/beheer/mail/{failed_mail.id}").get_data(as_text=True)
    assert "Je gastles &#34;Zonnepanelen&#34; op dinsdag 1 december is bevestigd" in page


def test_retry_now_makes_a_failed_message_due_and_the_worker_sends_it(
    client, login_as, failed_mail, smtp, db
):
    login_as("admin")
    response = client.post(f"/beheer/mail/{failed_mail.id}/opnieuw")
    assert response.status_code == 302

    db.session.expire_all()
    row = db.session.get(OutboxMail, failed_mail.id)
    assert (row.status, row.attempts) == ("pending", 0)
    smtp.start()
    assert deliver_all_due().sent == 1
    assert [e.rcpt_tos for e in smtp.handler.envelopes] == [["kapot@example.org"]]


def test_a_sent_message_cannot_be_retried(client, login_as, db, queue, smtp):
    smtp.start()
    row = queue()
    db.session.commit()
    deliver_all_due()
    login_as("admin")
    response = client.post(f"/beheer/mail/{row.id}/opnieuw")
    assert response.status_code == 303 and response.location == f"/beheer/mail/{row.id}"
    page = client.get(response.location).get_data(as_text=True)
    assert "Alleen mislukte of wachtende berichten kun je opnieuw versturen." in page
    assert "Nu opnieuw versturen" not in page  # no retry button for a sent message
    db.session.expire_all()
    assert db.session.get(OutboxMail, row.id).status == "sent"
    assert len(smtp.handler.envelopes) == 1


@pytest.mark.parametrize("role", ["teacher", "provider", "coordinator"])
@pytest.mark.parametrize("url", URLS)
def test_other_roles_get_403(client, login_as, queue, db, role, url):
    row = queue()
    db.session.commit()
    login_as(role)
    assert client.get(url.format(id=row.id)).status_code == 403
    assert client.post(f"/beheer/mail/{row.id}/opnieuw").status_code == 403


@pytest.mark.parametrize("url", URLS)
def test_anonymous_visitors_are_sent_to_login(client, queue, db, url):
    row = queue()
    db.session.commit()
    response = client.get(url.format(id=row.id))
    assert response.status_code == 302
    assert "/inloggen" in response.headers["Location"]


def test_retry_now_on_a_waiting_message_keeps_its_attempts_and_makes_it_due(client, login_as, db, queue):
    row = queue()
    db.session.commit()
    deliver_all_due()  # SMTP is down: attempt 1 failed, due again in a few minutes
    db.session.expire_all()
    assert row.status == "pending" and row.next_attempt_at > utcnow()
    login_as("admin")

    client.post(f"/beheer/mail/{row.id}/opnieuw")

    db.session.expire_all()
    assert row.status == "pending" and row.attempts == 1
    assert row.next_attempt_at <= utcnow()


def test_the_admin_dashboard_counts_failed_mail_and_links_to_the_outbox(client, login_as, failed_mail):
    login_as("admin")
    page = client.get("/mijn/").get_data(as_text=True)
    assert "1 bericht kon niet worden verstuurd." in page
    assert 'href="/beheer/mail/"' in page


def test_other_roles_do_not_get_the_mail_section_on_their_dashboard(client, login_as, failed_mail):
    login_as("coordinator")
    assert "/beheer/mail/" not in client.get("/mijn/").get_data(as_text=True)
