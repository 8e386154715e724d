"""Failed logins throttle the attacker, not the owner: behind a proxy (PROXY_COUNT=1) the
client's address comes from X-Forwarded-For, and failures from one address never block
the account's owner at another."""

from __future__ import annotations

import pytest

from portal.accounts.limits import KNOWN_BROWSER_COOKIE
from tests.accounts.conftest import cookie
from tests.factories import PASSWORD

ATTACKER, OWNER = "203.0.113.66", "198.51.100.7"


@pytest.fixture
def app_config(app_config):
    app_config.update(
        RATELIMIT_ENABLED=True,
        PROXY_COUNT=1,
        RATELIMIT_LOGIN="20 per minute",
        RATELIMIT_LOGIN_ACCOUNT="3 per minute",
        RATELIMIT_LOGIN_ACCOUNT_CEILING="6 per minute",
    )
    return app_config


@pytest.fixture
def owner(db, make):
    user = make.user("teacher", email="eigenaar@school.example")
    db.session.commit()
    return user


def log_in(client, address, password="wrong password!", email="eigenaar@school.example"):
    return client.post(
        "/inloggen", data={"email": email, "password": password}, headers={"X-Forwarded-For": address}
    ).status_code


def test_the_attackers_address_is_refused_and_the_owner_logs_in_from_another(app, owner):
    attacker, owner_browser = app.test_client(), app.test_client()
    assert [log_in(attacker, ATTACKER) for _ in range(4)] == [200, 200, 200, 429]
    assert log_in(attacker, ATTACKER, PASSWORD) == 429  # even with the right password

    assert log_in(owner_browser, OWNER, PASSWORD) == 302
    assert owner_browser.get("/mijn/profiel", headers={"X-Forwarded-For": OWNER}).status_code == 200


def test_the_proxy_address_itself_is_not_what_counts(app, owner):
    """Everyone arrives from the proxy's address; X-Forwarded-For tells them apart."""
    attacker, colleague = app.test_client(), app.test_client()
    for _ in range(3):
        log_in(attacker, ATTACKER)
    assert log_in(colleague, "198.51.100.8", PASSWORD) == 302


def test_guesses_spread_over_many_addresses_hit_the_ceiling(app, owner):
    botnet = app.test_client()
    statuses = [log_in(botnet, f"203.0.113.{n}") for n in range(1, 8)]
    assert statuses == [200] * 6 + [429]
    assert log_in(app.test_client(), OWNER, PASSWORD) == 429  # a new browser waits too


def test_a_browser_that_logged_in_before_is_exempt_from_the_ceiling(app, owner):
    usual = app.test_client()
    assert log_in(usual, OWNER, PASSWORD) == 302
    assert cookie(usual, KNOWN_BROWSER_COOKIE) is not None
    usual.post("/uitloggen", headers={"X-Forwarded-For": OWNER})

    botnet = app.test_client()
    for n in range(1, 8):
        log_in(botnet, f"203.0.113.{n}")

    assert log_in(usual, OWNER, PASSWORD) == 302


def test_a_forged_known_browser_cookie_does_not_exempt(app, owner):
    botnet = app.test_client()
    botnet.set_cookie(KNOWN_BROWSER_COOKIE, "not-signed-by-us", domain="portal.test")
    assert [log_in(botnet, f"203.0.113.{n}") for n in range(1, 8)][-1] == 429
