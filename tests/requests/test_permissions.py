"""Permission matrix: every request route x every role; and what the public list and page
show (no personal data) and who sees a request that is not open."""

from __future__ import annotations

import pytest

from portal.models import MailFrequency, RequestPreference
from portal.requests import answers, services
from tests.clock import days_ahead
from tests.conftest import log_in_client

ROLES = ["anonymous", "teacher", "teacher_other", "provider", "coordinator", "admin"]
OK, DENIED, LOGIN, HIDDEN = "ok", 403, "login", 404


def everyone_but(allowed: set[str], denied=DENIED) -> dict:
    return {r: LOGIN if r == "anonymous" else (OK if r in allowed else denied) for r in ROLES}


EVERYONE = {r: OK for r in ROLES}
# name: (method, path template, form data, who may)
ROUTES = {
    "list": ("GET", "/vragen", None, EVERYONE),
    "new_page": ("GET", "/vragen/nieuw", None, everyone_but({"teacher", "teacher_other"})),
    "open_page": ("GET", "/vragen/{open}", None, EVERYONE),
    "submitted_page": (
        "GET",
        "/vragen/{submitted}",
        None,
        {r: OK if r in {"teacher", "coordinator", "admin"} else HIDDEN for r in ROLES},
    ),
    "answer": (
        "POST",
        "/vragen/{open}/antwoorden",
        {"proposed_from": days_ahead(12).isoformat(), "message": "Wij komen graag."},
        everyone_but({"provider"}),
    ),
    "accept": ("POST", "/vragen/{open}/accepteren/{answer}", None, everyone_but({"teacher"})),
    "close": ("POST", "/vragen/{open}/sluiten", None, everyone_but({"teacher"})),
    "preferences": ("GET", "/mijn/vraagmeldingen", None, everyone_but({"provider"})),
    "preferences_post": (
        "POST",
        "/mijn/vraagmeldingen",
        {"frequency": "instant"},
        everyone_but({"provider"}),
    ),
    "review": ("GET", "/beheer/vragen", None, everyone_but({"coordinator", "admin"})),
    "approve": (
        "POST",
        "/beheer/vragen/{submitted}/goedkeuren",
        None,
        everyone_but({"coordinator", "admin"}),
    ),
    "reject": (
        "POST",
        "/beheer/vragen/{submitted}/afwijzen",
        {"reason": "Dubbel"},
        everyone_but({"coordinator", "admin"}),
    ),
}
CASES = [(name, role) for name in ROUTES for role in ROLES]


@pytest.fixture
def scene(world, post, make, db):
    open_request = post()
    answering = make.company(verified=True, municipality_slug="lelystad")
    answerer = make.user("provider", organisation=answering)
    answer = answers.answer(
        open_request, answerer, answers.AnswerDetails(proposed_from=days_ahead(14), message="Voorstel")
    )
    pending_school = make.school(verified=False, municipality_slug="lelystad")
    pending_teacher = make.user("teacher", organisation=pending_school)
    submitted = post(teacher=pending_teacher, title="Wacht op controle")
    db.session.add(RequestPreference(organisation_id=answering.id, frequency=MailFrequency.DAILY))
    db.session.commit()
    users = {
        "teacher": world.teacher,
        "teacher_other": make.user("teacher"),
        "provider": world.near_staff,
        "coordinator": make.user("coordinator"),
        "admin": make.user("admin"),
    }
    db.session.commit()
    return {"open": open_request.id, "answer": answer.id, "submitted": submitted.id}, users, pending_teacher


@pytest.mark.parametrize(("name", "role"), CASES, ids=[f"{n}-{r}" for n, r in CASES])
def test_route_permissions(client, scene, name, role):
    ids, users, pending_teacher = scene
    method, template, data, who = ROUTES[name]
    if role != "anonymous":
        user = (
            pending_teacher
            if (role == "teacher" and "submitted" in template and method == "GET")
            else users[role]
        )
        log_in_client(client, user)
    path = template.format(**ids)
    response = client.get(path) if method == "GET" else client.post(path, data=data or {})
    expected = who[role]
    if expected == LOGIN:
        assert response.status_code == 302 and "/inloggen" in response.headers["Location"]
    elif expected == OK:
        assert response.status_code in (200, 302, 303), response.status_code
        if response.status_code in (302, 303):
            assert "/inloggen" not in response.headers["Location"]
    else:
        assert response.status_code == expected


def test_the_public_page_shows_no_personal_data(world, post, client):
    request = post()
    for path in ("/vragen", f"/vragen/{request.id}"):
        page = client.get(path).get_data(as_text=True)
        assert request.title in page
        assert world.teacher.name not in page and world.teacher.email not in page
        assert world.school.name not in page


def test_the_list_searches_with_the_dutch_analysis_and_filters(world, post, client, make):
    post(title="Gastles lassen voor 3 KB")
    post(
        title="Bezoek aan een windpark",
        description="Hoe werkt een windturbine?",
        kind="company_visit",
        theme=make.term("theme", "energietransitie"),
    )
    page = client.get("/vragen?q=laswerk").get_data(as_text=True)
    assert "Gastles lassen" in page and "windpark" not in page
    page = client.get("/vragen?q=windmolens").get_data(as_text=True)
    assert "Bezoek aan een windpark" in page and "Gastles lassen" not in page
    page = client.get("/vragen?soort=company_visit").get_data(as_text=True)
    assert "windpark" in page and "Gastles lassen" not in page
    theme = make.term("theme", "installatietechniek").id
    page = client.get(f"/vragen?thema={theme}").get_data(as_text=True)
    assert "Gastles lassen" in page and "windpark" not in page
    assert client.get("/vragen?thema=abc&gemeente=%00&q=" + "x" * 900).status_code == 200


def test_closed_and_booked_requests_leave_the_public_list(world, post, client):
    request = post(title="Vraag die dicht gaat")
    services.close(request, world.teacher)
    from portal.extensions import db

    db.session.commit()
    assert "Vraag die dicht gaat" not in client.get("/vragen").get_data(as_text=True)
    assert client.get(f"/vragen/{request.id}").status_code == 404
