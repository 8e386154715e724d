"""Taxonomy as data: add, rename, reorder, deactivate; deleting a term in use is refused.
The taxonomy is shared by every region, so only admins edit it."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from portal.models import Term
from portal.moderation.taxonomy import code_from_label


def _theme(db, code):
    return db.session.scalar(select(Term).where(Term.vocabulary == "theme", Term.code == code))


def test_code_comes_from_label():
    assert code_from_label("Zorg & Welzijn (Z&W)") == "zorg-welzijn-z-w"
    assert code_from_label("Énergie en ruimte") == "energie-en-ruimte"


def test_admin_adds_a_term_with_unique_code(client, db, login_as):
    login_as("admin")
    response = client.post("/beheer/taxonomie/theme", data={"new-theme-label": "Ruimtevaart"})
    assert response.status_code == 302
    assert _theme(db, "ruimtevaart").label == "Ruimtevaart"
    again = client.post("/beheer/taxonomie/theme", data={"new-theme-label": "ruimtevaart"})
    assert again.status_code == 400
    assert "Deze lijst heeft al een term met die naam" in again.get_data(as_text=True)
    client.post("/beheer/taxonomie/theme", data={"new-theme-label": "Ruimtevaart!"})
    assert _theme(db, "ruimtevaart-2").label == "Ruimtevaart!"


def test_add_requires_a_name(client, login_as):
    login_as("admin")
    response = client.post("/beheer/taxonomie/audience", data={"new-audience-label": ""})
    assert response.status_code == 400
    assert "Vul een naam in voor de term" in response.get_data(as_text=True)


def test_rename_keeps_the_code(client, db, login_as):
    login_as("admin")
    term = _theme(db, "bouw")
    client.post(f"/beheer/taxonomie/term/{term.id}/naam", data={"label": "Bouw en wonen"})
    db.session.refresh(term)
    assert (term.code, term.label) == ("bouw", "Bouw en wonen")


def test_reorder_moves_a_term_up(client, db, login_as):
    login_as("admin")
    first, second = db.session.scalars(
        select(Term).where(Term.vocabulary == "theme").order_by(Term.position).limit(2)
    ).all()
    client.post(f"/beheer/taxonomie/term/{second.id}/verplaatsen", data={"direction": "up"})
    db.session.refresh(first)
    db.session.refresh(second)
    assert second.position < first.position


def test_deactivate_and_activate(client, db, login_as):
    login_as("admin")
    term = _theme(db, "maritiem")
    client.post(f"/beheer/taxonomie/term/{term.id}/actief", data={"active": "0"})
    db.session.refresh(term)
    assert term.active is False
    client.post(f"/beheer/taxonomie/term/{term.id}/actief", data={"active": "1"})
    db.session.refresh(term)
    assert term.active is True


def test_delete_unused_term(client, db, login_as):
    login_as("admin")
    term = _theme(db, "lucht-ruimtevaart")
    client.post(f"/beheer/taxonomie/term/{term.id}/verwijderen")
    assert _theme(db, "lucht-ruimtevaart") is None


@pytest.mark.both_databases
def test_delete_term_in_use_is_refused_with_count(client, db, login_as, make):
    term = _theme(db, "energietransitie")
    make.offer(terms=[term])
    make.offer(terms=[term], status="draft")
    login_as("admin")
    response = client.post(f"/beheer/taxonomie/term/{term.id}/verwijderen", follow_redirects=True)
    html = response.get_data(as_text=True)
    assert "2 aanbiedingen gebruiken deze term" in html
    assert "inactief" in html
    assert _theme(db, "energietransitie") is not None


def test_taxonomy_page_lists_every_vocabulary_with_usage(client, db, login_as, make):
    make.offer(terms=[_theme(db, "ict")])
    login_as("admin")
    html = client.get("/beheer/taxonomie").get_data(as_text=True)
    for heading in ("Doelgroepen", "Vmbo-profielen", "Thema"):
        assert heading in html
    assert "1 aanbod" in html


def test_a_term_used_only_by_a_booking_is_not_deleted(db, make):
    """A booking's level points at the term: deleting it must be refused, not crash."""
    from portal.models import Booking
    from portal.moderation.taxonomy import TaxonomyError, delete_term

    term = make.term("audience", "havo")
    offer = make.offer()
    teacher = make.user("teacher")
    db.session.add(
        Booking(
            offer=offer,
            teacher=teacher,
            school=teacher.organisation,
            group_size=10,
            audience_id=term.id,
            status="requested",
        )
    )
    db.session.flush()
    try:
        delete_term(term)
    except TaxonomyError as error:
        assert "Boekingen gebruiken deze term" in str(error)
    else:
        raise AssertionError("deleting a term a booking uses was allowed")


def test_a_coordinator_cannot_rename_a_term_other_regions_use(client, db, login_as, make):
    """A coordinator of Noord-Holland renamed a term every region uses: only admins may."""
    term = _theme(db, "bouw")
    login_as(make.user("coordinator", region=make.region("noord-holland")))
    response = client.post(f"/beheer/taxonomie/term/{term.id}/naam", data={"label": "Bouw NH"})
    assert response.status_code == 403
    db.session.refresh(term)
    assert term.label != "Bouw NH"
    assert client.get("/beheer/taxonomie").status_code == 403


@pytest.mark.parametrize("role,shown", [("coordinator", False), ("admin", True)])
def test_taxonomy_link_only_for_admins(client, login_as, role, shown):
    login_as(role)
    html = client.get("/beheer/").get_data(as_text=True)
    assert ('href="/beheer/taxonomie"' in html) is shown
