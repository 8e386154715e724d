"""Logging in and out: messages, inactive accounts, remember me, safe ``next``."""

from __future__ import annotations

import pytest

from tests.accounts.conftest import cookie
from tests.factories import PASSWORD


def test_login_updates_last_login_and_goes_to_the_dashboard(client, db, make, log_in):
    user = make.user("teacher", email="sanne@school.example")
    db.session.commit()
    assert user.last_login_at is None

    response = log_in("Sanne@School.example")

    assert response.status_code == 302 and response.location.endswith("/mijn/")
    db.session.refresh(user)
    assert user.last_login_at is not None
    assert client.get("/mijn/profiel").status_code == 200


@pytest.mark.parametrize(
    "email,password",
    [
        ("sanne@school.example", "wrong password!"),
        ("nobody@school.example", PASSWORD),
    ],
)
def test_wrong_password_or_unknown_address_gives_the_same_message(client, db, make, log_in, email, password):
    make.user("teacher", email="sanne@school.example")
    db.session.commit()
    response = log_in(email, password)
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "E-mailadres of wachtwoord klopt niet." in html
    assert 'role="alert"' in html  # announced to screen readers, not only shown at the field
    assert client.get("/mijn/profiel").status_code == 302


def test_inactive_user_is_refused_with_a_clear_message(client, db, make, log_in):
    make.user("provider", email="weg@bedrijf.example", active=False)
    db.session.commit()
    html = log_in("weg@bedrijf.example").get_data(as_text=True)
    assert "Dit account is uitgeschakeld" in html
    assert client.get("/mijn/profiel").status_code == 302


def test_remember_me_sets_a_remember_cookie_only_when_asked(app, db, make):
    user = make.user("teacher")
    db.session.commit()
    forgetful, remembered = app.test_client(), app.test_client()
    forgetful.post("/inloggen", data={"email": user.email, "password": PASSWORD})
    remembered.post("/inloggen", data={"email": user.email, "password": PASSWORD, "remember": "y"})
    assert cookie(forgetful, "session") is not None
    assert cookie(forgetful, "remember_token") is None
    remember = cookie(remembered, "remember_token")
    assert remember is not None and remember.http_only


def test_remember_cookie_logs_in_again_after_the_session_is_gone(app, db, make):
    user = make.user("teacher")
    db.session.commit()
    client = app.test_client()
    client.post("/inloggen", data={"email": user.email, "password": PASSWORD, "remember": "y"})
    assert cookie(client, "session") is not None
    client.delete_cookie("session", domain="portal.test")
    assert cookie(client, "session") is None
    assert client.get("/mijn/profiel").status_code == 200
    assert client.get("/mijn/profiel").status_code == 200  # and stays logged in after that


def test_without_remember_me_losing_the_session_logs_you_out(app, db, make):
    user = make.user("teacher")
    db.session.commit()
    client = app.test_client()
    client.post("/inloggen", data={"email": user.email, "password": PASSWORD})
    client.delete_cookie("session", domain="portal.test")
    assert client.get("/mijn/profiel").status_code == 302


def test_logout_is_post_only(client, login_as):
    login_as("teacher")
    assert client.get("/uitloggen").status_code == 405
    assert client.get("/mijn/profiel").status_code == 200
    response = client.post("/uitloggen")
    assert response.status_code == 302
    assert client.get("/mijn/profiel").status_code == 302


@pytest.mark.parametrize(
    "target",
    [
        "//evil.example",
        "/\\evil.example",
        "////evil.example",
        "/%09/evil.example",  # the server decodes %09 to a tab; browsers drop tabs: //evil.example
        "https://evil.example",
        "http:evil.example",
        "%2F%2Fevil.example",
    ],
)
def test_next_to_another_site_lands_on_our_dashboard(client, db, make, target):
    user = make.user("teacher")
    db.session.commit()
    response = client.post("/inloggen?next=" + target, data={"email": user.email, "password": PASSWORD})
    assert response.status_code == 302
    assert response.location in ("/mijn/", "http://portal.test/mijn/")


def test_next_on_this_site_is_honoured(client, db, make):
    user = make.user("teacher")
    db.session.commit()
    response = client.post("/inloggen?next=/mijn/profiel", data={"email": user.email, "password": PASSWORD})
    assert response.location == "/mijn/profiel"


def test_login_required_page_sends_you_back_after_logging_in(client, db, make):
    user = make.user("teacher")
    db.session.commit()
    login_page = client.get("/mijn/wachtwoord")
    assert login_page.status_code == 302 and "/inloggen?next=" in login_page.location
    response = client.post(login_page.location, data={"email": user.email, "password": PASSWORD})
    assert response.location == "/mijn/wachtwoord"


def test_login_page_is_dutch_and_helps(client):
    html = client.get("/inloggen").get_data(as_text=True)
    assert "<h1" in html and "Inloggen" in html
    assert 'autocomplete="current-password"' in html and 'autocomplete="username"' in html
    assert "Wachtwoord vergeten?" in html and "/wachtwoord-vergeten" in html
