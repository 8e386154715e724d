"""Permission matrix: every offers route x every kind of user.

Refused POSTs must change nothing; the offer's own organisation is tried last so its
successful action does not change what the others see.
"""

from __future__ import annotations

import io

import pytest
from sqlalchemy import func, select

from portal.models import Offer
from portal.offers import uploads
from tests.clock import days_ahead
from tests.offers.conftest import offer_url
from tests.offers.test_uploads import png_bytes

ROLES = ["anonymous", "teacher", "other_provider", "coordinator", "other_coordinator", "admin", "owner"]


@pytest.fixture
def world(app, make, db, provider):
    draft = make.offer(organisation=provider.organisation, status="draft", booking_mode="slots")
    make.slot(draft, days_ahead=10)
    archived = make.offer(organisation=provider.organisation, status="archived")
    published = make.offer(organisation=provider.organisation, status="published")
    uploads.store(draft, "foto.png", png_bytes(), "Een foto")
    users = {
        "anonymous": None,
        "teacher": make.user("teacher"),
        "other_provider": make.user("provider"),
        "coordinator": make.user("coordinator", region=make.region("flevoland")),
        "other_coordinator": make.user("coordinator", region=make.region("utrecht")),
        "admin": make.user("admin", region=None),
        "owner": provider,
    }
    db.session.commit()
    return {"draft": draft, "archived": archived, "published": published, "users": users}


def _as(client, login_as, user):
    with client.session_transaction() as session:
        session.clear()
    if user is not None:
        login_as(user)


LOGIN = 302
# route name -> (method, url builder, {role: expected status}, default status)
OWNER_ONLY_GET = {"anonymous": LOGIN, "owner": 200}
OWNER_ONLY_POST = {"anonymous": LOGIN, "owner": 302}
VIEWERS = {"owner": 200, "coordinator": 200, "admin": 200}
ROUTES = {
    "detail_published": ("get", lambda w: offer_url(w["published"]), {}, 200),
    "detail_draft": ("get", lambda w: offer_url(w["draft"]), VIEWERS, 404),
    "file_of_draft": ("get", lambda w: "/bestanden/" + w["draft"].attachments[0].stored_name, VIEWERS, 404),
    "thumb_of_draft": (
        "get",
        lambda w: "/bestanden/" + w["draft"].attachments[0].thumbnail_name,
        VIEWERS,
        404,
    ),
    "create": (
        "get",
        lambda w: "/aanbod/nieuw?soort=guest_lesson",
        {"anonymous": LOGIN, "owner": 200, "other_provider": 200},
        403,
    ),
    "mine": ("get", lambda w: "/mijn/aanbod", {"anonymous": LOGIN, "owner": 200, "other_provider": 200}, 403),
    "edit": ("get", lambda w: f"/aanbod/{w['draft'].id}/bewerken", OWNER_ONLY_GET, 403),
    "slots": ("get", lambda w: f"/aanbod/{w['draft'].id}/tijden", OWNER_ONLY_GET, 403),
    "files": ("get", lambda w: f"/aanbod/{w['draft'].id}/bestanden", OWNER_ONLY_GET, 403),
    "submit": ("post", lambda w: f"/aanbod/{w['draft'].id}/indienen", OWNER_ONLY_POST, 403),
    "archive": ("post", lambda w: f"/aanbod/{w['published'].id}/archiveren", OWNER_ONLY_POST, 403),
    "restore": ("post", lambda w: f"/aanbod/{w['archived'].id}/herstellen", OWNER_ONLY_POST, 403),
    "duplicate": ("post", lambda w: f"/aanbod/{w['draft'].id}/dupliceren", OWNER_ONLY_POST, 403),
    "add_slot": ("post", lambda w: f"/aanbod/{w['draft'].id}/tijden", OWNER_ONLY_POST, 403),
    "add_series": ("post", lambda w: f"/aanbod/{w['draft'].id}/tijden/reeks", OWNER_ONLY_POST, 403),
    "set_capacity": (
        "post",
        lambda w: f"/aanbod/{w['draft'].id}/tijden/{w['draft'].slots[0].id}/capaciteit",
        OWNER_ONLY_POST,
        403,
    ),
    "remove_slot": (
        "post",
        lambda w: f"/aanbod/{w['draft'].id}/tijden/{w['draft'].slots[0].id}/verwijderen",
        OWNER_ONLY_POST,
        403,
    ),
    "upload": ("post", lambda w: f"/aanbod/{w['draft'].id}/bestanden", OWNER_ONLY_POST, 403),
    "check": ("get", lambda w: f"/aanbod/{w['draft'].id}/controleren", OWNER_ONLY_GET, 403),
    "preview": (
        "post",
        lambda w: "/aanbod/voorbeeld",
        {"anonymous": LOGIN, "owner": 200, "other_provider": 200},
        403,
    ),
    "remove_file": (
        "post",
        lambda w: f"/aanbod/{w['draft'].id}/bestanden/{w['draft'].attachments[0].id}/verwijderen",
        OWNER_ONLY_POST,
        403,
    ),
}
READ_ONLY_POSTS = {"preview"}  # renders Markdown, changes nothing


def _post_data(name):
    if name == "upload":
        return {"file": (io.BytesIO(png_bytes()), "b.png"), "alt_text": "Nog een foto"}
    if name == "add_slot":
        return {
            "one-day": days_ahead(60).isoformat(),
            "one-start_time": "09:00",
            "one-end_time": "11:00",
            "one-capacity": "20",
        }
    if name == "add_series":
        return {
            "series-first_day": days_ahead(60).isoformat(),
            "series-last_day": days_ahead(90).isoformat(),
            "series-weekday": "2",
            "series-start_time": "09:00",
            "series-end_time": "11:00",
            "series-capacity": "20",
        }
    if name == "set_capacity":
        return {"capacity": "15"}
    if name == "preview":
        return {"text": "**vet**"}
    return {}


def _state(world, db):
    db.session.expire_all()
    offers = db.session.scalar(select(func.count(Offer.id)))
    return [offers] + [
        (o.status, len(o.slots), len(o.attachments), o.slots[0].capacity if o.slots else None)
        for o in (world["draft"], world["archived"], world["published"])
    ]


@pytest.mark.parametrize("name", list(ROUTES))
def test_permission_matrix(name, client, login_as, world, db):
    method, url_of, expected, default = ROUTES[name]
    url = url_of(world)
    for role in ROLES:
        before = _state(world, db)
        _as(client, login_as, world["users"][role])
        if method == "get":
            response = client.get(url)
        else:
            data = _post_data(name)
            if name == "set_capacity":
                data = {f"slot{world['draft'].slots[0].id}-capacity": "15"}
            response = client.post(url, data=data, content_type="multipart/form-data")
        response.close()  # a served file stays open until its response is closed
        want = expected.get(role, default)
        assert response.status_code == want, f"{name} as {role}: {response.status_code} != {want}"
        if role == "anonymous" and want == LOGIN:
            assert "/inloggen" in response.headers["Location"]
        if method == "post" and role != "owner":
            assert _state(world, db) == before, f"{name} as {role} changed something"
    if method == "post" and name not in READ_ONLY_POSTS:
        assert _state(world, db) != before, f"{name} as owner did nothing"
