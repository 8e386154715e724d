"""The whole account journey in Chromium, as a teacher would walk it.

Home -> Registreren -> "check your mail" -> confirmation mail (real SMTP) -> confirm -> log in/out ->
Wachtwoord vergeten -> reset mail -> new password -> log in -> profile -> delete the
account -> logging in fails. Every page visited gets an axe-core scan (no serious or
critical violations) and a screenshot in test-artifacts/.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from portal.extensions import db
from portal.models import Organisation, User

PASSWORD = "fietsen langs de Hoge Vaart"
NEW_PASSWORD = "zeilen op het Markermeer 2026"
SCHOOL = "Basisschool De Windroos"


@pytest.fixture
def live_server_seed():
    return "accounts"  # demo schools and logins are all this journey needs


def log_in(page, live_server, email: str, password: str) -> None:
    page.goto(live_server("/"))
    page.get_by_role("navigation", name="Hoofdnavigatie").get_by_role("link", name="Inloggen").click()
    page.get_by_label("E-mailadres").fill(email)
    page.get_by_label("Wachtwoord", exact=True).fill(password)
    page.get_by_role("button", name="Inloggen").click()


def log_out(page, name: str) -> None:
    page.get_by_role("button", name=name).click()  # the menu with the user's name
    page.get_by_role("button", name="Uitloggen").click()
    expect(page.get_by_text("Je bent uitgelogd")).to_be_visible()


def fill_personal_details(page, name: str, email: str) -> None:
    page.get_by_label(re.compile(r"^Leraar")).check()
    page.get_by_label("Je naam").fill(name)
    page.get_by_label("E-mailadres").fill(email)
    page.get_by_label("Wachtwoord", exact=True).fill(PASSWORD)
    page.get_by_label(re.compile(r"wachtwoord.*herha|herha.*wachtwoord", re.I)).fill(PASSWORD)
    page.get_by_label(re.compile(r"privacyverklaring", re.I)).check()


def open_link_from_mail(page, smtp_sink, to: str, subject: str, path_part: str) -> str:
    message = smtp_sink.wait_for(to=to, subject_contains=subject)
    links = [url for url in smtp_sink.links(message) if path_part in url]
    assert links, f"no {path_part} link in the mail: {smtp_sink.text(message)}"
    page.goto(links[0])
    return links[0]


def test_teacher_registers_confirms_resets_password_and_deletes_account(
    live_server, smtp_sink, page, axe_check, shot
):
    email, name = "l.bakker@windroos.example", "Lotte Bakker"

    # Home page -> Registreren
    page.goto(live_server("/"))
    axe_check(page)
    shot(page, "home")
    page.get_by_role("navigation", name="Hoofdnavigatie").get_by_role("link", name="Registreren").click()
    expect(page).to_have_url(re.compile(r"/registreren$"))
    axe_check(page)

    # Register as a teacher of a school that is already on the portal
    fill_personal_details(page, name, email)
    page.get_by_label("Mijn school staat in de lijst", exact=True).check()
    page.get_by_label("School", exact=True).select_option(label=SCHOOL)
    axe_check(page)  # the form with the teacher's parts shown (JS hides the rest)
    shot(page, "register-filled")
    page.get_by_role("button", name="Account aanmaken").click()

    # Not logged in yet: the same "check your mail" page any address gets
    expect(page.get_by_role("heading", level=1)).to_have_text("Controleer je mail")
    expect(page.get_by_text(f"We hebben een mail gestuurd naar {email}")).to_be_visible()
    axe_check(page)
    shot(page, "registered")

    # The confirmation mail arrives over SMTP; its link confirms the address
    open_link_from_mail(page, smtp_sink, email, "Bevestig", "/bevestigen/")
    axe_check(page)
    shot(page, "confirm-page")
    page.get_by_role("button", name=re.compile("bevestig", re.I)).click()
    expect(page).to_have_url(re.compile(r"/inloggen"))
    expect(page.get_by_text("is bevestigd")).to_be_visible()
    axe_check(page)
    shot(page, "confirmed")
    with live_server.app.app_context():
        user = db.session.scalar(db.select(User).where(User.email == email))
        assert user.confirmed and user.organisation.name == SCHOOL

    # Log in with the password, and out again
    log_in(page, live_server, email, PASSWORD)
    expect(page.get_by_text(f"Welkom terug, {name}")).to_be_visible()
    axe_check(page)
    log_out(page, name)
    axe_check(page)

    # Forgot the password: ask for a link
    page.get_by_role("navigation", name="Hoofdnavigatie").get_by_role("link", name="Inloggen").click()
    axe_check(page)
    shot(page, "login")
    page.get_by_role("link", name=re.compile("Wachtwoord vergeten")).click()
    axe_check(page)
    shot(page, "forgot-password")
    page.get_by_label("E-mailadres").fill(email)
    page.get_by_role("button", name=re.compile("link", re.I)).click()
    expect(page.get_by_text(re.compile("hebben we een link"))).to_be_visible()
    axe_check(page)

    # The reset mail's link lets me choose a new password, and logs me in
    reset_link = open_link_from_mail(page, smtp_sink, email, "wachtwoord", "/wachtwoord-herstellen/")
    axe_check(page)
    shot(page, "reset-password")
    page.get_by_label("Nieuw wachtwoord", exact=True).fill(NEW_PASSWORD)
    page.get_by_label(re.compile(r"herha", re.I)).fill(NEW_PASSWORD)
    page.get_by_role("button", name=re.compile("opslaan", re.I)).click()
    expect(page.get_by_text(re.compile("wachtwoord is gewijzigd", re.I))).to_be_visible()
    axe_check(page)

    # The link works only once
    page.goto(reset_link)
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    expect(page.get_by_label("Nieuw wachtwoord", exact=True)).to_have_count(0)
    axe_check(page)
    shot(page, "reset-link-used")

    # The old password no longer works; the new one does
    page.goto(live_server("/"))
    log_out(page, name)
    log_in(page, live_server, email, PASSWORD)
    expect(page.get_by_role("alert")).to_be_visible()
    axe_check(page)
    shot(page, "login-old-password-refused")
    log_in(page, live_server, email, NEW_PASSWORD)
    expect(page.get_by_text(f"Welkom terug, {name}")).to_be_visible()

    # Profile page, then delete the account (confirmed with the password)
    page.get_by_role("button", name=name).click()
    axe_check(page)  # with the user menu open
    page.get_by_role("link", name="Profiel en instellingen").click()
    expect(page).to_have_url(re.compile(r"/mijn/profiel$"))
    axe_check(page)
    shot(page, "profile")
    page.get_by_role("navigation", name="Account").get_by_role("link", name="Account verwijderen").click()
    axe_check(page)
    page.get_by_label("Je wachtwoord").fill(NEW_PASSWORD)
    page.get_by_label(re.compile("niet ongedaan")).check()
    shot(page, "delete-account")
    page.get_by_role("button", name=re.compile("verwijder", re.I)).click()
    expect(page.get_by_text(re.compile("account is verwijderd"))).to_be_visible()
    axe_check(page)
    shot(page, "deleted")

    # Logging in fails now; the school is still there
    log_in(page, live_server, email, NEW_PASSWORD)
    expect(page.get_by_role("alert")).to_be_visible()
    expect(page.get_by_role("button", name=name)).to_have_count(0)
    axe_check(page)
    with live_server.app.app_context():
        assert db.session.scalar(db.select(User).where(User.email == email)) is None
        assert db.session.scalar(db.select(Organisation).where(Organisation.name == SCHOOL))


def test_teacher_registers_a_new_school_and_confirms_on_another_device(
    live_server, smtp_sink, page, browser, axe_check, shot
):
    email, name = "m.dekker@zeewolde-school.example", "Mehmet Dekker"
    page.goto(live_server("/registreren"))

    # Sending the form empty shows what is missing, tied to the fields
    page.get_by_role("button", name="Account aanmaken").click()
    expect(page.get_by_role("alert").first).to_be_visible()
    expect(page.get_by_label("Je naam")).to_have_attribute("aria-invalid", "true")
    axe_check(page)
    shot(page, "register-errors")

    fill_personal_details(page, name, email)
    page.get_by_label(re.compile("nog niet in de lijst")).check()
    page.get_by_label(re.compile(r"^Naam van de")).fill("Basisschool De Vlonder")
    page.get_by_label("Gemeente").select_option(label="Zeewolde")
    page.get_by_label(re.compile("Soort school|Schooltype")).select_option(value="po")
    axe_check(page)
    shot(page, "register-new-school")
    page.get_by_role("button", name="Account aanmaken").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Controleer je mail")

    # The mail is opened on another device: confirming there asks to log in afterwards
    phone = browser.new_context(locale="nl-NL", viewport={"width": 390, "height": 844})
    other = phone.new_page()
    try:
        open_link_from_mail(other, smtp_sink, email, "Bevestig", "/bevestigen/")
        axe_check(other)
        other.get_by_role("button", name=re.compile("bevestig", re.I)).click()
        expect(other).to_have_url(re.compile(r"/inloggen"))
        expect(other.get_by_text("is bevestigd")).to_be_visible()
        axe_check(other)
        shot(other, "confirmed-on-phone")
        other.get_by_label("E-mailadres").fill(email)
        other.get_by_label("Wachtwoord", exact=True).fill(PASSWORD)
        other.get_by_role("button", name="Inloggen").click()
        expect(other.get_by_role("heading", level=1)).to_contain_text(name)
        axe_check(other)
    finally:
        phone.close()

    with live_server.app.app_context():
        user = db.session.scalar(db.select(User).where(User.email == email))
        assert user.confirmed
        assert (user.organisation.name, user.organisation.municipality.name) == (
            "Basisschool De Vlonder",
            "Zeewolde",
        )
        assert user.organisation.verified is False  # a coordinator checks new schools
