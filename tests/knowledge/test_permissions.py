"""Who may do what in the kennisbank: every route of the area for every kind of person,
and the ``can_*`` rules behind them."""

from __future__ import annotations

import pytest
from flask_login import AnonymousUserMixin

from portal import permissions as p
from tests.knowledge.conftest import write

PEOPLE = [
    "anonymous",
    "author",
    "colleague",
    "other_teacher",
    "provider",
    "pending",
    "coordinator",
    "other_coordinator",
    "admin",
]


@pytest.fixture
def world(make):
    school = make.school()
    author = make.user("teacher", organisation=school)
    return {
        "author": author,
        "colleague": make.user("teacher", organisation=school),
        "other_teacher": make.user("teacher"),
        "provider": make.user("provider"),
        "pending": make.user("teacher", organisation=school, membership_status="pending"),
        "coordinator": make.user("coordinator", region=make.region("flevoland")),
        "other_coordinator": make.user("coordinator", region=make.region("utrecht")),
        "admin": make.user("admin"),
        "draft": write(author, publish=False, title="Concept van de school"),
    }


def _client(app, client_for, world, who):
    return app.test_client() if who == "anonymous" else client_for(world[who])


# GET pages of a draft article: (path, people who get 200; anonymous -> login, others 403/404)
DRAFT_PAGES = {
    "/kennisbank/{id}-concept-van-de-school": {"author", "colleague", "coordinator", "admin"},
    "/kennisbank/{id}/bewerken": {"author", "colleague", "coordinator", "admin"},
    "/kennisbank/{id}/bestanden": {"author", "colleague", "coordinator", "admin"},
    "/beheer/kennisbank/{id}": {"coordinator", "admin"},
}


@pytest.mark.parametrize("who", PEOPLE)
@pytest.mark.parametrize("path", list(DRAFT_PAGES))
def test_pages_of_a_draft_article(app, client_for, world, who, path):
    url = path.format(id=world["draft"].id)
    status = _client(app, client_for, world, who).get(url).status_code
    if who in DRAFT_PAGES[path]:
        assert status == 200, f"{who} on {url}"
    elif who == "anonymous" and not url.endswith("school"):
        assert status == 302  # to the login page
    else:
        assert status in (403, 404), f"{who} on {url}: {status}"


WRITERS = {"author", "colleague", "other_teacher", "provider", "coordinator", "other_coordinator", "admin"}


@pytest.mark.parametrize("who", PEOPLE)
def test_who_may_write_an_article(app, client_for, world, who):
    client = _client(app, client_for, world, who)
    for url in ("/kennisbank/nieuw", "/mijn/kennisbank"):
        status = client.get(url).status_code
        expected = 200 if who in WRITERS else (302 if who == "anonymous" else 403)
        assert status == expected, f"{who} on {url}"


@pytest.mark.parametrize("who", PEOPLE)
def test_who_may_submit_or_archive_a_draft(app, client_for, world, who):
    draft = world["draft"]
    client = _client(app, client_for, world, who)
    response = client.post(f"/kennisbank/{draft.id}/archiveren")
    if who == "anonymous":
        assert "/inloggen" in response.headers["Location"]
        return
    allowed = {"author", "colleague", "coordinator", "admin"}
    assert (response.status_code == 302) == (who in allowed), f"{who}: {response.status_code}"


def test_the_review_queue_is_for_staff_and_scoped(app, client_for, world):
    from portal.extensions import db
    from portal.knowledge import services

    services.submit(world["draft"], world["author"])
    db.session.commit()
    in_scope = client_for(world["coordinator"]).get("/beheer/kennisbank").get_data(as_text=True)
    elsewhere = client_for(world["other_coordinator"]).get("/beheer/kennisbank").get_data(as_text=True)
    assert "Concept van de school" in in_scope and "Concept van de school" not in elsewhere
    assert client_for(world["author"]).get("/beheer/kennisbank").status_code == 403


def test_can_rules(world, make):
    draft = world["draft"]
    anonymous = AnonymousUserMixin()
    assert not p.can_write_article(anonymous) and not p.can_write_article(world["pending"])
    assert p.can_edit_article(world["colleague"], draft) and not p.can_edit_article(
        world["other_teacher"], draft
    )
    assert p.can_moderate_article(world["coordinator"], draft)
    assert not p.can_moderate_article(world["other_coordinator"], draft)
    assert not p.can_view_article(anonymous, draft)
    assert not p.can_share_experience(world["author"], draft)  # not published yet
    published = write(world["admin"])
    assert p.can_share_experience(world["other_teacher"], published)
    assert not p.can_share_experience(world["provider"], published)
    assert not p.can_share_experience(anonymous, published)
