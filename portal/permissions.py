"""Every authorization rule of the portal, as pure ``can_*(user, obj)`` functions.

Views use them through ``get_*_or_403`` helpers (``portal.loaders``); templates get
them through a context processor, so a button is shown exactly when the action is
allowed. ``user`` may be anonymous (Flask-Login's AnonymousUserMixin) or None.
"""

from __future__ import annotations

from portal import scope
from portal.models.statuses import ArticleStatus, MembershipStatus, OfferStatus, TeacherRequestStatus


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
    return municipality_id in scope.municipality_ids(user.region)


def acting_organisation_id(user) -> int | None:
    """The organisation this user may act for, or None: the one place that grants an
    organisation's rights. A membership is granted, not taken: only an *approved* member
    (approved by the organisation's admins or a coordinator) with a confirmed address and an
    active account acts for it. A pending member sees nothing of the organisation."""
    if not (_authenticated(user) and user.confirmed and user.active):
        return None
    if user.organisation_id is None or user.membership_status != MembershipStatus.APPROVED:
        return None
    return user.organisation_id


def acting_organisation(user):
    return user.organisation if acting_organisation_id(user) is not None else None


def member_of(user, organisation) -> bool:
    """May ``user`` act for ``organisation``? (see ``acting_organisation_id``)"""
    return organisation is not None and acting_organisation_id(user) == organisation.id


def acting_member_clause(user_model, organisation_id: int):
    """SQL for "approved, confirmed, active member of this organisation": the same rule as
    ``acting_organisation_id``, for queries that pick recipients of an organisation's mail."""
    return (
        (user_model.organisation_id == organisation_id)
        & (user_model.membership_status == MembershipStatus.APPROVED)
        & user_model.confirmed_at.is_not(None)
        & user_model.active.is_(True)
    )


def is_org_admin_of(user, organisation) -> bool:
    return member_of(user, organisation) and bool(user.is_org_admin)


# Organisations ------------------------------------------------------------------------
def can_view_organisation_admin(user, organisation) -> bool:
    return is_staff(user) and (is_admin(user) or in_scope(user, organisation.municipality_id))


def can_verify_organisation(user, organisation) -> bool:
    return can_view_organisation_admin(user, organisation)


def can_manage_members(user, organisation) -> bool:
    """Approve or refuse requests to join, remove members, pass on the admin right: the
    organisation's admins; coordinators in scope (and admins) only when it has no admin of
    its own, so staff never overrule an organisation that manages itself."""
    if organisation is None:
        return False
    if is_org_admin_of(user, organisation):
        return True
    return can_view_organisation_admin(user, organisation) and not organisation.has_admin


def can_view_members(user, organisation) -> bool:
    return (
        member_of(user, organisation)
        or can_manage_members(user, organisation)
        or (can_view_organisation_admin(user, organisation))
    )


def can_remove_member(user, organisation, member) -> bool:
    """Members are removed by those who manage them; nobody removes themselves (an admin
    passes the right on and asks another admin)."""
    return can_manage_members(user, organisation) and getattr(member, "id", None) != user.id


# Mail ---------------------------------------------------------------------------------
def can_view_outbox(user) -> bool:
    return is_admin(user)


# Offers -------------------------------------------------------------------------------
def can_create_offer(user) -> bool:
    """Confirmed provider staff of a provider organisation publish offers."""
    organisation = acting_organisation(user)
    return _role(user) == "provider" and organisation is not None and organisation.is_provider


def can_view_offer(user, offer) -> bool:
    """Published offers are public; anything else (archived too) only for its owners and
    staff in scope."""
    if offer.status == OfferStatus.PUBLISHED:
        return True
    return can_manage_offer(user, offer) or can_moderate_offer(user, offer)


def can_edit_offer(user, offer) -> bool:
    return (
        _role(user) == "provider"
        and member_of(user, offer.organisation)
        and offer.status != OfferStatus.ARCHIVED
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


def can_manage_search_synonyms(user) -> bool:
    """The search synonyms (``/beheer/zoeksynoniemen``): coordinators and admins, who hear
    what teachers search for; a synonym changes searches only, never an offer."""
    return is_staff(user)


def can_view_reports(user) -> bool:
    """Reports, white spots and their exports (``/beheer/rapportages``, ``/beheer/witte-vlekken``):
    admins for every region, a coordinator for their own region (none without a region)."""
    return is_admin(user) or (is_coordinator(user) and user.region is not None)


def can_save_offer(user, offer) -> bool:
    """Anyone logged in keeps published offers on a short list ("bewaard") to compare;
    what is no longer published stays on a list it was saved to, but is not added."""
    return _authenticated(user) and offer.status == OfferStatus.PUBLISHED


def can_save_search(user) -> bool:
    """Anyone logged in saves an /aanbod search and is mailed its new offers."""
    return _authenticated(user)


def can_save_request_search(user) -> bool:
    """Who answers teacher requests saves a /vragen search and is mailed new requests."""
    return can_answer_request(user)


def can_manage_saved_search(user, search) -> bool:
    """A saved search is its owner's alone: nobody else sees, changes or runs it."""
    return _authenticated(user) and search.user_id == user.id


def can_list_own_offers(user) -> bool:
    """My offers: provider staff who act for an organisation see its offers (making new
    ones also needs a provider organisation: ``can_create_offer``)."""
    return _role(user) == "provider" and acting_organisation_id(user) is not None


# Bookings -----------------------------------------------------------------------------
def can_book(user, offer=None) -> bool:
    """Confirmed teachers of a school book published offers."""
    organisation = acting_organisation(user)
    if not (_role(user) == "teacher" and organisation is not None and organisation.is_school):
        return False
    return offer is None or offer.status == OfferStatus.PUBLISHED


def can_view_booking(user, booking) -> bool:
    """The school's teachers, the provider's staff, and staff in scope."""
    if not _authenticated(user):
        return False
    if member_of(user, booking.school) or member_of(user, booking.offer.organisation):
        return True
    return is_staff(user) and (is_admin(user) or in_scope(user, booking.school.municipality_id))


def can_act_as_teacher(user, booking) -> bool:
    """A booking is its teacher's: colleagues at the school may read it, but only the teacher
    who booked (or an admin of the school) cancels, withdraws or answers a proposal."""
    if not (_role(user) == "teacher" and member_of(user, booking.school)):
        return False
    return booking.teacher_id == user.id or bool(user.is_org_admin)


def can_give_feedback(user, booking) -> bool:
    """Feedback is the booker's own experience: nobody else writes it."""
    return _role(user) == "teacher" and member_of(user, booking.school) and booking.teacher_id == user.id


def can_act_as_provider(user, booking) -> bool:
    return _role(user) == "provider" and member_of(user, booking.offer.organisation)


def can_see_teacher_contact(user, booking) -> bool:
    """AVG: a teacher's contact details go to that booking's provider and coordinators in
    scope (and to the teacher themselves), not to colleagues at the same school."""
    if _authenticated(user) and getattr(booking, "teacher_id", None) == user.id:
        return True
    return can_act_as_provider(user, booking) or (is_staff(user) and can_view_booking(user, booking))


def can_act_on_waitlist_entry(user, entry) -> bool:
    """A place on a waiting list is its teacher's own: only they take or leave it."""
    return _authenticated(user) and entry.teacher_id == user.id


# Kennisbank ---------------------------------------------------------------------------
def can_write_article(user) -> bool:
    """Coordinators and admins, and teachers and providers who act for their organisation
    (a pending member writes nothing in its name)."""
    if is_staff(user):
        return True
    return _role(user) in ("teacher", "provider") and acting_organisation_id(user) is not None


def can_moderate_article(user, article) -> bool:
    """Staff in scope of the author's organisation (any coordinator for an article without
    one, i.e. written by staff); admins everywhere."""
    if not is_staff(user):
        return False
    if is_admin(user) or article.organisation is None:
        return True
    return in_scope(user, article.organisation.municipality_id)


def can_edit_article(user, article) -> bool:
    """Its author, colleagues acting for the same organisation, and staff in scope; an
    archived article is history and stays as it is."""
    if article.status == ArticleStatus.ARCHIVED or not can_write_article(user):
        return False
    if article.author_id is not None and article.author_id == user.id:
        return True
    if not is_staff(user) and article.organisation is not None and member_of(user, article.organisation):
        return True
    return can_moderate_article(user, article)


def can_view_article(user, article) -> bool:
    """Published articles are public; the rest only for those who edit or review them."""
    if article.status == ArticleStatus.PUBLISHED:
        return True
    if _authenticated(user) and article.author_id == user.id:
        return True
    return can_edit_article(user, article) or can_moderate_article(user, article)


def can_archive_article(user, article) -> bool:
    return article.status != ArticleStatus.ARCHIVED and (
        can_edit_article(user, article) or can_moderate_article(user, article)
    )


def can_share_experience(user, article) -> bool:
    """ "Ervaring delen": teachers who act for a school, under a published article."""
    organisation = acting_organisation(user)
    return (
        _role(user) == "teacher"
        and organisation is not None
        and organisation.is_school
        and article.status == ArticleStatus.PUBLISHED
    )


def can_hide_reaction(user, reaction) -> bool:
    return can_moderate_article(user, reaction.article)


# Teacher requests ("vragen") --------------------------------------------------------------
def can_post_request(user) -> bool:
    """Confirmed teachers of a school ask for what they look for; while their membership
    waits for approval, the request waits for a coordinator (``request_publishes_directly``)."""
    if not (_role(user) == "teacher" and user.confirmed and user.active):
        return False
    organisation = user.organisation
    return organisation is not None and organisation.is_school


def request_school(user):
    """The school a request is posted for: the teacher's own, also while their membership
    waits for approval (the request then waits for a coordinator too)."""
    return user.organisation if can_post_request(user) else None


def request_publishes_directly(user) -> bool:
    """An approved teacher of a verified school publishes at once; others are moderated."""
    organisation = acting_organisation(user)
    return (
        _role(user) == "teacher"
        and organisation is not None
        and organisation.is_school
        and organisation.verified
    )


def can_manage_request(user, teacher_request) -> bool:
    """A request is its teacher's: they compare the answers, accept one, close it (or an
    organisation admin of the school, when the teacher has left)."""
    if not (_role(user) == "teacher" and _authenticated(user)):
        return False
    if teacher_request.teacher_id == user.id and user.organisation_id == teacher_request.school_id:
        return True
    return is_org_admin_of(user, teacher_request.school)


def can_moderate_request(user, teacher_request) -> bool:
    municipality_id = teacher_request.municipality_id or teacher_request.school.municipality_id
    return is_staff(user) and (is_admin(user) or in_scope(user, municipality_id))


def can_answer_request(user, teacher_request=None) -> bool:
    """Staff of a provider organisation answer open requests."""
    organisation = acting_organisation(user)
    if not (_role(user) == "provider" and organisation is not None and organisation.is_provider):
        return False
    return teacher_request is None or teacher_request.status == TeacherRequestStatus.OPEN


def is_request_answerer(user, teacher_request) -> bool:
    organisation_id = acting_organisation_id(user)
    return _role(user) == "provider" and any(
        a.organisation_id == organisation_id for a in teacher_request.answers
    )


def can_view_request(user, teacher_request) -> bool:
    """Open requests are public (without personal data); after that: the teacher, the
    providers who answered, staff in scope."""
    if teacher_request.status == TeacherRequestStatus.OPEN:
        return True
    return (
        can_manage_request(user, teacher_request)
        or is_request_answerer(user, teacher_request)
        or can_moderate_request(user, teacher_request)
    )


def can_set_request_preferences(user) -> bool:
    return can_answer_request(user)


PERMISSIONS = {name: fn for name, fn in globals().items() if name.startswith(("can_", "is_"))}
