"""Logins the server can end: logging out, "log out everywhere", old and unknown sessions."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import event, select

from portal.models import User, UserSession, utcnow
from tests.accounts.conftest import cookie
from tests.factories import PASSWORD


@pytest.fixture
def user(db, make):
    person = make.user("teacher", email="sanne@school.example")
    db.session.commit()
    return person


def logged_in(app, user, remember=False):
    browser = app.test_client()
    data = {"email": user.email, "password": PASSWORD, **({"remember": "y"} if remember else {})}
    assert browser.post("/inloggen", data=data).status_code == 302
    assert browser.get("/mijn/profiel").status_code == 200
    return browser


def with_cookie(app, name, value):
    browser = app.test_client()
    browser.set_cookie(name, value, domain="portal.test")
    return browser


def test_a_login_is_a_session_row_named_in_the_cookie(app, db, user):
    logged_in(app, user)
    [row] = db.session.scalars(select(UserSession).where(UserSession.user_id == user.id)).all()
    assert row.revoked_at is None and row.user_agent  # the browser's, to recognise it by
    assert len(row.key) >= 40


def test_after_logging_out_copies_of_the_cookies_no_longer_work(app, db, user):
    browser = logged_in(app, user, remember=True)
    session, remember = cookie(browser, "session").value, cookie(browser, "remember_token").value

    browser.post("/uitloggen")

    assert with_cookie(app, "session", session).get("/mijn/profiel").status_code == 302
    assert with_cookie(app, "remember_token", remember).get("/mijn/profiel").status_code == 302
    row = db.session.scalar(select(UserSession).where(UserSession.user_id == user.id))
    assert row.revoked_at is not None


def test_logging_out_ends_only_this_browsers_login(app, user):
    here, there = logged_in(app, user), logged_in(app, user)
    here.post("/uitloggen")
    assert here.get("/mijn/profiel").status_code == 302
    assert there.get("/mijn/profiel").status_code == 200


def test_log_out_everywhere_ends_every_login_and_remembered_device(app, db, user):
    here, there = logged_in(app, user), logged_in(app, user, remember=True)
    remembered = cookie(there, "remember_token").value
    old_token = user.login_token

    response = here.post("/mijn/overal-uitloggen", follow_redirects=True)

    assert "Je bent op elk apparaat uitgelogd" in response.get_data(as_text=True)
    assert here.get("/mijn/profiel").status_code == 302
    assert there.get("/mijn/profiel").status_code == 302
    assert with_cookie(app, "remember_token", remembered).get("/mijn/profiel").status_code == 302
    db.session.refresh(user)
    assert user.login_token != old_token
    rows = db.session.scalars(select(UserSession).where(UserSession.user_id == user.id)).all()
    assert rows and all(row.revoked_at is not None for row in rows)
    assert logged_in(app, user)  # logging in again works


def test_the_profile_page_offers_log_out_everywhere(app, user):
    logged_in(app, user)
    html = logged_in(app, user).get("/mijn/profiel").get_data(as_text=True)
    assert 'action="/mijn/overal-uitloggen"' in html
    assert "Je bent ingelogd in 2 browsers of apparaten." in html


def test_log_out_everywhere_is_a_post_with_csrf(app, user):
    browser = logged_in(app, user)
    assert browser.get("/mijn/overal-uitloggen").status_code == 405
    app.config["WTF_CSRF_ENABLED"] = True
    assert browser.post("/mijn/overal-uitloggen").status_code == 400
    assert browser.get("/mijn/profiel").status_code == 200


def test_a_password_change_ends_the_other_sessions_rows_too(app, db, user):
    here, there = logged_in(app, user), logged_in(app, user)
    here.post(
        "/mijn/wachtwoord",
        data={
            "current_password": PASSWORD,
            "password": "een nieuw en lang wachtwoord",
            "password_repeat": "een nieuw en lang wachtwoord",
        },
    )
    assert here.get("/mijn/profiel").status_code == 200
    assert there.get("/mijn/profiel").status_code == 302
    live = db.session.scalars(
        select(UserSession).where(UserSession.user_id == user.id, UserSession.revoked_at.is_(None))
    ).all()
    assert len(live) == 1


@pytest.mark.parametrize(
    "session_id",
    [
        "{id}:{token}",  # from before login sessions
        "{id}:{token}:unknown-key",
        "{id}:{token}:{key}:extra",
        "{id}:wrong-token:{key}",
    ],
)
def test_an_id_without_a_live_session_is_anonymous(app, db, user, session_id):
    browser = logged_in(app, user)
    key = db.session.scalar(select(UserSession.key).where(UserSession.user_id == user.id))
    with browser.session_transaction() as session:
        session["_user_id"] = session_id.format(id=user.id, token=user.login_token, key=key)
    assert browser.get("/mijn/profiel").status_code == 302


def test_a_login_lasts_at_most_the_remember_duration(app, db, user):
    browser = logged_in(app, user, remember=True)
    row = db.session.scalar(select(UserSession).where(UserSession.user_id == user.id))
    row.created_at = utcnow() - app.config["REMEMBER_COOKIE_DURATION"] - timedelta(minutes=1)
    db.session.commit()
    assert browser.get("/mijn/profiel").status_code == 302


def test_ended_and_expired_logins_are_deleted_at_the_next_login(app, db, user):
    logged_in(app, user).post("/uitloggen")
    old = logged_in(app, user)
    row = db.session.scalars(select(UserSession).where(UserSession.revoked_at.is_(None))).one()
    row.created_at = utcnow() - timedelta(days=365)
    db.session.commit()
    assert old.get("/mijn/profiel").status_code == 302

    logged_in(app, user)

    db.session.expire_all()
    rows = db.session.scalars(select(UserSession).where(UserSession.user_id == user.id)).all()
    assert len(rows) == 1 and rows[0].revoked_at is None


def test_checking_the_session_never_writes(app, db, user):
    browser = logged_in(app, user, remember=True)
    browser.delete_cookie("session", domain="portal.test")  # back through the remember cookie
    statements = []

    def record(conn, cursor, statement, *args):
        statements.append(statement.split()[0].upper())

    event.listen(db.engine, "before_cursor_execute", record)
    try:
        assert browser.get("/mijn/profiel").status_code == 200
        assert browser.get("/mijn/profiel").status_code == 200
    finally:
        event.remove(db.engine, "before_cursor_execute", record)
    assert statements and set(statements) == {"SELECT"}


def test_deleting_the_account_deletes_its_sessions(app, db, user):
    browser = logged_in(app, user)
    browser.post("/mijn/account-verwijderen", data={"password": PASSWORD, "understood": "y"})
    assert db.session.scalars(select(UserSession)).all() == []
    assert db.session.get(User, user.id).deleted_at is not None


def test_comparing_users_starts_no_session(db, make):
    first, second = make.user("teacher"), make.user("teacher")
    db.session.commit()
    assert first != second and first == db.session.get(User, first.id)
    assert db.session.scalars(select(UserSession)).all() == []


def test_deactivating_a_user_ends_their_logins(app, db, runner, user):
    browser = logged_in(app, user, remember=True)
    result = runner.invoke(args=["users", "deactivate", "--email", user.email])
    assert result.exit_code == 0, result.output
    assert browser.get("/mijn/profiel").status_code == 302
    db.session.expire_all()
    assert db.session.scalars(select(UserSession).where(UserSession.revoked_at.is_(None))).all() == []
