"""Mail with a personal link: composed by the worker from the address alone, emptied once
sent, and never readable on the admin page (/beheer/mail)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from portal.accounts import mails
from portal.mail.delivery import deliver_all_due
from portal.mail.personal import mask_links
from portal.models import OutboxMail, utcnow


@pytest.fixture
def app_config(app_config, smtp_config):
    return {**app_config, **smtp_config}


def reload(db, row_id) -> OutboxMail:
    db.session.expire_all()
    return db.session.get(OutboxMail, row_id)


@pytest.mark.parametrize(
    "text,shown",
    [
        (
            "Klik op http://portal.test/bevestigen/eyJ1aWQiOjF9.Zz1k.Ab-c_d",
            "Klik op http://portal.test/bevestigen/…",
        ),
        (
            "http://portal.test/wachtwoord-herstellen/abc.def?x=1 daarna",
            "http://portal.test/wachtwoord-herstellen/… daarna",
        ),
        ("Je agenda: https://portal.test/mijn/agenda/s3cr3t.ics", "Je agenda: https://portal.test/mijn/…"),
        ("https://portal.test/?token=abc", "https://portal.test/…"),
        (
            "Zie https://portal.test/ en https://portal.test/aanbod",
            "Zie https://portal.test/ en https://portal.test/aanbod",
        ),
        ("Geen link, wel een tijd: 10:30", "Geen link, wel een tijd: 10:30"),
    ],
)
def test_links_show_only_where_they_lead(text, shown):
    assert mask_links(text) == shown


def test_the_admin_page_never_shows_a_working_confirmation_link(client, db, make, login_as):
    user = make.user("teacher", confirmed=False)
    db.session.commit()
    mails.send_confirmation(user)
    db.session.commit()
    [row] = db.session.scalars(db.select(OutboxMail).where(OutboxMail.template == "auth_confirm"))
    token_path = row.body_text.split("http://portal.test")[1].split()[0]
    assert token_path.startswith("/bevestigen/") and len(token_path) > 30
    login_as("admin")

    listing = client.get("/beheer/mail/").get_data(as_text=True)
    page = client.get(f"/beheer/mail/{row.id}").get_data(as_text=True)

    assert "Bevestig je e-mailadres" in listing and user.email in listing
    assert token_path not in page and token_path.rsplit("/", 1)[1] not in page
    assert "http://portal.test/bevestigen/…" in page


def test_account_mails_are_emptied_once_sent_and_other_mail_is_kept(db, make, smtp, queue):
    smtp.start()
    owner = make.user("teacher")
    db.session.commit()
    mails.send_confirmation(owner)
    mails.tell_owner_about_registration(owner)
    other = queue()
    db.session.commit()

    assert deliver_all_due().sent == 3

    rows = db.session.scalars(db.select(OutboxMail).order_by(OutboxMail.id)).all()
    db.session.expire_all()
    for row in rows[:2]:
        assert (row.status, row.recipient, row.body_text, row.body_html) == ("sent", owner.email, "", None)
        assert row.subject and row.sent_at is not None  # what was sent when stays visible
    assert reload(db, other.id).body_text.startswith("Hallo Sanne")
    assert len(smtp.handler.envelopes) == 3
    assert "http://portal.test/bevestigen/" in smtp.handler.messages()[0].get_body(("plain",)).get_content()


def test_a_reset_request_is_composed_by_the_worker_and_never_stored(db, make, smtp):
    smtp.start()
    user = make.user("teacher", email="bekend@school.example", name="Bram Smit")
    db.session.commit()
    mails.queue_password_reset("Bekend@School.example")
    mails.queue_password_reset("onbekend@school.example")
    db.session.commit()

    result = deliver_all_due()

    assert (result.sent, result.dropped) == (1, 1)
    [message] = smtp.handler.messages()
    assert message["To"] == user.email and "wachtwoord" in message["Subject"]
    assert "http://portal.test/wachtwoord-herstellen/" in message.get_body(("plain",)).get_content()
    [row] = db.session.scalars(db.select(OutboxMail)).all()  # the unknown address is gone
    assert (row.recipient, row.status, row.body_text, row.message_id) == (
        user.email,
        "sent",
        "",
        message["Message-ID"],
    )


def test_a_failing_reset_mail_keeps_no_text_and_is_composed_again(client, db, make, smtp, login_as):
    make.user("teacher", email="bekend@school.example")
    db.session.commit()
    mails.queue_password_reset("bekend@school.example")
    db.session.commit()

    assert deliver_all_due().retried == 1  # the SMTP server is down
    [row] = db.session.scalars(db.select(OutboxMail)).all()
    assert (row.status, row.subject, row.body_text) == ("pending", "", "")
    login_as("admin")
    page = client.get(f"/beheer/mail/{row.id}").get_data(as_text=True)
    assert "De tekst van dit bericht wordt niet bewaard" in page

    smtp.start()
    assert deliver_all_due(now=utcnow() + timedelta(days=1)).sent == 1
    assert "/wachtwoord-herstellen/" in smtp.handler.messages()[0].get_body(("plain",)).get_content()
