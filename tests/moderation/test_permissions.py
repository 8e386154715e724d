"""Every /beheer route x every kind of visitor.

anonymous -> login; teacher and provider -> 403; a coordinator of another region -> 403 on
objects outside the region (lists are theirs too); the taxonomy, shared by every region, is
for admins only; a coordinator in scope and an admin may act.
"""

from __future__ import annotations

import pytest
from sqlalchemy import select

from portal.models import Term, utcnow

# (name, method, url template, form data, who may: "staff" | "scoped" (staff in scope) | "admin")
ROUTES = [
    ("queue", "get", "/beheer/", None, "staff"),
    ("review", "get", "/beheer/aanbod/{submitted}", None, "scoped"),
    ("approve", "post", "/beheer/aanbod/{submitted}/goedkeuren", {"version": 1}, "scoped"),
    (
        "reject",
        "post",
        "/beheer/aanbod/{submitted}/afwijzen",
        {"reject-reason": "Onvolledig", "version": 1},
        "scoped",
    ),
    (
        "unpublish",
        "post",
        "/beheer/aanbod/{published}/offline",
        {"unpublish-reason": "Verouderd", "version": 1},
        "scoped",
    ),
    ("feature", "post", "/beheer/aanbod/{published}/uitlichten", {"featured": "1"}, "scoped"),
    ("organisations", "get", "/beheer/organisaties", None, "staff"),
    ("organisation", "get", "/beheer/organisaties/{company}", None, "scoped"),
    ("verify", "post", "/beheer/organisaties/{company}/verificatie", {"verified": "1"}, "scoped"),
    ("taxonomy", "get", "/beheer/taxonomie", None, "admin"),
    ("add_term", "post", "/beheer/taxonomie/theme", {"new-theme-label": "Nieuw thema"}, "admin"),
    ("rename_term", "post", "/beheer/taxonomie/term/{term}/naam", {"label": "Andere naam"}, "admin"),
    ("move_term", "post", "/beheer/taxonomie/term/{term}/verplaatsen", {"direction": "up"}, "admin"),
    ("activate_term", "post", "/beheer/taxonomie/term/{term}/actief", {"active": "0"}, "admin"),
    ("delete_term", "post", "/beheer/taxonomie/term/{term}/verwijderen", {}, "admin"),
]
ROLES = ["anonymous", "teacher", "provider", "other_region", "coordinator", "admin"]


@pytest.fixture
def objects(db, make):
    company = make.company(verified=False, municipality_slug="urk")
    submitted = make.offer(company, status="submitted", submitted_at=utcnow(), published_at=None)
    published = make.offer(company, status="published")
    term = db.session.scalar(select(Term).where(Term.code == "lucht-ruimtevaart"))
    return {"company": company, "submitted": submitted, "published": published, "term": term}


def _refused(role: str, who: str) -> bool:
    if role in ("teacher", "provider"):
        return True
    if who == "admin":
        return role != "admin"
    return who == "scoped" and role == "other_region"


def _login(role, login_as, make, objects):
    if role == "anonymous":
        return
    if role == "provider":  # even a member of the offer's own organisation
        login_as(make.user("provider", organisation=objects["company"]))
    elif role == "other_region":
        login_as(make.user("coordinator", region=make.region("utrecht")))
    else:
        login_as(role)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name,method,url,data,who", ROUTES, ids=[r[0] for r in ROUTES])
def test_permission_matrix(client, db, make, login_as, objects, role, name, method, url, data, who):
    _login(role, login_as, make, objects)
    db.session.commit()
    target = url.format(**{k: v.id for k, v in objects.items()})
    response = getattr(client, method)(target, data=data)
    if role == "anonymous":
        assert response.status_code == 302
        assert "/inloggen" in response.headers["Location"]
    elif _refused(role, who):
        assert response.status_code == 403
    else:
        assert response.status_code == (200 if method == "get" else 302), response.data[:300]


def test_refused_posts_change_nothing(client, db, make, login_as, objects):
    login_as(make.user("coordinator", region=make.region("utrecht")))
    client.post(f"/beheer/aanbod/{objects['submitted'].id}/goedkeuren")
    client.post(f"/beheer/organisaties/{objects['company'].id}/verificatie", data={"verified": "1"})
    db.session.refresh(objects["submitted"])
    db.session.refresh(objects["company"])
    assert objects["submitted"].status == "submitted"
    assert objects["company"].verified is False
