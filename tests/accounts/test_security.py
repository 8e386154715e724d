"""Rate limits on logging in and reset requests, and CSRF on every form."""

from __future__ import annotations

import pytest

from tests.factories import PASSWORD


@pytest.fixture
def app_config(app_config):
    app_config.update(
        RATELIMIT_ENABLED=True,
        RATELIMIT_LOGIN="4 per minute",
        RATELIMIT_LOGIN_ACCOUNT="2 per minute",
        RATELIMIT_RESET="2 per minute",
        RATELIMIT_REGISTER="2 per minute",
    )
    return app_config


def _login(client, email, ip, password="wrong password!"):
    return client.post(
        "/inloggen", data={"email": email, "password": password}, environ_base={"REMOTE_ADDR": ip}
    )


def test_login_is_limited_per_ip(client):
    for n in range(4):
        assert _login(client, f"user{n}@school.example", "10.0.0.1").status_code == 200
    refused = _login(client, "user9@school.example", "10.0.0.1")
    assert refused.status_code == 429
    assert "Te veel pogingen" in refused.get_data(as_text=True)
    assert _login(client, "user9@school.example", "10.0.0.2").status_code == 200  # another IP


def test_failed_logins_for_an_account_rest_it_only_at_that_address(client, db, make):
    """The attacker's address is refused, even with the right password; the owner elsewhere
    is not (more in tests/accounts/test_login_limits.py, behind a proxy)."""
    user = make.user("teacher", email="doelwit@school.example")
    db.session.commit()
    assert _login(client, "doelwit@school.example", "10.0.1.1").status_code == 200
    assert _login(client, "DOELWIT@school.example", "10.0.1.1").status_code == 200
    assert _login(client, "doelwit@school.example", "10.0.1.1", PASSWORD).status_code == 429
    assert user.last_login_at is None
    assert _login(client, "doelwit@school.example", "10.0.1.2", PASSWORD).status_code == 302


def test_successful_logins_from_one_school_network_are_not_counted(client, db, make):
    """A whole staff room behind one address logs in on Monday morning: nobody is locked out."""
    colleagues = [make.user("teacher", email=f"collega{n}@school.example") for n in range(6)]
    db.session.commit()
    for user in colleagues:
        assert _login(client, user.email, "10.0.4.1", PASSWORD).status_code == 302
        client.post("/uitloggen", environ_base={"REMOTE_ADDR": "10.0.4.1"})
    assert _login(client, "nobody@school.example", "10.0.4.1").status_code == 200


def test_showing_the_login_form_is_not_counted(client):
    for _ in range(10):
        assert client.get("/inloggen", environ_base={"REMOTE_ADDR": "10.0.2.1"}).status_code == 200
    assert _login(client, "a@school.example", "10.0.2.1").status_code == 200


def test_reset_requests_are_limited_per_account_and_per_ip(client):
    def forgot(email, ip):
        return client.post(
            "/wachtwoord-vergeten", data={"email": email}, environ_base={"REMOTE_ADDR": ip}
        ).status_code

    assert [forgot("x@school.example", ip) for ip in ("10.0.3.1", "10.0.3.2", "10.0.3.3")] == [302, 302, 429]
    assert [forgot(f"y{n}@school.example", "10.0.3.9") for n in range(3)] == [302, 302, 429]


def test_registering_is_limited_per_address_counting_only_accepted_forms(client, registration):
    def register(email, ip, **mistake):
        return client.post(
            "/registreren",
            data=registration(email=email, new_name=f"School {email}", **mistake),
            environ_base={"REMOTE_ADDR": ip},
        ).status_code

    assert register("a@school.example", "10.0.5.1", password="kort") == 200  # not counted
    assert [register(f"{n}@school.example", "10.0.5.1") for n in "bcd"] == [302, 302, 429]
    assert register("anna@school.example", "10.0.5.2") == 302  # another address


@pytest.fixture
def csrf_client(app):
    app.config["WTF_CSRF_ENABLED"] = True
    return app.test_client()


@pytest.mark.parametrize("path", ["/inloggen", "/registreren", "/wachtwoord-vergeten", "/uitloggen"])
def test_post_without_csrf_token_is_refused(csrf_client, db, make, path):
    user = make.user("teacher")
    db.session.commit()
    response = csrf_client.post(path, data={"email": user.email, "password": PASSWORD})
    assert response.status_code == 400
    assert "Het formulier is verlopen" in response.get_data(as_text=True)
    assert csrf_client.get("/mijn/profiel").status_code == 302


def test_login_works_with_the_csrf_token_from_the_form(csrf_client, db, make):
    import re

    user = make.user("teacher")
    db.session.commit()
    html = csrf_client.get("/inloggen").get_data(as_text=True)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', html).group(1)
    response = csrf_client.post(
        "/inloggen", data={"email": user.email, "password": PASSWORD, "csrf_token": token}
    )
    assert response.status_code == 302


def test_resend_confirmation_is_limited_and_safe_for_anonymous_visitors(client, login_as, outbox):
    assert client.post("/bevestiging-opnieuw").status_code == 302  # to the login page, no error
    login_as("teacher", confirmed=False)
    statuses = [client.post("/bevestiging-opnieuw").status_code for _ in range(6)]
    assert statuses == [302] * 5 + [429]
    assert len(outbox("auth_confirm")) == 5
