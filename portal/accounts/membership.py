"""Memberships: an organisation chooses who acts for it.

Choosing an existing organisation (at sign-up, or later from the profile) makes a *pending*
membership. The organisation's admins decide; an organisation without an admin is decided by
the coordinators of its region. Until then the person has no rights of the organisation at
all (``portal.permissions.acting_organisation_id``). Whoever creates a new organisation is
its first admin. Services raise ``MembershipError`` and leave the commit to the caller.
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from portal import permissions, scope
from portal.exceptions import DomainError
from portal.extensions import db
from portal.mail.outbox import queue_mail
from portal.models import Organisation, User, utcnow
from portal.models.statuses import MembershipStatus
from portal.urls import absolute_url

# The kind of organisation a role acts for (coordinators and admins act for none).
ORGANISATION_KIND = {"teacher": "school", "provider": "company"}


class MembershipError(DomainError):
    """A membership rule refused the action."""


def start_as_founder(user: User, organisation: Organisation) -> None:
    """The person who registers a new organisation is its first admin."""
    user.organisation = organisation
    user.membership_status = MembershipStatus.APPROVED
    user.is_org_admin = True
    user.membership_requested_at = utcnow()


def join(user: User, organisation_id: int | None) -> Organisation:
    """Someone without an organisation asks to join one of their role's kind."""
    if user.organisation_id is not None:
        raise MembershipError(_l("You already belong to an organisation or asked to join one."))
    organisation = db.session.get(Organisation, organisation_id) if organisation_id else None
    if organisation is None or organisation.kind != ORGANISATION_KIND.get(user.role):
        raise MembershipError(_l("Choose an organisation from the list."), "organisation_id")
    request_membership(user, organisation)
    return organisation


def request_membership(user: User, organisation: Organisation) -> None:
    """Ask to join: pending, and the deciders are told (the organisation's admins, or the
    coordinators of its region when it has none)."""
    user.organisation = organisation
    user.membership_status = MembershipStatus.PENDING
    user.is_org_admin = False
    user.membership_requested_at = utcnow()
    db.session.flush()
    link = absolute_url("auth.members", organisation_id=organisation.id)
    for decider in deciders(organisation):
        queue_mail(decider, "membership_requested", newcomer=user, organisation=organisation, link=link)


def deciders(organisation: Organisation) -> list[User]:
    admins = [m for m in organisation.members if permissions.is_org_admin_of(m, organisation)]
    return admins or scope.coordinators_for(organisation.municipality)


def pending_members(organisation: Organisation) -> list[User]:
    return sorted(
        (
            m
            for m in organisation.members
            if m.membership_status == MembershipStatus.PENDING and m.active and m.deleted_at is None
        ),
        key=lambda m: m.id,
    )


def approved_members(organisation: Organisation) -> list[User]:
    return sorted(
        (
            m
            for m in organisation.members
            if m.membership_status == MembershipStatus.APPROVED and m.deleted_at is None
        ),
        key=lambda m: (not m.is_org_admin, m.name.lower()),
    )


def approve(actor: User, member: User, organisation: Organisation) -> None:
    _check(actor, member, organisation, MembershipStatus.PENDING)
    member.membership_status = MembershipStatus.APPROVED
    queue_mail(member, "membership_approved", organisation=organisation, actor=actor)


def refuse(actor: User, member: User, organisation: Organisation, reason: str | None) -> None:
    """The person leaves the organisation (they can choose another one) and is told why."""
    _check(actor, member, organisation, MembershipStatus.PENDING)
    _detach(member)
    queue_mail(member, "membership_refused", organisation=organisation, reason=(reason or "").strip() or None)


def remove(actor: User, member: User, organisation: Organisation) -> None:
    _check(actor, member, organisation, MembershipStatus.APPROVED)
    if member.id == actor.id:
        raise MembershipError(
            _l("You cannot remove yourself; pass on the admin right and ask another admin.")
        )
    _detach(member)
    queue_mail(member, "membership_removed", organisation=organisation)


def set_admin(actor: User, member: User, organisation: Organisation, admin: bool) -> None:
    """Give or take the admin right; an organisation that has admins keeps at least one."""
    _check(actor, member, organisation, MembershipStatus.APPROVED)
    if not admin and member.is_org_admin and _admin_count(organisation) <= 1:
        raise MembershipError(_l("An organisation keeps at least one admin: make someone else admin first."))
    member.is_org_admin = admin


def _check(actor: User, member: User, organisation: Organisation, status: MembershipStatus) -> None:
    if not permissions.can_manage_members(actor, organisation):
        raise MembershipError(_l("You may not manage the members of this organisation."))
    if member.organisation_id != organisation.id or member.membership_status != status:
        raise MembershipError(
            _l("This membership has changed in the meantime; the list below is up to date.")
        )


def _detach(member: User) -> None:
    member.organisation = None
    member.membership_status = None
    member.is_org_admin = False
    member.membership_requested_at = None


def _admin_count(organisation: Organisation) -> int:
    return sum(1 for m in organisation.members if permissions.is_org_admin_of(m, organisation))
