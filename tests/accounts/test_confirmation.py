"""Confirming the address by a signed, expiring link; unconfirmed people cannot book or publish."""

from __future__ import annotations

from portal import permissions
from portal.accounts.tokens import make_confirm_token
from portal.models.accounts import find_user_by_email
from tests.accounts.conftest import mailed_path


def test_confirmation_mail_is_dutch_and_links_to_the_confirm_page(client, registration, outbox):
    client.post("/registreren", data=registration())
    [mail] = outbox("auth_confirm")
    assert mail.subject == "Bevestig je e-mailadres voor Techniek Flevoland"
    assert mail.body_text.startswith("Hallo Anna de Boer,")
    assert "De link werkt 3 dagen." in mail.body_text
    assert mailed_path(mail).startswith("/bevestigen/")
    assert 'href="http://portal.test/bevestigen/' in mail.body_html
    assert "Mijn e-mailadres bevestigen" in mail.body_html


def test_link_shows_a_button_and_only_the_post_confirms(client, db, registration, outbox):
    client.post("/registreren", data=registration())
    path = mailed_path(outbox("auth_confirm")[0])
    user = find_user_by_email("anna@school.example")

    page = client.get(path)  # a mail scanner opening the link changes nothing
    assert page.status_code == 200 and "Mijn e-mailadres bevestigen" in page.get_data(as_text=True)
    db.session.refresh(user)
    assert not user.confirmed

    response = client.post(path, follow_redirects=True)
    assert "Bedankt, je e-mailadres is bevestigd." in response.get_data(as_text=True)
    db.session.refresh(user)
    assert user.confirmed


def test_unconfirmed_people_cannot_book_or_publish_until_they_confirm(client, db, make):
    teacher = make.user("teacher", confirmed=False)
    provider = make.user("provider", confirmed=False)
    assert not permissions.can_book(teacher) and not permissions.can_create_offer(provider)

    for user in (teacher, provider):
        client.post(f"/bevestigen/{make_confirm_token(user)}")
        db.session.refresh(user)
    assert permissions.can_book(teacher) and permissions.can_create_offer(provider)


def test_expired_link_is_refused(app, client, db, make):
    user = make.user("teacher", confirmed=False)
    db.session.commit()
    token = make_confirm_token(user)
    app.config["CONFIRM_TOKEN_MAX_AGE"] = -1  # every token is older than that
    response = client.post(f"/bevestigen/{token}")
    assert response.status_code == 400
    assert "De bevestigingslink is verlopen." in response.get_data(as_text=True)
    db.session.refresh(user)
    assert not user.confirmed


def test_tampered_link_is_refused(client, db, make):
    user = make.user("teacher", confirmed=False)
    db.session.commit()
    token = make_confirm_token(user)
    tampered = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
    response = client.post(f"/bevestigen/{tampered}")
    assert response.status_code == 400
    assert "niet geldig" in response.get_data(as_text=True)
    db.session.refresh(user)
    assert not user.confirmed


def test_a_reset_token_does_not_confirm_an_address(client, db, make):
    from portal.accounts.tokens import make_reset_token

    user = make.user("teacher", confirmed=False)
    db.session.commit()
    assert client.post(f"/bevestigen/{make_reset_token(user)}").status_code == 400


def test_link_for_an_old_address_does_not_confirm_a_new_one(client, db, make):
    user = make.user("teacher", confirmed=False, email="oud@school.example")
    db.session.commit()
    token = make_confirm_token(user)
    user.email = "nieuw@school.example"
    db.session.commit()
    assert client.post(f"/bevestigen/{token}").status_code == 400


def test_resend_confirmation_queues_a_new_mail(client, login_as, outbox):
    user = login_as("teacher", confirmed=False)
    response = client.post("/bevestiging-opnieuw", follow_redirects=True)
    assert f"We hebben een nieuwe link gestuurd naar {user.email}." in response.get_data(as_text=True)
    assert [m.recipient for m in outbox("auth_confirm")] == [user.email]


def test_resend_for_a_confirmed_user_sends_nothing(client, login_as, outbox):
    login_as("teacher")
    client.post("/bevestiging-opnieuw")
    assert outbox("auth_confirm") == []


def test_nav_offers_to_resend_to_unconfirmed_users(client, login_as):
    login_as("teacher", confirmed=False)
    html = client.get("/mijn/profiel").get_data(as_text=True)
    assert 'action="/bevestiging-opnieuw"' in html
