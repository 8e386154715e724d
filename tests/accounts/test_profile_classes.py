"""A teacher's own classes on the profile page (issue 10, item 3): the levels they teach
(audience terms of the taxonomy) and their usual group size, which pre-fill the booking form."""

from __future__ import annotations

import re

from portal.accounts.export import export_user_data


def test_a_teacher_chooses_levels_and_group_size_from_the_taxonomy(client, db, login_as, make):
    user = login_as("teacher")
    html = client.get("/mijn/profiel").get_data(as_text=True)
    assert "Je klassen" in html and "De niveaus waaraan je lesgeeft" in html
    assert 'value="vmbo-kb"' in html and "vmbo KB" in html  # the taxonomy's Dutch labels
    assert "Gewoonlijk aantal leerlingen in je klas (optioneel)" in html

    response = client.post(
        "/mijn/profiel",
        data={
            "name": user.name,
            "teaching_levels": ["vmbo-kb", "vmbo-bb", "bestaat-niet"],
            "usual_group_size": "24",
        },
    )

    assert response.status_code == 302
    db.session.refresh(user)
    assert user.teaching_levels == ["vmbo-bb", "vmbo-kb"]  # known codes only, in the taxonomy's order
    assert user.usual_group_size == 24
    html = client.get("/mijn/profiel").get_data(as_text=True)
    assert re.search(r'value="vmbo-kb"[^>]*checked|checked[^>]*value="vmbo-kb"', html)


def test_an_inactive_level_is_not_offered(client, db, login_as, make):
    term = make.term("audience", "havo")
    term.active = False
    login_as("teacher")
    assert 'value="havo"' not in client.get("/mijn/profiel").get_data(as_text=True)


def test_a_wrong_group_size_is_explained_and_nothing_typed_is_lost(client, db, login_as):
    user = login_as("teacher")
    response = client.post(
        "/mijn/profiel", data={"name": "Nieuwe naam", "teaching_levels": ["po-7-8"], "usual_group_size": "0"}
    )

    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Geef een aantal van 1 tot en met 500." in html
    assert '<a href="#usual_group_size" class="alert-link">' in html
    assert re.search(
        r'<input[^>]*aria-invalid="true"[^>]*id="usual_group_size"|id="usual_group_size"[^>]*aria-invalid',
        html,
    )
    assert 'value="Nieuwe naam"' in html and re.search(
        r'value="po-7-8"[^>]*checked|checked[^>]*value="po-7-8"', html
    )
    db.session.refresh(user)
    assert user.usual_group_size is None and user.name != "Nieuwe naam"


def test_clearing_the_classes(client, db, login_as):
    user = login_as("teacher", teaching_levels=["po-7-8"], usual_group_size=20)
    client.post("/mijn/profiel", data={"name": user.name, "usual_group_size": ""})
    db.session.refresh(user)
    assert (user.teaching_levels, user.usual_group_size) == (None, None)


def test_providers_and_coordinators_have_no_classes(client, db, login_as):
    user = login_as("provider")
    html = client.get("/mijn/profiel").get_data(as_text=True)
    assert "Je klassen" not in html and 'name="teaching_levels"' not in html
    client.post(
        "/mijn/profiel", data={"name": user.name, "teaching_levels": ["po-7-8"], "usual_group_size": "20"}
    )
    db.session.refresh(user)
    assert (user.teaching_levels, user.usual_group_size) == (None, None)


def test_the_classes_are_in_the_avg_export_and_gone_after_deletion(client, db, login_as):
    from portal.accounts import services

    user = login_as("teacher", teaching_levels=["po-7-8"], usual_group_size=20)
    profile = export_user_data(user)["profile"]
    assert (profile["teaching_levels"], profile["usual_group_size"]) == (["po-7-8"], 20)
    services.delete_account(user, "correct horse battery staple")
    assert (user.teaching_levels, user.usual_group_size) == (None, None)
