"""Every authorization rule of the portal, as pure ``can_*(user, obj)`` functions.

Views use them through ``get_*_or_403`` helpers (``portal.loaders``); templates get
them through a context processor, so a button is shown exactly when the action is
allowed. ``user`` may be anonymous (Flask-Login's AnonymousUserMixin) or None.
"""
from __future__ import annotations


def _authenticated(user) -> bool:
    return bool(user is not None and getattr(user, "is_authenticated", False))


def _role(user) -> str | None:
    return user.role if _authenticated(user) else None


def is_admin(user) -> bool:
    return _role(user) == "admin"


def is_coordinator(user) -> bool:
    return _role(user) == "coordinator"


def is_staff(user) -> bool:
    """Coordinators and admins: the people behind /beheer."""
    return _role(user) in ("coordinator", "admin")


def in_scope(user, municipality_id: int | None) -> bool:
    """An admin sees everything; a coordinator the municipalities of their region."""
    if is_admin(user):
        return True
    if not is_coordinator(user) or user.region is None:
        return False
    if municipality_id is None:
        return False
    return municipality_id in user.region.municipality_ids()


def member_of(user, organisation) -> bool:
    """A member who may act for the organisation: confirmed (so someone who merely typed an
    organisation's name at sign-up cannot see its bookings or touch its offers) and active."""
    return (
        _authenticated(user)
        and organisation is not None
        and user.organisation_id is not None
        and user.organisation_id == organisation.id
        and user.confirmed
        and user.active
    )


# Organisations ------------------------------------------------------------------------
def can_view_organisation_admin(user, organisation) -> bool:
    return is_staff(user) and (
        is_admin(user) or in_scope(user, organisation.municipality_id)
    )


def can_manage_organisation(user, organisation) -> bool:
    """Edit the organisation's details: its own members, or staff in scope."""
    return member_of(user, organisation) or can_view_organisation_admin(user, organisation)


def can_verify_organisation(user, organisation) -> bool:
    return can_view_organisation_admin(user, organisation)


# Users --------------------------------------------------------------------------------
def can_manage_users(user) -> bool:
    return is_admin(user)


def can_view_outbox(user) -> bool:
    return is_admin(user)


# Offers -------------------------------------------------------------------------------
def can_create_offer(user) -> bool:
    """Confirmed provider staff of a provider organisation publish offers."""
    return (
        _role(user) == "provider"
        and user.confirmed
        and user.organisation is not None
        and user.organisation.is_provider
    )


def can_view_offer(user, offer) -> bool:
    """Published offers are public; anything else (archived too) only for its owners and
    staff in scope."""
    if offer.status == "published":
        return True
    return can_manage_offer(user, offer) or can_moderate_offer(user, offer)


def can_edit_offer(user, offer) -> bool:
    return (
        _role(user) == "provider"
        and member_of(user, offer.organisation)
        and offer.status != "archived"
    )


def can_manage_offer(user, offer) -> bool:
    """Slots, files, archive, duplicate: the offer's own organisation."""
    return _role(user) == "provider" and member_of(user, offer.organisation)


def can_moderate_offer(user, offer) -> bool:
    if not is_staff(user):
        return False
    municipality_id = offer.municipality_id or offer.organisation.municipality_id
    return is_admin(user) or in_scope(user, municipality_id)


def can_moderate(user) -> bool:
    return is_staff(user)


def can_feature_offer(user, offer) -> bool:
    return can_moderate_offer(user, offer)


def can_manage_taxonomy(user) -> bool:
    """The taxonomy is shared by every region: only admins edit it (a coordinator would
    rename terms other regions use)."""
    return is_admin(user)


def can_import_offers(user) -> bool:
    return is_staff(user)


# Bookings -----------------------------------------------------------------------------
def can_book(user, offer=None) -> bool:
    """Confirmed teachers of a school book published offers."""
    if not (
        _role(user) == "teacher"
        and user.confirmed
        and user.organisation is not None
        and user.organisation.is_school
    ):
        return False
    return offer is None or offer.status == "published"


def can_view_booking(user, booking) -> bool:
    """The school's teachers, the provider's staff, and staff in scope."""
    if not _authenticated(user):
        return False
    if member_of(user, booking.school) or member_of(user, booking.offer.organisation):
        return True
    return is_staff(user) and (is_admin(user) or in_scope(user, booking.school.municipality_id))


def can_act_as_teacher(user, booking) -> bool:
    return _role(user) == "teacher" and member_of(user, booking.school)


def can_act_as_provider(user, booking) -> bool:
    return _role(user) == "provider" and member_of(user, booking.offer.organisation)


def can_see_teacher_contact(user, booking) -> bool:
    """AVG: a teacher's contact details go to that booking's provider and coordinators in
    scope (and to the teacher themselves), not to colleagues at the same school."""
    if _authenticated(user) and getattr(booking, "teacher_id", None) == user.id:
        return True
    return can_act_as_provider(user, booking) or (
        is_staff(user) and can_view_booking(user, booking)
    )


# Reports ------------------------------------------------------------------------------
def can_view_reports(user) -> bool:
    return is_staff(user)


PERMISSIONS = {name: fn for name, fn in globals().items() if name.startswith(("can_", "is_"))}
