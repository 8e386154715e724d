"""The request forms take any input without a server error and keep what was typed; a
refused rule shows next to its field."""

from __future__ import annotations

from portal.models import TeacherRequest
from tests.clock import days_ahead
from tests.conftest import log_in_client

GARBAGE = {
    "title": "Lassen\r\nvoor 3 KB",
    "kind": "rocket",
    "audience": "abc",
    "profile": "999999",
    "theme": "-1",
    "municipality": "x",
    "period_from": "2026-02-30",
    "period_to": "morgen",
    "group_size": "veel",
    "description": "x" * 5000,
}


def test_a_garbled_request_form_is_shown_again_with_dutch_messages(world, client, db):
    log_in_client(client, world.teacher)
    response = client.post("/vragen/nieuw", data=GARBAGE)
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "Verbeter de velden" in page or "alert-danger" in page
    assert db.session.query(TeacherRequest).count() == 0


def test_a_period_in_the_past_is_refused_on_its_field_and_the_text_stays(world, client, make, db):
    log_in_client(client, world.teacher)
    data = {
        "title": "Gastles lassen",
        "kind": "guest_lesson",
        "municipality": str(make.municipality("lelystad").id),
        "period_from": days_ahead(0).isoformat(),
        "period_to": days_ahead(9).isoformat(),
        "group_size": "16",
        "description": "Mijn zorgvuldig geschreven vraag",
    }
    page = client.post("/vragen/nieuw", data=data).get_data(as_text=True)
    assert "De periode moet na vandaag beginnen." in page
    assert "Mijn zorgvuldig geschreven vraag" in page
    assert db.session.query(TeacherRequest).count() == 0


def test_a_garbled_answer_is_shown_again(world, post, client):
    request = post()
    log_in_client(client, world.near_staff)
    response = client.post(
        f"/vragen/{request.id}/antwoorden",
        data={
            "offer": "zzz",
            "proposed_from": "nooit",
            "starts": "25:99",
            "price": "gratis?",
            "message": "Hallo",
        },
    )
    assert response.status_code == 422
    assert "Hallo" in response.get_data(as_text=True)


def test_a_time_without_an_end_is_refused_on_its_field(world, post, client):
    request = post()
    log_in_client(client, world.near_staff)
    page = client.post(
        f"/vragen/{request.id}/antwoorden",
        data={"proposed_from": days_ahead(12).isoformat(), "starts": "09:00", "message": "Hallo"},
    ).get_data(as_text=True)
    assert "Vul een begintijd én een eindtijd in, of geen van beide." in page
