"""Every /beheer route x every kind of visitor.

anonymous -> login; teacher and provider -> 403; a coordinator of another region -> 403 on
objects outside the region (lists and the taxonomy are theirs too); a coordinator in
scope and an admin may act.
"""
from __future__ import annotations

import pytest
from sqlalchemy import select

from portal.models import Term, utcnow

# (name, method, url template, form data, object-scoped?)
ROUTES = [
    ("queue", "get", "/beheer/", None, False),
    ("review", "get", "/beheer/aanbod/{submitted}", None, True),
    ("approve", "post", "/beheer/aanbod/{submitted}/goedkeuren", {}, True),
    ("reject", "post", "/beheer/aanbod/{submitted}/afwijzen", {"reject-reason": "Onvolledig"}, True),
    ("unpublish", "post", "/beheer/aanbod/{published}/offline",
     {"unpublish-reason": "Verouderd"}, True),
    ("feature", "post", "/beheer/aanbod/{published}/uitlichten", {"featured": "1"}, True),
    ("organisations", "get", "/beheer/organisaties", None, False),
    ("organisation", "get", "/beheer/organisaties/{company}", None, True),
    ("verify", "post", "/beheer/organisaties/{company}/verificatie", {"verified": "1"}, True),
    ("taxonomy", "get", "/beheer/taxonomie", None, False),
    ("add_term", "post", "/beheer/taxonomie/theme", {"new-theme-label": "Nieuw thema"}, False),
    ("rename_term", "post", "/beheer/taxonomie/term/{term}/naam", {"label": "Andere naam"}, False),
    ("move_term", "post", "/beheer/taxonomie/term/{term}/verplaatsen", {"direction": "up"}, False),
    ("activate_term", "post", "/beheer/taxonomie/term/{term}/actief", {"active": "0"}, False),
    ("delete_term", "post", "/beheer/taxonomie/term/{term}/verwijderen", {}, False),
]
ROLES = ["anonymous", "teacher", "provider", "other_region", "coordinator", "admin"]


@pytest.fixture
def objects(db, make):
    company = make.company(verified=False, municipality_slug="urk")
    submitted = make.offer(company, status="submitted", submitted_at=utcnow(), published_at=None)
    published = make.offer(company, status="published")
    term = db.session.scalar(select(Term).where(Term.code == "lucht-ruimtevaart"))
    return {"company": company, "submitted": submitted, "published": published, "term": term}


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
@pytest.mark.parametrize("name,method,url,data,scoped", ROUTES, ids=[r[0] for r in ROUTES])
def test_permission_matrix(client, db, make, login_as, objects, role, name, method, url, data,
                           scoped):
    _login(role, login_as, make, objects)
    db.session.commit()
    target = url.format(**{k: v.id for k, v in objects.items()})
    response = getattr(client, method)(target, data=data)
    if role == "anonymous":
        assert response.status_code == 302
        assert "/inloggen" in response.headers["Location"]
    elif role in ("teacher", "provider") or (role == "other_region" and scoped):
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
