"""Development: without MAIL_SERVER, delivered mail lands as readable .eml files."""

from __future__ import annotations

import re
from email import message_from_bytes, policy
from pathlib import Path

from portal.extensions import mail
from portal.mail.delivery import deliver_all_due
from portal.models import OutboxMail


def test_without_mail_server_deliver_writes_a_parseable_eml_file(app, db, queue):
    assert not app.config.get("MAIL_SERVER")
    row = queue("docent@example.org")
    db.session.commit()

    result = deliver_all_due()

    assert result.sent == 1
    [path] = Path(app.config["MAIL_FILE_DIR"]).glob("*.eml")
    assert re.fullmatch(rf"\d{{8}}-\d{{6}}-{row.id}-mail_test\.eml", path.name)
    raw = path.read_bytes()
    assert b"Je gastles" in raw  # quoted-printable text stays readable
    message = message_from_bytes(raw, policy=policy.default)
    assert message["To"] == "docent@example.org"
    assert message["Subject"] == "Je gastles Zonnepanelen is bevestigd"
    assert "is bevestigd" in message.get_body(("plain",)).get_content()
    assert "<strong>Zonnepanelen</strong>" in message.get_body(("html",)).get_content()
    db.session.expire_all()
    assert db.session.get(OutboxMail, row.id).status == "sent"


def test_record_messages_sees_delivered_mail(app, db, queue):
    queue("a@example.org")
    db.session.commit()
    with mail.record_messages() as outbox:
        deliver_all_due()
    assert [m.recipients for m in outbox] == [["a@example.org"]]


def test_mail_deliver_command_sends_due_mail_once(app, db, queue, runner):
    queue("a@example.org")
    queue("b@example.org")
    db.session.commit()

    first = runner.invoke(args=["mail", "deliver", "--batch", "1"])
    second = runner.invoke(args=["mail", "deliver"])

    assert first.exit_code == 0, first.output
    assert "sent 2" in first.output
    assert "claimed 0" in second.output
    assert len(list(Path(app.config["MAIL_FILE_DIR"]).glob("*.eml"))) == 2
