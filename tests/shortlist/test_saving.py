"""Saving and removing an offer: with and without JavaScript, repeated, refused."""

from __future__ import annotations

import pytest
from sqlalchemy import insert

from portal.models import SavedOffer
from portal.shortlist import services
from tests.shortlist.conftest import saved_ids

JSON = {"Accept": "application/json"}


def test_saving_then_removing_comes_back_to_the_page_with_a_message(client, db, login_as, teacher, offers):
    login_as(teacher)
    offer = offers[0]

    response = client.post(f"/bewaard/{offer.id}", data={"actie": "bewaren", "next": "/aanbod?q=zon"})

    assert response.status_code == 302 and response.headers["Location"] == "/aanbod?q=zon"
    assert saved_ids(db, teacher) == [offer.id]
    page = client.get("/aanbod?q=zon").get_data(as_text=True)
    assert "Bewaard: “Zonnepanelen op het dak”" in page

    client.post(f"/bewaard/{offer.id}", data={"actie": "verwijderen", "next": "/bewaard"})

    assert saved_ids(db, teacher) == []
    assert "Verwijderd uit je bewaarde aanbod" in client.get("/bewaard").get_data(as_text=True)


@pytest.mark.both_databases
def test_saving_twice_or_removing_twice_changes_nothing_more(client, db, login_as, teacher, offers):
    login_as(teacher)
    offer = offers[0]
    for _ in range(2):
        assert client.post(f"/bewaard/{offer.id}", data={"actie": "bewaren"}).status_code == 302
    assert saved_ids(db, teacher) == [offer.id]
    for _ in range(2):
        assert client.post(f"/bewaard/{offer.id}", data={"actie": "verwijderen"}).status_code == 302
    assert saved_ids(db, teacher) == []


def test_without_a_stated_wish_the_button_toggles(client, db, login_as, teacher, offers):
    login_as(teacher)
    client.post(f"/bewaard/{offers[1].id}")
    assert saved_ids(db, teacher) == [offers[1].id]
    client.post(f"/bewaard/{offers[1].id}")
    assert saved_ids(db, teacher) == []


def test_the_script_gets_json_with_the_new_state_and_count(client, db, login_as, teacher, offers):
    login_as(teacher)
    first = client.post(f"/bewaard/{offers[0].id}", data={"actie": "bewaren"}, headers=JSON)
    second = client.post(f"/bewaard/{offers[1].id}", data={"actie": "bewaren"}, headers=JSON)

    assert first.status_code == 200 and first.json["saved"] is True and first.json["count"] == 1
    assert second.json == {
        "saved": True,
        "count": 2,
        "message": "Bewaard: “Bezoek aan het windpark”. Je vindt het onder Bewaard.",
    }
    removed = client.post(f"/bewaard/{offers[0].id}", data={"actie": "verwijderen"}, headers=JSON)
    assert removed.json["saved"] is False and removed.json["count"] == 1
    assert saved_ids(db, teacher) == [offers[1].id]
    # No flash is left behind for the next page: the script said it already.
    assert "Bewaard:" not in client.get("/bewaard").get_data(as_text=True)


def test_without_a_safe_next_it_goes_back_to_the_offer(client, login_as, teacher, offers):
    login_as(teacher)
    for unsafe in ("https://evil.example/", "//evil.example", "javascript:alert(1)", ""):
        response = client.post(f"/bewaard/{offers[0].id}", data={"next": unsafe})
        assert response.headers["Location"] == f"/aanbod/{offers[0].id}", unsafe


@pytest.mark.parametrize("role", ["teacher", "provider", "coordinator", "admin"])
def test_every_role_may_keep_a_list(client, db, login_as, offers, role):
    user = login_as(role)
    client.post(f"/bewaard/{offers[2].id}", data={"actie": "bewaren"})
    assert saved_ids(db, user) == [offers[2].id]
    assert client.get("/bewaard").status_code == 200


def test_a_visitor_is_sent_to_log_in_and_back_to_the_page(client, db, offers):
    response = client.post(f"/bewaard/{offers[0].id}", data={"next": "/aanbod?q=zon"})

    assert response.status_code == 302
    assert response.headers["Location"] == "/inloggen?next=/aanbod?q%3Dzon"
    page = client.get(f"/aanbod/{offers[0].id}-{offers[0].slug}").get_data(as_text=True)
    assert f'href="/inloggen?next=/aanbod/{offers[0].id}-{offers[0].slug}"' in page
    assert "Log in om te bewaren" in page


def test_saving_needs_a_csrf_token(app, client, db, login_as, teacher, offers):
    app.config["WTF_CSRF_ENABLED"] = True
    login_as(teacher)
    assert client.post(f"/bewaard/{offers[0].id}", data={"actie": "bewaren"}).status_code == 400
    assert client.post(f"/bewaard/{offers[0].id}", data={"actie": "bewaren"}, headers=JSON).status_code == 400
    assert saved_ids(db, teacher) == []


@pytest.mark.parametrize("status", ["draft", "submitted", "rejected", "archived"])
def test_an_offer_that_is_not_published_cannot_be_saved(client, db, make, login_as, teacher, status):
    offer = make.offer(status=status)
    db.session.commit()
    login_as(teacher)
    assert client.post(f"/bewaard/{offer.id}", data={"actie": "bewaren"}).status_code == 404
    assert client.post(f"/bewaard/{offer.id}", headers=JSON).status_code == 404
    assert client.post("/bewaard/999999").status_code == 404
    assert saved_ids(db, teacher) == []


def test_a_saved_offer_that_was_archived_can_still_be_removed(client, db, login_as, teacher, offers, save):
    save(teacher, offers[0])
    offers[0].status = "archived"
    db.session.commit()
    login_as(teacher)
    # Saving it again is no change (it stays on the list), removing works.
    assert client.post(f"/bewaard/{offers[0].id}", data={"actie": "bewaren"}).status_code == 302
    assert saved_ids(db, teacher) == [offers[0].id]
    assert client.post(f"/bewaard/{offers[0].id}", data={"actie": "verwijderen"}).status_code == 302
    assert saved_ids(db, teacher) == []


@pytest.mark.both_databases
def test_a_full_list_refuses_one_more_with_a_dutch_message(client, db, make, login_as, teacher, save):
    many = [make.offer() for _ in range(services.MAX_SAVED + 1)]
    save(teacher, *many[:-1])
    login_as(teacher)

    response = client.post(f"/bewaard/{many[-1].id}", data={"next": "/aanbod"}, follow_redirects=True)
    assert "Je hebt 50 aanbiedingen bewaard, meer past er niet op je lijst" in response.get_data(as_text=True)
    refused = client.post(f"/bewaard/{many[-1].id}", data={"actie": "bewaren"}, headers=JSON)
    assert refused.status_code == 409 and "Verwijder er eerst een" in refused.json["message"]
    assert len(saved_ids(db, teacher)) == services.MAX_SAVED
    # Removing one is always possible, and then there is room again.
    client.post(f"/bewaard/{many[0].id}", data={"actie": "verwijderen"})
    client.post(f"/bewaard/{many[-1].id}", data={"actie": "bewaren"})
    assert many[-1].id in saved_ids(db, teacher)


def test_the_button_shows_the_saved_state_and_the_nav_the_count(client, db, login_as, teacher, offers, save):
    save(teacher, offers[0])
    login_as(teacher)
    saved_page = client.get(f"/aanbod/{offers[0].id}-{offers[0].slug}").get_data(as_text=True)
    other_page = client.get(f"/aanbod/{offers[1].id}-{offers[1].slug}").get_data(as_text=True)

    assert 'aria-pressed="true"' in saved_page and 'aria-pressed="false"' not in saved_page
    assert 'aria-pressed="false"' in other_page
    assert 'name="actie" value="verwijderen"' in saved_page
    assert "Bewaard (<span data-shortlist-count>1</span>)" in other_page
    assert saved_page.count("js/shortlist.js") == 1


def test_an_unpublished_offer_shows_no_button_to_its_owner(client, db, make, login_as):
    provider = make.user("provider")
    draft = make.offer(organisation=provider.organisation, status="draft")
    db.session.commit()
    login_as(provider)
    page = client.get(f"/aanbod/{draft.id}-{draft.slug}").get_data(as_text=True)
    assert "data-shortlist-toggle" not in page and "om te bewaren" not in page


@pytest.mark.both_databases
def test_a_save_racing_another_request_leaves_one_row_and_no_error(db, teacher, offers):
    # Another request (a second tab) wrote the row after this one looked: the insert meets
    # the primary key and is let go, the rest of the transaction stands.
    db.session.execute(insert(SavedOffer).values(user_id=teacher.id, offer_id=offers[0].id))
    services._add(teacher, offers[0])
    db.session.commit()
    assert saved_ids(db, teacher) == [offers[0].id]
