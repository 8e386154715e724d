"""The unsubscribe link of an alert mail: no login, GET asks, POST stops; RFC 8058 headers
reach the delivered message."""

from __future__ import annotations

import pytest

from portal.alerts import searches
from portal.mail.delivery import deliver_batch
from portal.models import SavedSearch
from tests.alerts.conftest import alert_mails, unsubscribe_path
from tests.mail.conftest import SmtpServer


def reload(db, search) -> SavedSearch | None:
    db.session.expire_all()
    return db.session.get(SavedSearch, search.id)


@pytest.fixture
def mailed(db, teacher, saved, publish, later, send):
    """A saved search that has just mailed a digest: (search, mail)."""
    search = saved(teacher, "q=robot", name="Robots")
    publish("Robot bouwen")
    later(days=1)
    send()
    [mail] = alert_mails(db, teacher)
    return search, mail


def test_the_link_asks_first_and_a_get_changes_nothing(client, db, mailed):
    search, mail = mailed
    path = unsubscribe_path(mail)
    assert path in mail.body_text and path in mail.body_html

    page = client.get(path)

    assert page.status_code == 200
    assert "Wil je stoppen met de mails over nieuw aanbod voor de zoekopdracht “Robots”?" in page.get_data(
        as_text=True
    )
    assert not reload(db, search).paused


def test_posting_the_form_stops_the_mails_without_logging_in(client, db, mailed, publish, later, send):
    search, mail = mailed
    path = unsubscribe_path(mail)

    response = client.post(path)

    assert response.status_code == 303
    assert reload(db, search).paused
    page = client.get(path).get_data(as_text=True)
    assert "Je krijgt geen mails meer voor de zoekopdracht “Robots”." in page
    publish("Nog een robot")
    later(days=1)
    send()
    assert len(alert_mails(db)) == 1  # no new mail


def test_one_click_from_the_mail_client_needs_no_csrf_token(app, client, db, mailed):
    app.config["WTF_CSRF_ENABLED"] = True
    search, mail = mailed

    response = client.post(unsubscribe_path(mail), data={"List-Unsubscribe": "One-Click"})

    assert response.status_code == 200
    assert reload(db, search).paused
    # and twice is harmless
    assert client.post(unsubscribe_path(mail), data={"List-Unsubscribe": "One-Click"}).status_code in (
        200,
        303,
    )


def test_a_tampered_link_is_refused(client, db, mailed):
    search, mail = mailed
    path = unsubscribe_path(mail)
    tampered = path[:-2] + ("AA" if not path.endswith("AA") else "BB")
    for method in ("get", "post"):
        response = client.open(tampered, method=method.upper())
        assert response.status_code == 400
        assert "niet geldig" in response.get_data(as_text=True)
    assert not reload(db, search).paused


def test_a_link_for_someone_elses_search_does_nothing(client, db, make, teacher, saved):
    mine = saved(teacher, "q=robot")
    other = make.user("teacher")
    db.session.commit()
    token = searches.make_unsubscribe_token(other, searches.UNSUBSCRIBE_SUBJECT, mine.id)
    response = client.post(f"/zoekopdrachten/afmelden/{token}")
    assert response.status_code == 200
    assert "bestaat niet meer" in response.get_data(as_text=True)
    assert not reload(db, mine).paused


def test_an_expired_link_is_refused(app, client, db, mailed):
    search, mail = mailed
    app.config["UNSUBSCRIBE_TOKEN_MAX_AGE"] = -1  # every token is older than that
    response = client.post(unsubscribe_path(mail))
    assert response.status_code == 400
    assert "te oud" in response.get_data(as_text=True)
    assert not reload(db, search).paused


def test_a_deleted_search_has_nothing_left_to_stop(client, db, mailed):
    search, mail = mailed
    db.session.delete(reload(db, search))
    db.session.commit()
    response = client.get(unsubscribe_path(mail))
    assert response.status_code == 200 and "bestaat niet meer" in response.get_data(as_text=True)


# Delivered to a real SMTP server -----------------------------------------------------------
@pytest.fixture
def smtp():
    server = SmtpServer()
    server.start()
    yield server
    server.stop()


@pytest.fixture
def app_config(app_config, smtp):
    return {
        **app_config,
        "MAIL_SERVER": "127.0.0.1",
        "MAIL_PORT": smtp.port,
        "MAIL_SUPPRESS_SEND": False,
        "MAIL_TIMEOUT_SECONDS": 5,
    }


def test_the_delivered_mail_has_both_unsubscribe_headers(db, smtp, mailed):
    search, mail = mailed

    result = deliver_batch()

    assert result.sent == 1
    [message] = smtp.handler.messages()
    url = f"http://portal.test{unsubscribe_path(mail)}"
    assert message["List-Unsubscribe"] == f"<{url}>"
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert message["Subject"] == "1 nieuwe aanbieding voor je zoekopdracht “Robots”"
    assert url in message.get_body(("plain",)).get_content()
