"""Registering as a teacher or provider, with a new or an existing organisation."""

from __future__ import annotations

from sqlalchemy import func, select

from portal.models import Organisation, User
from portal.models.accounts import find_user_by_email


def test_teacher_registers_a_new_school(client, db, registration, outbox):
    response = client.post("/registreren", data=registration(new_brin=" 12ab "))

    assert response.status_code == 302 and response.location.endswith("/registreren/controleer-je-mail")
    user = find_user_by_email("anna@school.example")
    assert user.role == "teacher" and not user.confirmed
    school = user.organisation
    assert (school.kind, school.name, school.sector, school.brin) == (
        "school",
        "Basisschool De Kade",
        "po",
        "12AB",
    )
    assert school.municipality.slug == "lelystad" and not school.verified
    assert [m.recipient for m in outbox("auth_confirm")] == ["anna@school.example"]
    assert client.get("/mijn/profiel").status_code == 302  # logging in comes after confirming


def test_teacher_picks_an_existing_school_and_asks_its_admin(client, make, registration, outbox):
    school = make.school(name="OBS De Polder")
    admin = make.user("teacher", organisation=school, is_org_admin=True)
    make.user("teacher", organisation=school)  # a colleague without the admin right

    client.post(
        "/registreren", data=registration(school_mode="existing", school_id=str(school.id), new_name="")
    )

    user = find_user_by_email("anna@school.example")
    assert user.organisation_id == school.id and user.membership_status == "pending"
    asked = outbox("membership_requested")
    assert [m.recipient for m in asked] == [admin.email]
    assert "Anna de Boer vraagt toegang tot OBS De Polder" in asked[0].subject


def test_provider_registers_a_new_company(client, registration):
    response = client.post(
        "/registreren",
        data=registration(
            role="provider",
            email="info@robots.example",
            new_name="Robots BV",
            new_website="https://robots.example",
            new_sector="",
            school_mode="",
        ),
    )

    assert response.status_code == 302
    user = find_user_by_email("info@robots.example")
    company = user.organisation
    assert user.role == "provider"
    assert (company.kind, company.name, company.website, company.sector) == (
        "company",
        "Robots BV",
        "https://robots.example",
        None,
    )
    assert not company.verified
    assert user.membership_status == "approved" and user.is_org_admin  # the founder


def test_provider_joins_an_existing_company(client, make, registration, outbox):
    company = make.company(name="Windpark Noord")
    member = make.user("provider", organisation=company, is_org_admin=True)

    client.post(
        "/registreren",
        data=registration(
            role="provider",
            email="nieuw@windpark.example",
            company_mode="existing",
            company_id=str(company.id),
        ),
    )

    user = find_user_by_email("nieuw@windpark.example")
    assert user.organisation_id == company.id and user.role == "provider"
    assert user.membership_status == "pending" and not user.is_org_admin
    assert [m.recipient for m in outbox("membership_requested")] == [member.email]


def test_a_teacher_cannot_join_a_company(client, db, make, registration):
    company = make.company()
    response = client.post(
        "/registreren", data=registration(school_mode="existing", school_id=str(company.id))
    )
    assert response.status_code == 200
    assert "Kies een organisatie uit de lijst." in response.get_data(as_text=True)
    assert find_user_by_email("anna@school.example") is None


def test_an_address_with_an_account_gets_no_second_one(client, db, make, registration, outbox):
    """The visitor sees what a new address gets (tests/accounts/test_account_privacy.py);
    the owner gets a mail, and nothing else changes."""
    make.user("teacher", email="anna@school.example")
    db.session.commit()

    response = client.post("/registreren", data=registration(email="Anna@School.EXAMPLE"))

    assert response.status_code == 302
    count = db.session.scalar(select(func.count(User.id)).where(User.email == "anna@school.example"))
    assert count == 1
    assert db.session.scalar(select(Organisation).where(Organisation.name == "Basisschool De Kade")) is None
    assert [m.recipient for m in outbox("auth_register_attempt")] == ["anna@school.example"]
    assert outbox("auth_confirm") == []


def test_short_password_and_mismatch_are_refused(client, registration):
    html = client.post("/registreren", data=registration(password="kort", password_repeat="anders")).get_data(
        as_text=True
    )
    assert "Gebruik minstens 10 tekens." in html
    assert "De wachtwoorden zijn niet hetzelfde." in html
    assert find_user_by_email("anna@school.example") is None


def test_brin_must_look_like_a_brin_code(client, registration):
    html = client.post("/registreren", data=registration(new_brin="ABCD")).get_data(as_text=True)
    assert "Een BRIN-code bestaat uit 2 cijfers en 2 letters" in html
    assert find_user_by_email("anna@school.example") is None


def test_six_character_brin_with_location_is_accepted(client, registration):
    client.post("/registreren", data=registration(new_brin="12AB01"))
    assert find_user_by_email("anna@school.example").organisation.brin == "12AB01"


def test_a_known_brin_or_name_points_to_the_list(client, db, make, registration):
    make.school(brin="34CD", name="Bestaande School", municipality_slug="lelystad")
    db.session.commit()
    html = client.post("/registreren", data=registration(new_brin="34cd")).get_data(as_text=True)
    assert "Er staat al een school met deze BRIN-code" in html
    html = client.post("/registreren", data=registration(new_name="bestaande school")).get_data(as_text=True)
    assert "Er staat al een organisatie met deze naam in deze gemeente" in html
    assert find_user_by_email("anna@school.example") is None


def test_role_and_new_organisation_fields_are_required(client, registration):
    html = client.post("/registreren", data=registration(role="", new_name="", new_municipality="")).get_data(
        as_text=True
    )
    assert "Kies of je leraar of aanbieder bent." in html
    data = registration(new_name="", new_municipality="")
    html = client.post("/registreren", data=data).get_data(as_text=True)
    assert "Vul de naam van je organisatie in." in html and "Kies een gemeente." in html


def test_privacy_statement_must_be_accepted(client, registration):
    data = registration()
    del data["accept_privacy"]
    html = client.post("/registreren", data=data).get_data(as_text=True)
    assert "Lees en accepteer de privacyverklaring." in html
    assert find_user_by_email("anna@school.example") is None


def test_register_page_lists_schools_grouped_by_municipality(client, make, db):
    make.school(name="Zonnebloem", municipality_slug="urk")
    make.school(name="Akker", municipality_slug="urk")
    make.school(name="Dijk", municipality_slug="almere")
    make.company(name="Niet Een School")
    db.session.commit()
    html = client.get("/registreren").get_data(as_text=True)
    almere, urk = html.index('<optgroup label="Almere">'), html.index('<optgroup label="Urk">')
    assert almere < html.index(">Dijk<") < urk < html.index(">Akker<") < html.index(">Zonnebloem<")
    start = html.index('name="school_id"')
    school_select = html[start : html.index("</select>", start)]
    assert "Niet Een School" not in school_select
