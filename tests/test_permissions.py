"""The rules in portal/permissions.py, role by role."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from flask_login import AnonymousUserMixin

from portal import permissions as p


@pytest.fixture
def utrecht_town(db, make):
    """A municipality of Utrecht (reference data since the whole landsdeel is loaded)."""
    town = make.municipality("houten")
    assert town.region == make.region("utrecht")
    return town


def test_coordinator_scope_is_their_region(make, utrecht_town):
    coordinator = make.user("coordinator")  # Flevoland
    assert p.in_scope(coordinator, make.municipality("urk").id)
    assert not p.in_scope(coordinator, utrecht_town.id)
    assert not p.in_scope(coordinator, None)


def test_coordinator_of_a_wider_region_sees_its_subregions(make, utrecht_town):
    landsdeel = make.user("coordinator", region=make.region("noordwest"))
    assert p.in_scope(landsdeel, make.municipality("almere").id)
    assert p.in_scope(landsdeel, utrecht_town.id)


def test_admin_sees_everything_and_others_nothing(make, utrecht_town):
    assert p.in_scope(make.user("admin"), utrecht_town.id)
    for role in ("teacher", "provider"):
        assert not p.in_scope(make.user(role), make.municipality("almere").id)
    assert not p.in_scope(AnonymousUserMixin(), make.municipality("almere").id)


def test_only_confirmed_teachers_of_a_school_book(make):
    offer = make.offer()
    assert p.can_book(make.user("teacher"), offer)
    assert not p.can_book(make.user("teacher", confirmed=False), offer)
    assert not p.can_book(make.user("provider"), offer)
    assert not p.can_book(make.user("teacher", organisation=make.company()), offer)
    assert not p.can_book(make.user("teacher"), make.offer(status="draft"))
    assert not p.can_book(AnonymousUserMixin(), offer)


def test_only_confirmed_provider_staff_create_offers(make):
    assert p.can_create_offer(make.user("provider"))
    assert not p.can_create_offer(make.user("provider", confirmed=False))
    assert not p.can_create_offer(make.user("teacher"))
    assert not p.can_create_offer(make.user("provider", organisation=make.school()))


def test_unconfirmed_or_inactive_members_cannot_act_for_their_organisation(make):
    company = make.company()
    draft = make.offer(company, status="draft")
    assert not p.can_edit_offer(make.user("provider", organisation=company, confirmed=False), draft)
    assert not p.can_edit_offer(make.user("provider", organisation=company, active=False), draft)
    school = make.school()
    booking = SimpleNamespace(school=school, teacher_id=None, offer=SimpleNamespace(organisation=company))
    assert not p.can_view_booking(make.user("teacher", organisation=school, confirmed=False), booking)


def test_offers_are_managed_by_their_own_organisation_only(make, utrecht_town):
    company = make.company()
    draft = make.offer(company, status="draft")
    own = make.user("provider", organisation=company)
    other = make.user("provider")
    assert p.can_edit_offer(own, draft) and p.can_view_offer(own, draft)
    assert not p.can_edit_offer(other, draft) and not p.can_view_offer(other, draft)
    assert not p.can_view_offer(AnonymousUserMixin(), draft)
    assert p.can_view_offer(AnonymousUserMixin(), make.offer(status="published"))
    assert p.can_moderate_offer(make.user("coordinator"), draft)
    far_away = make.offer(make.company(municipality=utrecht_town), status="submitted")
    assert not p.can_moderate_offer(make.user("coordinator"), far_away)
    assert p.can_moderate_offer(make.user("admin"), far_away)


def test_teacher_contact_details_only_for_that_bookings_provider_and_staff(make):
    school, company = make.school(), make.company()
    teacher = make.user("teacher", organisation=school)
    booking = SimpleNamespace(
        school=school, teacher_id=teacher.id, offer=SimpleNamespace(organisation=company)
    )
    assert p.can_see_teacher_contact(make.user("provider", organisation=company), booking)
    assert p.can_see_teacher_contact(make.user("coordinator"), booking)
    assert p.can_see_teacher_contact(teacher, booking)
    assert not p.can_see_teacher_contact(make.user("teacher", organisation=school), booking)
    assert not p.can_see_teacher_contact(make.user("provider"), booking)
    assert not p.can_see_teacher_contact(make.user("teacher"), booking)
    assert not p.can_see_teacher_contact(AnonymousUserMixin(), booking)


def test_anyone_logged_in_saves_published_offers_only(make):
    published, draft, archived = make.offer(), make.offer(status="draft"), make.offer(status="archived")
    for role in ("teacher", "provider", "coordinator", "admin"):
        user = make.user(role)
        assert p.can_save_offer(user, published)
        assert not p.can_save_offer(user, draft) and not p.can_save_offer(user, archived)
    assert p.can_save_offer(make.user("teacher", confirmed=False), published)  # saving needs no school
    assert not p.can_save_offer(AnonymousUserMixin(), published)
    assert not p.can_save_offer(None, published)
