"""The /mijn pages: profile, the AVG data export and deleting an account."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from portal.accounts.mails import queue_password_reset
from portal.mail.outbox import queue_mail
from portal.models import Organisation, OutboxMail, User
from portal.models.accounts import find_user_by_email
from portal.plugs import plugs
from tests.factories import PASSWORD

LOGIN_REQUIRED = [
    ("get", "/mijn/profiel"),
    ("post", "/mijn/profiel"),
    ("get", "/mijn/wachtwoord"),
    ("post", "/mijn/wachtwoord"),
    ("get", "/mijn/gegevens.json"),
    ("get", "/mijn/account-verwijderen"),
    ("post", "/mijn/account-verwijderen"),
    ("post", "/bevestiging-opnieuw"),
]


@pytest.mark.parametrize("method,path", LOGIN_REQUIRED)
def test_anonymous_visitors_are_sent_to_the_login_page(client, method, path):
    response = getattr(client, method)(path)
    assert response.status_code == 302
    assert response.location.startswith("/inloggen?next=")


def test_profile_edit_saves_name_phone_and_mail_preferences(client, db, login_as):
    user = login_as("teacher")
    response = client.post(
        "/mijn/profiel",
        data={"name": "  Sanne Jansen ", "phone": "0320 123 456", "reminders": "y", "moderation": "daily"},
    )
    assert response.status_code == 302
    db.session.refresh(user)
    assert (user.name, user.phone) == ("Sanne Jansen", "0320 123 456")
    assert user.pref("booking_updates") is False and user.pref("reminders") is True
    assert user.pref("moderation") == "each"  # not a teacher's setting: unchanged


def test_profile_shows_the_settings_that_fit_the_role(client, login_as):
    login_as("teacher")
    html = client.get("/mijn/profiel").get_data(as_text=True)
    assert 'name="reminders"' in html and 'name="moderation"' not in html
    assert 'name="saved_search_digest"' not in html  # no saved searches yet: no setting
    assert "Profiel en instellingen" in html


def test_coordinator_profile_offers_the_moderation_setting(client, db, login_as):
    user = login_as("coordinator")
    html = client.get("/mijn/profiel").get_data(as_text=True)
    assert 'name="moderation"' in html and 'name="reminders"' not in html
    client.post("/mijn/profiel", data={"name": user.name, "moderation": "daily"})
    db.session.refresh(user)
    assert user.pref("moderation") == "daily"


def test_profile_needs_a_name(client, db, login_as):
    user = login_as("teacher")
    html = client.post("/mijn/profiel", data={"name": ""}).get_data(as_text=True)
    assert "aria-invalid" in html
    db.session.refresh(user)
    assert user.name


def test_export_is_a_json_download_of_my_own_data(app, client, db, make, login_as, monkeypatch):
    school = make.school(name="OBS De Kreek", brin="12AB")
    me = login_as("teacher", organisation=school, name="Sanne", phone="0612345678")
    colleague = make.user("teacher", organisation=school, email="collega@school.example")
    queue_mail(me, "auth_confirm", user=me, link="http://portal.test/x")
    queue_mail(colleague, "auth_confirm", user=colleague, link="http://portal.test/y")
    queue_password_reset(me.email)  # a row with only the address
    db.session.commit()
    exporters = plugs(app).exporters
    monkeypatch.setattr(plugs(app), "exporters", [*exporters, lambda user: ("bookings", [{"id": 1}])])

    response = client.get("/mijn/gegevens.json")

    assert response.mimetype == "application/json"
    assert "attachment" in response.headers["Content-Disposition"]
    data = json.loads(response.get_data(as_text=True))
    assert data["profile"]["email"] == me.email and data["profile"]["phone"] == "0612345678"
    assert data["profile"]["notification_preferences"]["reminders"] is True
    assert data["organisation"] == {
        "name": "OBS De Kreek",
        "kind": "school",
        "sector": "po",
        "brin": "12AB",
        "municipality": "Almere",
        "website": None,
        "verified": True,
    }
    assert data["bookings"] == [{"id": 1}]
    assert [(m["type"], m["subject"], m["status"]) for m in data["mail"]] == [
        ("auth_confirm", "Bevestig je e-mailadres voor Techniek Flevoland", "pending"),
        ("auth_reset", "", "pending"),
    ]
    assert [(s["ended_at"], bool(s["started_at"])) for s in data["logins"]] == [(None, True)]
    assert "collega@school.example" not in response.get_data(as_text=True)
    assert "password" not in response.get_data(as_text=True)


def test_deleting_my_account_keeps_the_organisation_and_colleagues(client, db, make, login_as):
    school = make.school(name="OBS De Kreek")
    colleague = make.user("teacher", organisation=school, email="collega@school.example")
    me = login_as("teacher", organisation=school, email="ik@school.example", phone="0612345678")
    queue_mail(me, "auth_confirm", user=me, link="http://portal.test/x")
    queue_mail(colleague, "auth_confirm", user=colleague, link="http://portal.test/y")
    queue_password_reset("ik@school.example")  # a row with only the address
    db.session.commit()

    response = client.post(
        "/mijn/account-verwijderen", data={"password": PASSWORD, "understood": "y"}, follow_redirects=True
    )

    assert "Je account is verwijderd." in response.get_data(as_text=True)
    assert client.get("/mijn/profiel").status_code == 302  # logged out
    db.session.expire_all()
    gone = db.session.get(User, me.id)
    assert find_user_by_email("ik@school.example") is None
    assert (gone.name, gone.phone, gone.password_hash, gone.active, gone.organisation_id) == (
        "Verwijderd account",
        None,
        None,
        False,
        None,
    )
    assert gone.deleted_at is not None
    assert db.session.get(Organisation, school.id).name == "OBS De Kreek"
    assert [m.id for m in db.session.get(Organisation, school.id).members] == [colleague.id]
    recipients = db.session.scalars(select(OutboxMail.recipient)).all()
    assert recipients == ["collega@school.example"]
    login = client.post("/inloggen", data={"email": "ik@school.example", "password": PASSWORD})
    assert "E-mailadres of wachtwoord klopt niet." in login.get_data(as_text=True)


def test_deleting_needs_the_password_and_the_tick(client, db, login_as):
    me = login_as("teacher")
    html = client.post(
        "/mijn/account-verwijderen", data={"password": "fout wachtwoord", "understood": "y"}
    ).get_data(as_text=True)
    assert "Je wachtwoord klopt niet." in html
    html = client.post("/mijn/account-verwijderen", data={"password": PASSWORD}).get_data(as_text=True)
    assert "Vink dit vakje aan om te bevestigen." in html
    db.session.refresh(me)
    assert me.deleted_at is None and me.active


def test_other_areas_can_erase_their_personal_data(app, client, db, login_as):
    from portal.plugs import plugs

    erased = []
    plugs(app).erasers.append(erased.append)  # as an area's init_app would
    me = login_as("provider")
    client.post("/mijn/account-verwijderen", data={"password": PASSWORD, "understood": "y"})
    assert [u.id for u in erased] == [me.id]


def test_the_only_admin_cannot_delete_their_account(client, db, login_as):
    me = login_as("admin")
    html = client.post("/mijn/account-verwijderen", data={"password": PASSWORD, "understood": "y"}).get_data(
        as_text=True
    )
    assert "Je bent de enige beheerder." in html
    db.session.refresh(me)
    assert me.deleted_at is None
