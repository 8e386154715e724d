"""``/mijn/zoekopdrachten``: the list, rename, frequency, pause, resume, delete; and nobody
else's saved search."""

from __future__ import annotations

import pytest

from portal.models import SavedSearch


def reload(db, search) -> SavedSearch | None:
    db.session.expire_all()
    return db.session.get(SavedSearch, search.id)


def test_the_list_shows_each_search_with_a_link_that_runs_it(client, login_as, teacher, saved):
    saved(teacher, "q=robots&thema=ict&gemeente=almere&gratis=1", name="Robots in Almere", frequency="weekly")
    login_as(teacher)

    page = client.get("/mijn/zoekopdrachten").get_data(as_text=True)

    assert "Robots in Almere" in page
    assert "“robots” · ICT en programmeren · Almere · gratis" in page
    assert "Mail: wekelijks." in page and "Nog geen mail verstuurd." in page
    assert 'href="/aanbod?q=robots&amp;thema=ict&amp;gemeente=almere&amp;gratis=1"' in page


def test_the_dashboard_shows_the_searches(client, login_as, teacher, saved):
    saved(teacher, "q=robots", name="Robots")
    login_as(teacher)
    page = client.get("/mijn/").get_data(as_text=True)
    assert "Mijn zoekopdrachten (1)" in page and "Robots" in page


def test_rename_and_change_the_frequency(client, db, login_as, teacher, saved):
    search = saved(teacher, "q=robots", name="Robots", frequency="weekly")
    login_as(teacher)

    response = client.post(
        f"/mijn/zoekopdrachten/{search.id}",
        data={f"z{search.id}-name": "Robots voor groep 8", f"z{search.id}-frequency": "daily"},
    )

    assert response.status_code == 302
    search = reload(db, search)
    assert (search.name, search.frequency) == ("Robots voor groep 8", "daily")
    assert "Opgeslagen: “Robots voor groep 8”, dagelijks." in client.get("/mijn/zoekopdrachten").get_data(
        as_text=True
    )


@pytest.mark.parametrize(
    ("name", "frequency", "message"),
    [("", "daily", "Geef de zoekopdracht een naam."), ("Robots", "monthly", "keuze")],
)
def test_a_bad_change_shows_the_form_again_with_a_message(
    client, db, login_as, teacher, saved, name, frequency, message
):
    search = saved(teacher, "q=robots", name="Robots", frequency="weekly")
    login_as(teacher)
    response = client.post(
        f"/mijn/zoekopdrachten/{search.id}",
        data={f"z{search.id}-name": name, f"z{search.id}-frequency": frequency},
    )
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
    assert (reload(db, search).name, reload(db, search).frequency) == ("Robots", "weekly")


def test_pause_resume_and_delete(client, db, login_as, teacher, saved, later):
    search = saved(teacher, "q=robots", name="Robots")
    login_as(teacher)

    client.post(f"/mijn/zoekopdrachten/{search.id}/pauzeren")
    assert reload(db, search).paused
    later(days=3)
    client.post(f"/mijn/zoekopdrachten/{search.id}/hervatten")
    resumed = reload(db, search)
    assert not resumed.paused and resumed.checked_until > resumed.created_at  # new from now on

    client.post(f"/mijn/zoekopdrachten/{search.id}/verwijderen")
    assert reload(db, search) is None
    assert "Verwijderd: “Robots”" in client.get("/mijn/zoekopdrachten").get_data(as_text=True)


ACTIONS = [
    ("post", "/mijn/zoekopdrachten/{id}", {"z{id}-name": "Van mij", "z{id}-frequency": "daily"}),
    ("post", "/mijn/zoekopdrachten/{id}/pauzeren", {}),
    ("post", "/mijn/zoekopdrachten/{id}/hervatten", {}),
    ("post", "/mijn/zoekopdrachten/{id}/verwijderen", {}),
]


@pytest.mark.parametrize(("method", "path", "data"), ACTIONS)
@pytest.mark.parametrize("role", ["teacher", "provider", "coordinator", "admin"])
def test_nobody_touches_another_persons_saved_search(
    client, db, login_as, teacher, saved, method, path, data, role
):
    search = saved(teacher, "q=robots", name="Robots", frequency="weekly")
    login_as(role)
    url = path.format(id=search.id)

    response = client.open(
        url, method=method.upper(), data={k.format(id=search.id): v for k, v in data.items()}
    )

    assert response.status_code == 403
    after = reload(db, search)
    assert after is not None and (after.name, after.frequency, after.paused) == ("Robots", "weekly", False)


@pytest.mark.parametrize(("method", "path", "data"), ACTIONS)
def test_a_visitor_is_sent_to_log_in(client, db, teacher, saved, method, path, data):
    search = saved(teacher, "q=robots")
    response = client.open(path.format(id=search.id), method=method.upper())
    assert response.status_code == 302 and "/inloggen" in response.headers["Location"]
    assert reload(db, search) is not None


def test_an_unknown_search_is_404(client, login_as):
    login_as("teacher")
    assert client.post("/mijn/zoekopdrachten/999999/pauzeren").status_code == 404


def test_the_list_shows_only_ones_own_searches(client, login_as, make, db, teacher, saved):
    saved(teacher, "q=robots", name="Geheime robots")
    login_as("teacher")
    assert "Geheime robots" not in client.get("/mijn/zoekopdrachten").get_data(as_text=True)
