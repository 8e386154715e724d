"""Moderation rules that are not the offer lifecycle: scope, queue, decisions on the
reviewed version, featuring, verifying.

The lifecycle itself (approve, reject, unpublish, history, mails to providers) lives in
``portal.offers.lifecycle``; this module decides *which* offers and organisations a
coordinator sees, refuses a decision taken on a page that is out of date, and changes the
flags that are moderation's own.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from flask_babel import lazy_gettext as _l
from sqlalchemy import case, func, select
from sqlalchemy.orm import aliased

from portal import scope
from portal.exceptions import DomainError
from portal.extensions import db
from portal.models import Municipality, Offer, Organisation, User, utcnow
from portal.models.statuses import MembershipStatus, OfferStatus
from portal.moderation.diff import render_changes
from portal.offers import lifecycle, revisions
from portal.offers.attachments import shown_on_page
from portal.offers.errors import OfferChanged
from portal.offers.lifecycle import awaiting_review
from portal.permissions import is_admin, is_coordinator

REVIEW = "review"  # the queue's first tab: submitted offers and pending edits
QUEUE_TABS = (REVIEW, OfferStatus.PUBLISHED, OfferStatus.DRAFT, OfferStatus.REJECTED, OfferStatus.ARCHIVED)
CHANGED_SINCE_OPENED = _l(
    "This offer was changed after you opened it. Look at the changes below and decide again."
)


class ModerationError(DomainError):
    """A moderation step that is refused (an offer already handled, not published...)."""


_owner = aliased(Organisation)


def scope_municipality_ids(user) -> set[int] | None:
    """None means "everywhere" (admins); a coordinator gets their region's municipalities."""
    if is_admin(user):
        return None
    if is_coordinator(user) and user.region is not None:
        return scope.municipality_ids(user.region)
    return set()


def offers_in_scope(user):
    """A select of offers this user moderates: the offer's municipality, or else the
    provider's municipality, lies in the user's region."""
    query = select(Offer).join(_owner, Offer.organisation_id == _owner.id)
    ids = scope_municipality_ids(user)
    if ids is not None:
        where = func.coalesce(Offer.municipality_id, _owner.municipality_id)
        query = query.where(where.in_(ids or [-1]))
    return query


def status_counts(user) -> dict[str, int]:
    """Offers in scope per status, plus ``review``: what waits for a decision (submitted
    offers and published offers with a pending edit)."""
    inner = offers_in_scope(user).with_only_columns(Offer.status).subquery()
    rows = db.session.execute(select(inner.c.status, func.count()).group_by(inner.c.status))
    counts: dict[str, int] = {REVIEW: 0, **dict.fromkeys(OfferStatus, 0)}
    counts.update({status: n for status, n in rows})
    counts[REVIEW] = waiting_count(user)
    return counts


def waiting_count(user) -> int:
    """The navigation badge: offers in scope waiting for review."""
    if not (is_admin(user) or is_coordinator(user)):
        return 0
    query = offers_in_scope(user).where(awaiting_review()).with_only_columns(func.count())
    return db.session.scalar(query.order_by(None)) or 0


def queue(user, status: str = REVIEW):
    """Offers of one status in scope (or waiting for review), the longest waiting first."""
    waiting_since = func.coalesce(Offer.submitted_at, Offer.updated_at, Offer.created_at)
    condition = awaiting_review() if status == REVIEW else Offer.status == status
    return offers_in_scope(user).where(condition).order_by(waiting_since, Offer.id)


def queue_tab(value: str | None) -> str:
    """The queue tab asked for, or the review tab for anything unknown."""
    return value if value in QUEUE_TABS else REVIEW


def is_waiting(offer: Offer) -> bool:
    return offer.status == OfferStatus.SUBMITTED or bool(offer.edit_pending)


def review_summary(offer: Offer) -> dict:
    """What the review page shows: whether it waits for a decision, the diff against the
    last approved version (only the fields a reader sees changed; none for an offer that was
    never approved), the files visitors do not see yet, and every field, image, document and
    date of the offer row (the public version while an edit waits, else the newest)."""
    approved = lifecycle.approved_snapshot(offer)
    files = shown_on_page(offer)
    return {
        "waiting": is_waiting(offer),
        "first_version": not approved,
        "changes": render_changes(lifecycle.pending_changes(offer)) if approved else [],
        "new_files": lifecycle.files_awaiting_review(offer) if offer.is_published else [],
        "fields": revisions.readable(revisions.snapshot(offer)),
        "preparation": offer.preparation,
        "images": [a for a in files if a.kind == "image"],
        "documents": [a for a in files if a.kind == "document"],
    }


# Decisions on the version the coordinator reviewed ------------------------------------------
DECIDABLE: dict[str, Callable[[Offer], bool]] = {
    "approve": is_waiting,
    "reject": is_waiting,
    "unpublish": lambda offer: offer.is_published,
}


def check_current(offer: Offer, decision: str, seen_version: int | None) -> None:
    """A page opened earlier may act on an offer another coordinator already handled, or on
    a version the provider has changed since: refuse (the review page then shows it as it is
    now)."""
    if not DECIDABLE[decision](offer):
        raise ModerationError(
            _l(
                'Someone already handled this offer: it is now "%(status)s". Check the page '
                "before you act again.",
                status=offer.status.label,
            )
        )
    if seen_version != offer.version:
        raise OfferChanged(CHANGED_SINCE_OPENED)


@contextmanager
def _on_the_reviewed_version() -> Iterator[None]:
    """Another decision or edit that came first (``lifecycle.claim``) reads as a change
    since the page was opened."""
    try:
        yield
    except OfferChanged as error:
        raise OfferChanged(CHANGED_SINCE_OPENED) from error


def approve(offer: Offer, actor, seen_version: int | None) -> str:
    check_current(offer, "approve", seen_version)
    with _on_the_reviewed_version():
        return lifecycle.approve(offer, actor, seen_version)


def reject(offer: Offer, actor, reason: str, seen_version: int | None) -> str:
    check_current(offer, "reject", seen_version)
    with _on_the_reviewed_version():
        return lifecycle.reject(offer, actor, reason, seen_version)


def unpublish(offer: Offer, actor, reason: str, seen_version: int | None) -> str:
    check_current(offer, "unpublish", seen_version)
    with _on_the_reviewed_version():
        return lifecycle.unpublish(offer, actor, reason, seen_version)


def set_featured(offer: Offer, featured: bool) -> None:
    """Only a published offer is featured on the home page (any offer may stop being)."""
    if featured and not offer.is_published:
        raise ModerationError(_l("Only a published offer can be featured on the home page."))
    offer.featured = featured


def set_verified(organisation: Organisation, verified: bool) -> None:
    organisation.verified = verified
    organisation.verified_at = utcnow() if verified else None


def organisations_in_scope(user, *, kind=None, verified=None, municipality_id=None, q=None):
    query = select(Organisation).order_by(Organisation.name)
    ids = scope_municipality_ids(user)
    if ids is not None:
        query = query.where(Organisation.municipality_id.in_(ids or [-1]))
    if kind:
        query = query.where(Organisation.kind == kind)
    if verified is not None:
        query = query.where(Organisation.verified.is_(verified))
    if municipality_id:
        query = query.where(Organisation.municipality_id == municipality_id)
    if q:
        pattern = "%" + q.strip().lower().replace("%", r"\%").replace("_", r"\_") + "%"
        query = query.where(func.lower(Organisation.name).like(pattern, escape="\\"))
    return query


def municipalities_in_scope(user) -> list[Municipality]:
    query = select(Municipality).order_by(Municipality.name)
    ids = scope_municipality_ids(user)
    if ids is not None:
        query = query.where(Municipality.id.in_(ids or [-1]))
    return list(db.session.scalars(query))


def organisation_summary(organisation: Organisation, user) -> dict:
    """Members and the organisation's offers in ``user``'s scope: a provider in Flevoland
    may offer lessons in Noord-Holland, and a coordinator sees only their own region's."""
    members = db.session.scalar(
        select(func.count())
        .select_from(User)
        .where(User.organisation_id == organisation.id, User.membership_status == MembershipStatus.APPROVED)
    )
    pending = db.session.scalar(
        select(func.count())
        .select_from(User)
        .where(User.organisation_id == organisation.id, User.membership_status == MembershipStatus.PENDING)
    )
    offers = list(
        db.session.scalars(
            offers_in_scope(user)
            .where(Offer.organisation_id == organisation.id)
            .order_by(case((awaiting_review(), 0), else_=1), Offer.title)
        )
    )
    return {"members_count": members or 0, "pending_count": pending or 0, "offers": offers}


def digest_recipients() -> list[User]:
    """Active coordinators who asked for one daily mail instead of one per submission."""
    coordinators = db.session.scalars(
        select(User).where(User.role == "coordinator", User.active.is_(True), User.region_id.is_not(None))
    )
    return [u for u in coordinators if u.pref("moderation") == "daily"]
