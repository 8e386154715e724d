"""Saving the /aanbod search: from the page, for visitors via login, odd input, limits."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from portal.alerts import searches
from portal.models import SavedSearch


def stored(db, user) -> list[SavedSearch]:
    db.session.expire_all()
    return list(db.session.scalars(select(SavedSearch).where(SavedSearch.user_id == user.id)))


def test_the_search_page_offers_to_save_the_search_it_shows(client, login_as, teacher):
    login_as(teacher)
    page = client.get("/aanbod?q=robots&thema=ict&niveau=alle").get_data(as_text=True)
    assert "Mail mij nieuw aanbod voor deze zoekopdracht" in page
    assert 'name="zoekopdracht" type="hidden" value="q=robots&amp;thema=ict&amp;niveau=alle"' in page
    assert "“robots”, ICT en programmeren" in page  # the suggested name


def test_saving_stores_the_search_as_the_url_has_it(client, db, login_as, teacher):
    login_as(teacher)

    response = client.post(
        "/mijn/zoekopdrachten",
        data={
            "zoekopdracht": "thema=ict&q=robots&sorteer=datum&pagina=3&niveau=alle",
            "name": "Robots",
            "frequency": "daily",
        },
    )

    assert response.status_code == 302
    assert response.headers["Location"] == "/aanbod?q=robots&thema=ict&niveau=alle"
    [search] = stored(db, teacher)
    assert (search.name, search.frequency, search.kind) == ("Robots", "daily", "offer")
    assert search.query == "q=robots&thema=ict&niveau=alle"
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Zoekopdracht bewaard als “Robots”. We mailen je dagelijks" in page
    assert "Je hebt deze zoekopdracht bewaard als “Robots” (dagelijks)." in page


def test_a_teachers_own_levels_are_part_of_what_is_saved(client, db, login_as, make):
    login_as(make.user("teacher", teaching_levels=["vmbo-bb"]))
    page = client.get("/aanbod?q=lassen").get_data(as_text=True)
    assert 'value="q=lassen&amp;doelgroep=vmbo-bb"' in page


@pytest.mark.parametrize(
    ("raw", "query"),
    [
        ("", ""),  # every new offer
        ("q=%00%01robots%20%20%20arm", "q=robots+arm"),
        ("thema=bestaat-niet&gemeente=almere", "gemeente=almere"),
        ("thema=<script>&q=" + "x" * 900, "q=" + "x" * 200),
        ("van=2026-99-99&online=ja&gratis=1", "online=1&gratis=1"),
        ("&&&=&q", ""),
    ],
)
def test_odd_input_is_cleaned_never_an_error(client, db, login_as, teacher, raw, query):
    login_as(teacher)
    response = client.post("/mijn/zoekopdrachten", data={"zoekopdracht": raw, "frequency": "weekly"})
    assert response.status_code == 302
    [search] = stored(db, teacher)
    assert search.query == query
    assert search.name  # a suggested name when none was typed


def test_a_visitor_is_sent_to_log_in_and_back_to_the_search(client, db, make):
    user = make.user("teacher", email="juf@example.org")
    db.session.commit()
    page = client.get("/aanbod?q=robots").get_data(as_text=True)
    assert "Log in om deze zoekopdracht te bewaren" in page
    assert "/inloggen?next=/aanbod?q%3Drobots" in page

    response = client.post("/mijn/zoekopdrachten", data={"zoekopdracht": "q=robots", "frequency": "weekly"})

    assert response.status_code == 302
    assert response.headers["Location"] == "/inloggen?next=/aanbod?q%3Drobots"
    assert stored(db, user) == []
    login = client.post(
        "/inloggen?next=/aanbod?q%3Drobots",
        data={"email": "juf@example.org", "password": "correct horse battery staple"},
    )
    assert login.headers["Location"] == "/aanbod?q=robots"


def test_saving_the_same_search_twice_says_so(client, db, login_as, teacher):
    login_as(teacher)
    for _ in range(2):
        client.post(
            "/mijn/zoekopdrachten", data={"zoekopdracht": "q=robots", "name": "Robots", "frequency": "weekly"}
        )
    assert len(stored(db, teacher)) == 1
    page = client.get("/aanbod?q=robots").get_data(as_text=True)
    assert "Je hebt deze zoekopdracht al bewaard als “Robots”." in page


def test_a_person_has_at_most_twenty_searches(client, db, login_as, teacher):
    login_as(teacher)
    for n in range(searches.MAX_SAVED_SEARCHES):
        db.session.add(
            SavedSearch(user_id=teacher.id, name=f"Zoek {n}", query=f"q=woord{n}", frequency="daily")
        )
    db.session.commit()

    client.post("/mijn/zoekopdrachten", data={"zoekopdracht": "q=robots", "frequency": "daily"})

    assert len(stored(db, teacher)) == searches.MAX_SAVED_SEARCHES
    assert "het maximum" in client.get("/aanbod?q=robots").get_data(as_text=True)


@pytest.mark.parametrize(
    "data",
    [
        {"zoekopdracht": "q=robots", "frequency": "hourly"},
        {"zoekopdracht": "q=robots", "frequency": "daily", "name": "x" * 81},
        {"zoekopdracht": "q=robots", "frequency": "daily", "name": "twee\nregels"},
    ],
)
def test_bad_form_input_is_refused_with_a_message(client, db, login_as, teacher, data):
    login_as(teacher)
    response = client.post("/mijn/zoekopdrachten", data=data)
    assert response.status_code == 302 and response.headers["Location"] == "/aanbod?q=robots"
    assert stored(db, teacher) == []
    page = client.get("/aanbod?q=robots").get_data(as_text=True)
    assert "alert-danger" in page


@pytest.mark.parametrize("role", ["provider", "coordinator", "admin"])
def test_every_role_may_save_a_search(client, db, login_as, role):
    user = login_as(role)
    client.post("/mijn/zoekopdrachten", data={"zoekopdracht": "q=robots", "frequency": "weekly"})
    assert [s.query for s in stored(db, user)] == ["q=robots"]
