"""Nobody learns from registering or asking for a reset whether an address has an account:
the same answer, and (for a reset request) the same work, whatever the address."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import event

from portal.models import Organisation, User
from tests.accounts.conftest import mailed_path

CSRF = re.compile(r'name="csrf_token" value="[^"]+"')  # random in every new browser session


def outcome(app, data) -> tuple:
    """Everything the visitor sees: status, redirect, the cookies set, the page after it."""
    browser = app.test_client()
    response = browser.post("/registreren", data=data)
    cookies = sorted(re.match(r"[^=]+", c).group(0) for c in response.headers.getlist("Set-Cookie"))
    page = browser.get(response.location).get_data(as_text=True) if response.location else ""
    body = response.get_data(as_text=True)
    return (response.status_code, response.location, cookies, CSRF.sub("", page), CSRF.sub("", body))


def test_registering_an_address_with_an_account_looks_exactly_like_a_new_one(app, db, registration, outbox):
    new = outcome(app, registration())  # Anna's address gets its account now
    taken = outcome(app, registration(new_name="Basisschool De Steiger"))  # ... and has one

    assert new == taken
    status, location, _cookies, page, _body = new
    assert status == 302 and location == "/registreren/controleer-je-mail"
    assert "Controleer je mail" in page and "We hebben een mail gestuurd naar anna@school.example" in page
    assert [m.template for m in outbox()] == ["auth_confirm", "auth_register_attempt"]
    assert db.session.scalar(db.select(db.func.count(User.id))) == 1


def test_an_address_registered_a_moment_ago_gets_the_same_answer(app, db, registration, outbox, monkeypatch):
    """Two registrations with one address at once: the second found no account when it
    looked, and the database refuses its row. It answers as for any address with an account
    (the owner is mailed), and nothing of it stays: no second account, no organisation."""
    from portal.accounts import services

    new = outcome(app, registration())
    real_lookup, lookups = services.find_user_by_email, []

    def not_there_yet(email):
        lookups.append(email)
        return None if len(lookups) == 1 else real_lookup(email)

    monkeypatch.setattr(services, "find_user_by_email", not_there_yet)
    raced = outcome(app, registration(new_name="Basisschool De Steiger"))

    assert raced == new and len(lookups) == 2
    assert [m.template for m in outbox()] == ["auth_confirm", "auth_register_attempt"]
    assert db.session.scalar(db.select(db.func.count(User.id))) == 1
    assert (
        db.session.scalar(db.select(Organisation.id).where(Organisation.name == "Basisschool De Steiger"))
        is None
    )


@pytest.mark.parametrize(
    "mistake",
    [
        {"password": "kort", "password_repeat": "kort"},
        {"new_brin": "12"},
        {"school_mode": "existing", "school_id": "999999", "new_name": ""},
    ],
)
def test_a_form_error_does_not_depend_on_the_address_either(app, db, make, registration, mistake):
    before = outcome(app, registration(**mistake))
    make.user("teacher", email="anna@school.example", organisation=None)
    db.session.commit()
    after = outcome(app, registration(**mistake))
    assert before == after and before[0] == 200


def test_the_owner_hears_of_the_attempt_with_the_way_back_in(client, db, make, registration, deliver):
    owner = make.user("teacher", email="anna@school.example", name="Anna Visser")
    db.session.commit()
    client.post("/registreren", data=registration())
    client.post("/registreren", data=registration())  # again the same day: one mail is enough

    [mail] = deliver()
    assert mail.recipients == [owner.email]
    assert mail.subject == "Iemand probeerde zich te registreren met je adres bij Techniek Flevoland"
    assert "Hallo Anna Visser," in mail.body
    assert mailed_path(mail, "/wachtwoord-vergeten") == "/wachtwoord-vergeten"
    assert mailed_path(mail, "/inloggen") == "/inloggen"
    db.session.refresh(owner)
    assert owner.name == "Anna Visser"  # nothing about the account changed


def test_an_inactive_owner_gets_no_mail(client, db, make, registration, outbox):
    make.user("teacher", email="anna@school.example", active=False)
    db.session.commit()
    assert client.post("/registreren", data=registration()).status_code == 302
    assert outbox() == []


def statements_during(db, action) -> list[str]:
    seen = []

    def record(conn, cursor, statement, parameters, context, executemany):
        seen.append(" ".join(statement.split()))

    event.listen(db.engine, "before_cursor_execute", record)
    try:
        action()
    finally:
        event.remove(db.engine, "before_cursor_execute", record)
    return seen


def test_a_reset_request_does_the_same_work_for_known_and_unknown_addresses(app, db, make, outbox):
    make.user("teacher", email="bekend@school.example")
    db.session.commit()

    def ask(address):
        return lambda: app.test_client().post("/wachtwoord-vergeten", data={"email": address})

    known = statements_during(db, ask("bekend@school.example"))
    unknown = statements_during(db, ask("onbekend@school.example"))

    assert known == unknown  # the same statements, in the same order
    assert not any('"user"' in statement for statement in known)  # no account looked up
    assert [s.split()[0] for s in known if not s.startswith("SELECT")] == ["INSERT"]
    rows = outbox("auth_reset")
    assert [(r.recipient, r.subject, r.body_text, r.user_id) for r in rows] == [
        ("bekend@school.example", "", "", None),
        ("onbekend@school.example", "", "", None),
    ]
