"""Forgotten password (no enumeration), single-use expiring reset links, changing a password."""

from __future__ import annotations

from portal.accounts.tokens import make_reset_token
from tests.accounts.conftest import NEW_PASSWORD, mailed_path
from tests.factories import PASSWORD

SAME_ANSWER = "Als er een account bestaat voor"


def test_forgot_password_answers_the_same_for_known_and_unknown_addresses(client, db, make, outbox, deliver):
    user = make.user("teacher", email="bekend@school.example")
    db.session.commit()
    known = client.post(
        "/wachtwoord-vergeten", data={"email": "Bekend@school.example"}, follow_redirects=True
    )
    unknown = client.post(
        "/wachtwoord-vergeten", data={"email": "onbekend@school.example"}, follow_redirects=True
    )
    assert SAME_ANSWER in known.get_data(as_text=True) and SAME_ANSWER in unknown.get_data(as_text=True)
    assert known.status_code == unknown.status_code == 200
    # Both requests queued the same thing; the worker sends only to the account.
    assert [m.recipient for m in outbox("auth_reset")] == [user.email, "onbekend@school.example"]
    assert [m.recipients for m in deliver()] == [[user.email]]
    assert [(m.recipient, m.status) for m in outbox("auth_reset")] == [(user.email, "sent")]


def test_reset_mail_is_dutch_with_the_right_link(client, db, make, deliver):
    make.user("teacher", email="bekend@school.example", name="Bram Smit")
    db.session.commit()
    client.post("/wachtwoord-vergeten", data={"email": "bekend@school.example"})
    [mail] = deliver()
    assert mail.subject == "Stel een nieuw wachtwoord in voor Techniek Flevoland"
    assert mail.body.startswith("Hallo Bram Smit,")
    assert "De link werkt 2 uur en maar één keer." in mail.body
    assert mailed_path(mail).startswith("/wachtwoord-herstellen/")


def test_inactive_accounts_get_no_reset_mail(client, db, make, outbox, deliver):
    make.user("teacher", email="weg@school.example", active=False)
    db.session.commit()
    client.post("/wachtwoord-vergeten", data={"email": "weg@school.example"})
    assert deliver() == []
    assert outbox("auth_reset") == []  # dropped by the worker, address and all


def test_reset_link_works_once(client, app, db, make, deliver):
    user = make.user("teacher", email="bekend@school.example", confirmed=False)
    db.session.commit()
    client.post("/wachtwoord-vergeten", data={"email": user.email})
    path = mailed_path(deliver()[0])

    assert client.get(path).status_code == 200
    response = client.post(path, data={"password": NEW_PASSWORD, "password_repeat": NEW_PASSWORD})
    assert response.status_code == 302
    db.session.refresh(user)
    assert user.check_password(NEW_PASSWORD) and not user.check_password(PASSWORD)
    assert user.confirmed  # the link reached the inbox, so the address works

    again = app.test_client().post(
        path, data={"password": "nog een ander wachtwoord", "password_repeat": "nog een ander wachtwoord"}
    )
    assert again.status_code == 400
    assert "niet geldig" in again.get_data(as_text=True)
    db.session.refresh(user)
    assert user.check_password(NEW_PASSWORD)


def test_expired_reset_link_is_refused(app, client, db, make):
    user = make.user("teacher")
    db.session.commit()
    token = make_reset_token(user)
    app.config["RESET_TOKEN_MAX_AGE"] = -1
    response = client.get(f"/wachtwoord-herstellen/{token}")
    assert response.status_code == 400
    assert "is verlopen" in response.get_data(as_text=True)


def test_reset_refuses_a_short_password(client, db, make):
    user = make.user("teacher")
    db.session.commit()
    html = client.post(
        f"/wachtwoord-herstellen/{make_reset_token(user)}",
        data={"password": "kort", "password_repeat": "kort"},
    ).get_data(as_text=True)
    assert "Gebruik minstens 10 tekens." in html
    db.session.refresh(user)
    assert user.check_password(PASSWORD)


def test_changing_the_password_ends_other_sessions_but_keeps_this_one(app, db, make):
    user = make.user("teacher")
    db.session.commit()
    here, elsewhere = app.test_client(), app.test_client()
    for client in (here, elsewhere):
        client.post("/inloggen", data={"email": user.email, "password": PASSWORD})
        assert client.get("/mijn/profiel").status_code == 200

    response = here.post(
        "/mijn/wachtwoord",
        data={"current_password": PASSWORD, "password": NEW_PASSWORD, "password_repeat": NEW_PASSWORD},
    )

    assert response.status_code == 302
    assert here.get("/mijn/profiel").status_code == 200
    assert elsewhere.get("/mijn/profiel").status_code == 302
    db.session.refresh(user)
    assert user.check_password(NEW_PASSWORD)


def test_changing_the_password_ends_remembered_devices_too(app, db, make):
    user = make.user("teacher")
    db.session.commit()
    other = app.test_client()
    other.post("/inloggen", data={"email": user.email, "password": PASSWORD, "remember": "y"})
    other.delete_cookie("session", domain="portal.test")
    assert other.get("/mijn/profiel").status_code == 200  # the remember cookie works

    here = app.test_client()
    here.post("/inloggen", data={"email": user.email, "password": PASSWORD})
    here.post(
        "/mijn/wachtwoord",
        data={"current_password": PASSWORD, "password": NEW_PASSWORD, "password_repeat": NEW_PASSWORD},
    )

    other.delete_cookie("session", domain="portal.test")
    assert other.get("/mijn/profiel").status_code == 302


def test_change_password_needs_the_current_password(client, db, login_as):
    user = login_as("teacher")
    html = client.post(
        "/mijn/wachtwoord",
        data={
            "current_password": "niet mijn wachtwoord",
            "password": NEW_PASSWORD,
            "password_repeat": NEW_PASSWORD,
        },
    ).get_data(as_text=True)
    assert "Je huidige wachtwoord klopt niet." in html
    db.session.refresh(user)
    assert user.check_password(PASSWORD)
