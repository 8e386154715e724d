"""The browser-test machinery itself: the SMTP sink, the live server and its mail."""

from __future__ import annotations

import smtplib
from email.message import EmailMessage

from tests.browser.a11y import blocking_violations


def test_smtp_sink_receives_and_parses_mail_with_links(smtp_sink):
    message = EmailMessage()
    message["Subject"] = "Bevestig je e-mailadres"
    message["From"] = "noreply@example.test"
    message["To"] = "docent@example.test"
    message.set_content("Klik op https://portal.test/bevestigen/abc.def om te bevestigen.\n")
    message.add_alternative(
        "<p><a href='https://portal.test/bevestigen/abc.def'>Bevestigen</a></p>", subtype="html"
    )
    with smtplib.SMTP(smtp_sink.host, smtp_sink.port, timeout=5) as smtp:
        smtp.send_message(message)

    received = smtp_sink.wait_for(to="DOCENT@example.test", subject_contains="bevestig", timeout=5)

    assert smtp_sink.links(received) == ["https://portal.test/bevestigen/abc.def"]
    assert "Bevestigen" in smtp_sink.html(received)


def test_live_server_serves_the_portal_with_csrf_protected_forms(live_server, page, axe_check):
    response = page.goto(live_server("/"))

    assert response.status == 200
    assert page.locator("html").get_attribute("lang") == "nl"
    assert page.locator("input[name=csrf_token]").count() >= 1  # the language switch form
    axe_check(page)


def test_committed_outbox_mail_reaches_the_smtp_sink(live_server, smtp_sink):
    from portal.extensions import db
    from portal.models import OutboxMail

    with live_server.app.app_context():
        db.session.add(
            OutboxMail(
                recipient="iemand@example.test",
                template="test",
                subject="Proefbericht",
                body_text="Zie http://x.test/a\n",
                body_html="<p>Zie</p>",
                attachments=[],
            )
        )
        db.session.commit()

    received = smtp_sink.wait_for(to="iemand@example.test", subject_contains="proef", timeout=10)

    assert smtp_sink.links(received) == ["http://x.test/a"]
    with live_server.app.app_context():
        assert db.session.scalar(db.select(OutboxMail.status)) == "sent"


def test_axe_finds_a_serious_violation(page):
    """The scan is not a no-op: an image without alt text is reported as critical."""
    page.set_content(
        "<html lang='nl'><head><title>t</title></head><body><main><h1>x</h1>"
        "<img src='data:image/png;base64,iVBORw0KGgo='></main></body></html>"
    )

    ids = [v["id"] for v in blocking_violations(page)]

    assert "image-alt" in ids
