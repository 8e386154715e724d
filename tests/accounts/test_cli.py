"""``flask users ...``: create, set-role, deactivate, activate, list."""

from __future__ import annotations

from portal.models.accounts import find_user_by_email
from tests.factories import PASSWORD


def invoke(runner, *args, input=None):
    return runner.invoke(args=["users", *args], input=input)


def test_create_teacher_with_password_from_stdin(runner, db, make):
    school = make.school(name="OBS De Kreek")
    db.session.commit()
    result = invoke(
        runner,
        "create",
        "--email",
        "Nieuw@School.example",
        "--name",
        "Nina",
        "--role",
        "teacher",
        "--organisation",
        "obs de kreek",
        "--password-stdin",
        input="een lang wachtwoord\n",
    )
    assert result.exit_code == 0, result.output
    user = find_user_by_email("nieuw@school.example")
    assert user.email == "nieuw@school.example" and user.confirmed and user.active
    assert user.organisation_id == school.id and user.check_password("een lang wachtwoord")


def test_create_prompts_twice_for_a_hidden_password(runner, db):
    result = invoke(
        runner,
        "create",
        "--email",
        "beheer@portal.example",
        "--name",
        "Bea",
        "--role",
        "admin",
        input="geheim wachtwoord\ngeheim wachtwoord\n",
    )
    assert result.exit_code == 0, result.output
    assert "geheim wachtwoord" not in result.output
    assert find_user_by_email("beheer@portal.example").check_password("geheim wachtwoord")


def test_create_coordinator_gets_a_region(runner, db):
    result = invoke(
        runner,
        "create",
        "--email",
        "coord@portal.example",
        "--name",
        "Cor",
        "--role",
        "coordinator",
        "--region",
        "noord-holland",
        "--password-stdin",
        input="een lang wachtwoord\n",
    )
    assert result.exit_code == 0, result.output
    assert find_user_by_email("coord@portal.example").region.slug == "noord-holland"


def test_create_refuses_clearly(runner, db, make):
    company = make.company()
    make.user("teacher", email="bestaat@school.example")
    db.session.commit()
    cases = [
        (["--email", "bestaat@SCHOOL.example", "--role", "admin"], "already exists"),
        (["--email", "a@x.example", "--role", "teacher", "--organisation", "Nergens"], "No organisation"),
        (
            ["--email", "a@x.example", "--role", "teacher", "--organisation", str(company.id)],
            "needs an organisation",
        ),
        (["--email", "a@x.example", "--role", "coordinator", "--region", "mars"], "No region"),
        (["--email", "a@x.example", "--role", "admin"], "at least 10"),
    ]
    for args, message in cases:
        result = invoke(runner, "create", "--name", "X", *args, "--password-stdin", input="kort\n")
        assert result.exit_code != 0 and message in result.output, (args, result.output)
    assert find_user_by_email("a@x.example") is None


def test_set_role_to_coordinator_with_region(runner, db, make):
    user = make.user("teacher", email="wordt@coord.example")
    db.session.commit()
    result = invoke(
        runner, "set-role", "--email", "wordt@coord.example", "--role", "coordinator", "--region", "flevoland"
    )
    assert result.exit_code == 0, result.output
    db.session.refresh(user)
    assert user.role == "coordinator" and user.region.slug == "flevoland"


def test_set_role_provider_needs_a_company(runner, db, make):
    make.user("teacher", email="leraar@school.example")
    company = make.company(name="Robots BV")
    db.session.commit()
    refused = invoke(runner, "set-role", "--email", "leraar@school.example", "--role", "provider")
    assert refused.exit_code != 0 and "needs an organisation" in refused.output
    ok = invoke(
        runner,
        "set-role",
        "--email",
        "leraar@school.example",
        "--role",
        "provider",
        "--organisation",
        "Robots BV",
    )
    assert ok.exit_code == 0, ok.output
    user = find_user_by_email("leraar@school.example")
    assert user.role == "provider" and user.organisation_id == company.id


def test_deactivate_ends_sessions_and_refuses_login(app, runner, db, make):
    user = make.user("provider", email="stop@bedrijf.example")
    db.session.commit()
    client = app.test_client()
    client.post("/inloggen", data={"email": user.email, "password": PASSWORD})
    assert client.get("/mijn/profiel").status_code == 200

    result = invoke(runner, "deactivate", "--email", "STOP@bedrijf.example")

    assert result.exit_code == 0, result.output
    assert client.get("/mijn/profiel").status_code == 302
    login = client.post("/inloggen", data={"email": user.email, "password": PASSWORD})
    assert "Dit account is uitgeschakeld" in login.get_data(as_text=True)
    assert invoke(runner, "activate", "--email", user.email).exit_code == 0
    assert client.post("/inloggen", data={"email": user.email, "password": PASSWORD}).status_code == 302


def test_unknown_email_is_a_clear_error(runner, db):
    result = invoke(runner, "deactivate", "--email", "niemand@x.example")
    assert result.exit_code != 0 and "No user with email" in result.output


def test_list_shows_users(runner, db, make):
    make.user("teacher", email="een@school.example")
    make.user("provider", email="twee@bedrijf.example", confirmed=False)
    db.session.commit()
    output = invoke(runner, "list").output
    assert "een@school.example" in output and "twee@bedrijf.example" in output and "unconfirmed" in output
    assert "een@school.example" not in invoke(runner, "list", "--role", "provider").output
