"""Which municipalities an offer serves (portal.offers.coverage), per kind, and the reach field
of the offer form."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from sqlalchemy import select

from portal.distance import km_between
from portal.models import Municipality, Offer
from portal.offers.coverage import (
    CLASS_TRAVEL_KM,
    DEFAULT_SERVES_WITHIN_KM,
    offer_columns,
    served_by_offers,
    served_municipality_ids,
)
from tests.offers.conftest import offer_form


def _all(db):
    return list(db.session.scalars(select(Municipality)))


def _slugs(db, ids):
    return {m.slug for m in _all(db) if m.id in ids}


def _offer(make, slug, kind, location_mode="onsite", serves_within_km=None):
    return SimpleNamespace(
        kind=kind,
        location_mode=location_mode,
        municipality_id=make.municipality(slug).id,
        serves_within_km=serves_within_km,
    )


def test_material_and_online_serve_every_municipality(db, make):
    everyone = {m.id for m in _all(db)}
    assert len(everyone) == 76
    assert served_municipality_ids(_offer(make, "urk", "material"), _all(db)) == everyone
    for kind in ("guest_lesson", "company_visit", "guest_teacher", "facility"):
        for mode in ("online", "hybrid"):
            assert served_municipality_ids(_offer(make, "urk", kind, mode), _all(db)) == everyone


def test_guest_lesson_serves_within_its_own_reach(db, make):
    almere, lelystad = make.municipality("almere"), make.municipality("lelystad")
    assert km_between(almere, lelystad) == 23
    served = _slugs(
        db, served_municipality_ids(_offer(make, "almere", "guest_lesson", serves_within_km=22), _all(db))
    )
    assert "almere" in served and "lelystad" not in served
    served = _slugs(
        db, served_municipality_ids(_offer(make, "almere", "guest_lesson", serves_within_km=23), _all(db))
    )
    assert "lelystad" in served
    for slug in served:
        assert km_between(almere, make.municipality(slug)) <= 23


def test_guest_lesson_without_a_reach_uses_the_default(db, make):
    offer = _offer(make, "urk", "guest_lesson")
    urk = make.municipality("urk")
    expected = {m.id for m in _all(db) if km_between(urk, m) <= DEFAULT_SERVES_WITHIN_KM}
    assert served_municipality_ids(offer, _all(db)) == expected
    assert _slugs(db, expected) >= {"urk", "noordoostpolder", "dronten"}
    assert "amsterdam" not in _slugs(db, expected)


def test_guest_teacher_reach_crosses_province_borders(db, make):
    # A guest teacher from Zeewolde who travels 30 km reaches Amersfoort (Utrecht).
    offer = _offer(make, "zeewolde", "guest_teacher", serves_within_km=30)
    assert "amersfoort" in _slugs(db, served_municipality_ids(offer, _all(db)))


def test_company_visit_serves_its_municipality_and_a_class_trip_around_it(db, make):
    offer = _offer(make, "lelystad", "company_visit", serves_within_km=200)  # ignored for visits
    lelystad = make.municipality("lelystad")
    served = served_municipality_ids(offer, _all(db))
    assert served == {m.id for m in _all(db) if km_between(lelystad, m) <= CLASS_TRAVEL_KM}
    assert {"lelystad", "dronten", "almere"} <= _slugs(db, served)
    assert "texel" not in _slugs(db, served)
    facility = _offer(make, "lelystad", "facility")
    assert served_municipality_ids(facility, _all(db)) == served


def test_candidates_outside_the_offers_own_list(db, make):
    """Asked only about Utrecht's municipalities, an offer from Flevoland still serves the
    ones within reach, and never a municipality that was not asked about."""
    utrecht = [m for m in _all(db) if m.region.slug == "utrecht"]
    offer = _offer(make, "zeewolde", "guest_lesson", serves_within_km=30)
    served = served_municipality_ids(offer, utrecht)
    assert served <= {m.id for m in utrecht}
    assert "amersfoort" in _slugs(db, served) and "zeewolde" not in _slugs(db, served)


def test_an_onsite_offer_without_municipality_serves_nothing(db, make):
    offer = SimpleNamespace(
        kind="guest_lesson", location_mode="onsite", municipality_id=None, serves_within_km=None
    )
    assert served_municipality_ids(offer, _all(db)) == set()


@pytest.mark.both_databases
def test_many_offers_at_once_agree_with_one_by_one(db, make):
    offers = [
        make.offer(kind="guest_lesson", serves_within_km=10),
        make.offer(kind="company_visit", municipality=make.municipality("texel")),
        make.offer(kind="material", location_mode="online", municipality=None),
        make.offer(kind="guest_teacher", municipality=make.municipality("utrecht"), serves_within_km=40),
    ]
    db.session.flush()
    everything = _all(db)
    together = served_by_offers(offer_columns().where(Offer.id.in_([o.id for o in offers])))
    assert together == {o.id: served_municipality_ids(o, everything) for o in offers}
    flevoland = [m for m in everything if m.region.slug == "flevoland"]
    some = served_by_offers(offer_columns().where(Offer.id == offers[3].id), flevoland)
    assert some == {offers[3].id: served_municipality_ids(offers[3], flevoland)}


def test_the_form_stores_the_reach_of_a_guest_lesson_only(client, login_as, make, db):
    provider = make.user("provider", organisation=make.company(verified=False))
    login_as(provider)
    page = client.get("/aanbod/nieuw?soort=guest_lesson").get_data(as_text=True)
    assert 'name="serves_within_km"' in page and 'value="25"' in page
    assert client.post("/aanbod/nieuw", data=offer_form(make, serves_within_km="40")).status_code == 302
    assert db.session.scalar(select(Offer).order_by(Offer.id.desc())).serves_within_km == 40
    material = offer_form(make, kind="material", title="Bouwpakket", serves_within_km="40")
    assert client.post("/aanbod/nieuw", data=material).status_code == 302
    assert db.session.scalar(select(Offer).order_by(Offer.id.desc())).serves_within_km is None
    online = offer_form(make, title="Online les", location_mode="online", address="", serves_within_km="40")
    assert client.post("/aanbod/nieuw", data=online).status_code == 302
    assert db.session.scalar(select(Offer).order_by(Offer.id.desc())).serves_within_km is None


def test_the_form_refuses_a_bad_reach_in_dutch_and_keeps_it(client, login_as, make, db):
    provider = make.user("provider", organisation=make.company(verified=False))
    login_as(provider)
    page = client.post("/aanbod/nieuw", data=offer_form(make, serves_within_km="900")).get_data(as_text=True)
    assert "Vul een getal tussen 1 en 300 in" in page
    assert 'value="900"' in page
    page = client.post("/aanbod/nieuw", data=offer_form(make, serves_within_km="ver")).get_data(as_text=True)
    assert 'value="ver"' in page
    assert db.session.scalar(select(Offer)) is None
