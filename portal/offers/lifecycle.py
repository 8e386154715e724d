"""The offer lifecycle: every status change, who made it, when and why.

    draft --submit--> submitted --approve--> published --archive--> archived --restore--> draft
                         \\--reject(reason)--> rejected --submit--> submitted ...
    published --unpublish(reason)--> rejected   (the provider edits and resubmits)
    draft/rejected --submit (verified organisation)--> published

Design choice (the public version): the Offer row always holds what the public sees, so
search (which indexes the Offer row on commit) and the offer page stay correct without
knowing about revisions. Consequences:

* draft / submitted / rejected offers are not public: their row is simply the newest edit.
* A published offer of a *verified* organisation is edited in place.
* A published offer of an *unverified* organisation is never changed in place: the edit is
  stored as an unapproved ``OfferRevision`` (see ``portal.offers.services.save_offer``) and
  ``submit`` marks it for review (``offer.edit_pending = True``; the status stays
  ``published``, so the approved version stays visible). ``approve`` copies the pending
  revision onto the row; ``reject`` leaves the row alone and keeps the revision so the
  provider can improve it. The moderation queue is therefore
  ``status == SUBMITTED OR edit_pending`` (see ``awaiting_review``).
* Each approval stores an approved ``OfferRevision``: the moderation diff
  (``pending_changes``) compares the newest edit with the last approved version.

``unpublish`` moves a published offer to ``rejected`` (not draft): the reason is shown to
the provider like a rejection and the provider edits and resubmits. ``archive`` is allowed
from every status except archived; ``restore`` brings an archived offer back as a draft.

Files follow the text: a file an unverified provider adds to a published offer is stored with
``awaiting_review`` (hidden from visitors, see ``portal.offers.attachments``) and counts as a pending
change; approving the pending change publishes it, rejecting keeps it hidden (the provider
removes it or submits again), like a rejected text edit. Dates (slots) need no review.

A decision applies to the version that was reviewed: ``offer.version`` is bumped by every
change a reviewer would see (text, terms, files) and by every step here, always through
``claim``: one conditional ``UPDATE offer SET version = version + 1 ... WHERE id = :id AND
status = :seen_status AND version = :seen_version``. When another request changed the offer
first, nothing is updated and ``OfferChanged`` is raised, so two simultaneous decisions (or a
decision and an edit) never both apply. The review page sends the version it showed.

Functions here change the session only (no commit) and queue mail via the outbox; the
caller commits once. Permission checks are the caller's job (portal.permissions).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import cast

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, or_, select, update
from sqlalchemy.engine import CursorResult
from sqlalchemy.orm.attributes import set_committed_value

from portal import scope
from portal.extensions import db
from portal.mail.outbox import queue_mail
from portal.models import Offer, OfferStatusChange, Slot, User, utcnow
from portal.models.base import local_now
from portal.models.statuses import OfferStatus
from portal.offers import revisions
from portal.offers.errors import OfferChanged, OfferError
from portal.offers.revisions import pending_revision
from portal.urls import absolute_url


# Reading --------------------------------------------------------------------------------
def awaiting_review():
    """A select() condition for the moderation queue."""
    return or_(Offer.status == OfferStatus.SUBMITTED, Offer.edit_pending.is_(True))


def approved_snapshot(offer: Offer) -> dict:
    """The last approved public fields ({} when never approved)."""
    revision = revisions.latest_revision(offer, approved=True)
    if revision is not None:
        return dict(revision.data)
    if offer.is_published:
        return revisions.snapshot(offer)
    return {}


def newest_snapshot(offer: Offer) -> dict:
    """What the provider last wrote: a pending revision, else the row itself."""
    pending = pending_revision(offer) if offer.is_published else None
    return dict(pending.data) if pending is not None else revisions.snapshot(offer)


def pending_changes(offer: Offer) -> list[tuple[str, str, str]]:
    """(field label, old, new) rows: the newest edit against the last approved version."""
    return revisions.changes(approved_snapshot(offer), newest_snapshot(offer))


def files_awaiting_review(offer: Offer) -> list:
    """Files added to the published offer that visitors do not see yet."""
    return [a for a in offer.attachments if a.awaiting_review]


def has_pending_changes(offer: Offer) -> bool:
    """A published offer has an edit or files that the public does not see yet."""
    return pending_revision(offer) is not None or bool(files_awaiting_review(offer))


def check_editable(offer: Offer) -> None:
    """Text, dates and files of an archived offer stay as they are until it is restored."""
    if offer.is_archived:
        raise OfferError(_l("An archived offer cannot be changed. Restore it first."))


# Versions -------------------------------------------------------------------------------
def claim(offer: Offer, seen_version: int | None = None, **values) -> None:
    """Bump the version (and set ``values``) only while the offer still has the status this
    request read and the version the actor saw (``seen_version``, default: as read here).
    Call it before changing the row; raises OfferChanged when another request came first."""
    db.session.flush()
    version = offer.version if seen_version is None else seen_version
    result = cast(
        CursorResult,
        db.session.execute(  # an UPDATE: it has a rowcount
            update(Offer)
            .where(Offer.id == offer.id, Offer.status == offer.status, Offer.version == version)
            .values(version=Offer.version + 1, **values)
            .execution_options(synchronize_session=False)
        ),
    )
    if result.rowcount != 1:
        raise OfferChanged()
    for name, value in {"version": version + 1, **values}.items():
        set_committed_value(offer, name, value)


def record(
    offer: Offer, actor, to_status: str, reason=None, event: str | None = None, from_status: str | None = None
):
    """Write one OfferStatusChange row (who, when, why); does not change the offer."""
    change = OfferStatusChange(
        offer=offer,
        actor_id=getattr(actor, "id", None),
        from_status=from_status or offer.status,
        to_status=to_status,
        event=event or to_status,
        reason=str(reason) if reason else None,
        created_at=utcnow(),
    )
    db.session.add(change)
    return change


def _move(
    offer: Offer,
    actor,
    to_status: str,
    reason=None,
    event: str | None = None,
    seen_version: int | None = None,
) -> None:
    from_status = offer.status
    claim(offer, seen_version, status=to_status)
    record(offer, actor, to_status, reason, event, from_status=from_status)


# Transitions ----------------------------------------------------------------------------
def submit(offer: Offer, actor) -> str:
    """Ask for review. Returns the event: ``submitted``, ``published`` or ``edit_submitted``
    (or ``edit_published`` for a verified organisation's pending edit)."""
    if offer.is_published:
        return _submit_edit(offer, actor)
    if not offer.is_submittable:
        raise OfferError(_l("Only a draft or rejected offer can be submitted."))
    check_complete(offer)
    if offer.organisation.verified:
        _publish(offer, actor, _l("Published directly: verified organisation."), "publish")
        offer.submitted_at = utcnow()
        return OfferStatus.PUBLISHED
    _move(offer, actor, OfferStatus.SUBMITTED, event="submit")
    offer.submitted_at = utcnow()
    _notify_coordinators(offer)
    return OfferStatus.SUBMITTED


def _submit_edit(offer: Offer, actor) -> str:
    if offer.edit_pending or not has_pending_changes(offer):
        raise OfferError(_l("There are no changes to submit."))
    claim(offer)
    offer.submitted_at = utcnow()
    if offer.organisation.verified:
        _apply_pending(offer, pending_revision(offer))
        record(
            offer,
            actor,
            OfferStatus.PUBLISHED,
            _l("Changes published: verified organisation."),
            "edit_published",
        )
        return "edit_published"
    offer.edit_pending = True
    record(offer, actor, OfferStatus.PUBLISHED, _l("Changes submitted for review."), "edit_submitted")
    _notify_coordinators(offer)
    return "edit_submitted"


def check_complete(offer: Offer) -> None:
    """What an offer needs before anyone reviews it."""
    if not (offer.title or "").strip() or not (offer.summary or "").strip():
        raise OfferError(_l("Add a title and a summary before you submit."))
    if offer.location_mode != "online" and offer.municipality_id is None:
        raise OfferError(_l("Choose a municipality before you submit."))
    if offer.booking_mode == "slots" and not _has_future_slot(offer):
        raise OfferError(_l("Add at least one date in the future before you submit."))


def _has_future_slot(offer: Offer) -> bool:
    now = local_now()
    return any(slot.starts_at > now for slot in offer.slots)


def approve(offer: Offer, actor, seen_version: int | None = None) -> str:
    """Publish a submitted offer, or a published offer's pending edit (text and files), as
    it was at ``seen_version``."""
    if offer.is_published and offer.edit_pending:
        claim(offer, seen_version)
        _apply_pending(offer, pending_revision(offer))
        record(offer, actor, OfferStatus.PUBLISHED, None, "edit_approved")
        _notify_providers(offer, "edit_approved", None)
        return "edit_approved"
    if offer.status != OfferStatus.SUBMITTED:
        raise OfferError(_l("Only an offer that waits for review can be approved."))
    _publish(offer, actor, None, "approve", seen_version)
    _notify_providers(offer, "approved", None)
    return "approved"


def _publish(offer: Offer, actor, reason, event: str, seen_version: int | None = None) -> None:
    _move(offer, actor, OfferStatus.PUBLISHED, reason, event, seen_version)
    offer.published_at = offer.published_at or utcnow()
    offer.rejection_reason = None
    offer.edit_pending = False
    _release_files(offer)
    revisions.add_revision(offer, actor, revisions.snapshot(offer), approved=True)


def _apply_pending(offer: Offer, pending) -> None:
    if pending is not None:
        revisions.apply_snapshot(offer, pending.data)
        pending.approved = True
    offer.edit_pending = False
    offer.rejection_reason = None
    _release_files(offer)


def _release_files(offer: Offer) -> None:
    for attachment in files_awaiting_review(offer):
        attachment.awaiting_review = False


def reject(offer: Offer, actor, reason: str, seen_version: int | None = None) -> str:
    """Refuse a submitted offer or a pending edit; the reason goes to the provider. A
    rejected edit's files stay hidden until the provider removes them or submits again."""
    reason = _required(reason)
    if offer.is_published and offer.edit_pending:
        claim(offer, seen_version)
        offer.edit_pending = False
        offer.rejection_reason = reason
        record(offer, actor, OfferStatus.PUBLISHED, reason, "edit_rejected")
        _notify_providers(offer, "edit_rejected", reason)
        return "edit_rejected"
    if offer.status != OfferStatus.SUBMITTED:
        raise OfferError(_l("Only an offer that waits for review can be rejected."))
    _move(offer, actor, OfferStatus.REJECTED, reason, "reject", seen_version)
    offer.rejection_reason = reason
    _notify_providers(offer, "rejected", reason)
    return OfferStatus.REJECTED


def unpublish(offer: Offer, actor, reason: str, seen_version: int | None = None) -> str:
    """Take a published offer offline: it becomes ``rejected`` with the reason."""
    reason = _required(reason)
    if not offer.is_published:
        raise OfferError(_l("Only a published offer can be taken offline."))
    _move(offer, actor, OfferStatus.REJECTED, reason, "unpublish", seen_version)
    pending = pending_revision(offer)
    if pending is not None:  # not public any more: the row may hold the newest edit
        revisions.apply_snapshot(offer, pending.data)
    offer.edit_pending = False
    offer.rejection_reason = reason
    _notify_providers(offer, "unpublished", reason)
    return "unpublished"


def archive(offer: Offer, actor, reason=None, event: str = "archive") -> str:
    if offer.is_archived:
        raise OfferError(_l("This offer is already archived."))
    _move(offer, actor, OfferStatus.ARCHIVED, reason, event)
    offer.archived_at = utcnow()
    offer.edit_pending = False
    offer.featured = False
    return OfferStatus.ARCHIVED


def restore(offer: Offer, actor) -> str:
    """An archived offer comes back as a draft: edit it and submit it again."""
    if not offer.is_archived:
        raise OfferError(_l("Only an archived offer can be restored."))
    _move(offer, actor, OfferStatus.DRAFT, None, "restore")
    offer.archived_at = None
    return OfferStatus.DRAFT


def _required(reason) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise OfferError(_l("Give a reason: the provider sees it."))
    return reason


# Expiry -----------------------------------------------------------------------------
def archive_expired(today: date) -> int:
    """Archive live offers whose last slot date or ``available_until`` lies before today."""
    last_slot = (
        select(Slot.offer_id, func.max(Slot.starts_at).label("last")).group_by(Slot.offer_id).subquery()
    )
    query = (
        select(Offer)
        .outerjoin(last_slot, last_slot.c.offer_id == Offer.id)
        .where(Offer.status.in_((OfferStatus.PUBLISHED, OfferStatus.SUBMITTED)))
        .where(
            or_(
                Offer.available_until < today,
                (Offer.booking_mode == "slots")
                & (last_slot.c.last < datetime.combine(today, datetime.min.time())),
            )
        )
    )
    count = 0
    for offer in db.session.scalars(query).all():
        try:
            archive(offer, None, _l("The last date has passed."), event="expire")
        except OfferChanged:  # changed by someone meanwhile: the next run looks again
            continue
        count += 1
    return count


# Mail -------------------------------------------------------------------------------
def offer_url(offer: Offer) -> str:
    """The public page's absolute address (for mail, also outside a request)."""
    return absolute_url("offers.detail", offer_id=offer.id, slug=offer.slug)


def coordinators_for(offer: Offer) -> list[User]:
    """Active coordinators whose region (or a wider region above it) holds the offer."""
    return scope.coordinators_for(offer.municipality or offer.organisation.municipality)


def _notify_coordinators(offer: Offer) -> None:
    db.session.flush()
    for coordinator in coordinators_for(offer):
        if coordinator.pref("moderation") != "each":
            continue  # "daily": the moderation area's digest command picks it up
        queue_mail(
            coordinator,
            "offer_submitted",
            offer=offer,
            url=absolute_url("moderation.review", offer_id=offer.id),
            edit=offer.is_published,
        )


def _notify_providers(offer: Offer, decision: str, reason) -> None:
    for member in offer.organisation.members:
        if member.role == "provider" and member.active:
            queue_mail(
                member, "offer_decision", offer=offer, decision=decision, reason=reason, url=offer_url(offer)
            )
