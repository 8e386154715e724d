"""The landsdeel as regions: provinces, their sub-regions, and a coordinator's scope."""

from __future__ import annotations

import pytest

from portal import permissions, scope

# The scope is SQL (Region.municipality_ids): check it on both databases.
pytestmark = pytest.mark.both_databases


def _ids(make, *slugs):
    return {make.municipality(slug).id for slug in slugs}


def test_noord_holland_has_two_sub_regions_and_the_others_are_their_own(db, make):
    noord_holland = make.region("noord-holland")
    assert {r.slug for r in noord_holland.children} == {"metropoolregio-amsterdam", "noord-holland-noord"}
    assert make.municipality("amsterdam").region.slug == "metropoolregio-amsterdam"
    assert make.municipality("den-helder").region.slug == "noord-holland-noord"
    assert make.municipality("zeist").region.slug == "utrecht"
    assert make.municipality("urk").region.slug == "flevoland"
    counts = {
        slug: len(make.region(slug).municipality_ids())
        for slug in (
            "noordwest",
            "noord-holland",
            "metropoolregio-amsterdam",
            "noord-holland-noord",
            "utrecht",
            "flevoland",
        )
    }
    assert counts == {
        "noordwest": 76,
        "noord-holland": 44,
        "metropoolregio-amsterdam": 28,
        "noord-holland-noord": 16,
        "utrecht": 26,
        "flevoland": 6,
    }


def test_a_province_coordinator_sees_every_sub_region(db, make):
    coordinator = make.user("coordinator", region=make.region("noord-holland"))
    for slug in ("amsterdam", "haarlem", "den-helder", "texel", "alkmaar"):
        assert permissions.in_scope(coordinator, make.municipality(slug).id), slug
    assert not permissions.in_scope(coordinator, make.municipality("utrecht").id)
    assert not permissions.in_scope(coordinator, make.municipality("almere").id)


def test_a_sub_region_coordinator_sees_only_that_sub_region(db, make):
    coordinator = make.user("coordinator", region=make.region("noord-holland-noord"))
    assert permissions.in_scope(coordinator, make.municipality("hoorn").id)
    assert not permissions.in_scope(coordinator, make.municipality("amsterdam").id)


def test_a_utrecht_coordinator_does_not_see_flevoland(db, make):
    coordinator = make.user("coordinator", region=make.region("utrecht"))
    in_scope = scope.municipality_ids(coordinator.region)
    assert _ids(make, "utrecht", "amersfoort", "vijfheerenlanden", "eemnes") <= in_scope
    assert not in_scope & _ids(make, "almere", "lelystad", "dronten", "urk", "zeewolde", "noordoostpolder")
    assert not permissions.in_scope(coordinator, make.municipality("almere").id)


def test_a_landsdeel_coordinator_sees_all(db, make):
    coordinator = make.user("coordinator", region=make.region("noordwest"))
    assert len(scope.municipality_ids(coordinator.region)) == 76


def test_coordinators_for_a_municipality_include_the_province_and_landsdeel(db, make):
    province = make.user("coordinator", region=make.region("noord-holland"))
    sub = make.user("coordinator", region=make.region("metropoolregio-amsterdam"))
    other = make.user("coordinator", region=make.region("noord-holland-noord"))
    found = scope.coordinators_for(make.municipality("zaanstad"))
    assert province in found and sub in found and other not in found
