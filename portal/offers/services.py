"""Writing offers: create, save an edit (in place or as a pending revision), duplicate.

Plain arguments in, domain errors out (``OfferError``); the caller commits. The slug
follows the title (``portal.offers.slugs.slugify``).
"""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from portal.extensions import db
from portal.models import Offer, Organisation, Term, User, utcnow
from portal.models.statuses import OfferStatus
from portal.offers import coverage, revisions
from portal.offers.lifecycle import (
    check_editable,
    claim,
    has_pending_changes,
    newest_snapshot,
    record,
    submit,
)
from portal.offers.slugs import slugify
from portal.offers.uploads import copy_attachment

# Fields a provider edits through the form (terms separately as ``term_ids``).
EDITABLE = revisions.PLAIN_FIELDS + ["available_until"]
# "My offers" lists first what the provider has to act on.
MINE_ORDER = (
    OfferStatus.DRAFT,
    OfferStatus.REJECTED,
    OfferStatus.SUBMITTED,
    OfferStatus.PUBLISHED,
    OfferStatus.ARCHIVED,
)


def _terms(term_ids) -> list[Term]:
    ids = [int(i) for i in term_ids or []]
    return list(db.session.scalars(select(Term).where(Term.id.in_(ids)))) if ids else []


def _assign(offer: Offer | SimpleNamespace, data: dict) -> None:
    for name in EDITABLE:
        if name in data:
            setattr(offer, name, data[name])
    if "term_ids" in data:
        offer.terms = _terms(data["term_ids"])
    offer.slug = slugify(offer.title)
    normalise(offer)


def normalise(offer: Offer | SimpleNamespace) -> None:
    """Rules that hold whatever the form sent."""
    if offer.location_mode == "online":
        offer.address = None
    if offer.booking_mode == "download" and offer.kind != "material":
        offer.booking_mode = "request"
    if offer.booking_mode != "slots":
        offer.auto_confirm = False
    # Only a provider who comes to the school has a reach of their own (portal.offers.coverage).
    if offer.kind not in coverage.COMES_TO_SCHOOL or offer.location_mode == "online":
        offer.serves_within_km = None


def create_offer(organisation: Organisation, actor: User, data: dict) -> Offer:
    offer = Offer(organisation=organisation, created_by=actor, status=OfferStatus.DRAFT)
    _assign(offer, data)
    db.session.add(offer)
    db.session.flush()
    record(offer, actor, OfferStatus.DRAFT, None, "create").from_status = None
    return offer


def save_offer(offer: Offer, actor: User, data: dict) -> str:
    """Save the provider's edit. Returns ``saved`` or ``pending`` (a published offer of an
    unverified organisation: the edit waits in a revision, the public version stays; the
    view then submits it for review unless it already waits). A change a reviewer would see
    bumps ``offer.version`` (``lifecycle.claim``), so a decision on an older version is
    refused."""
    check_editable(offer)
    draft = SimpleNamespace(**{n: getattr(offer, n) for n in EDITABLE}, terms=offer.terms)
    _assign(draft, data)
    new = revisions.snapshot(draft)
    changed = not revisions.same(new, revisions.snapshot(offer))
    if offer.changes_need_review:
        if not changed and revisions.pending_revision(offer) is None:
            return "saved"  # saved as it was: nothing for a coordinator to review
        _save_pending(offer, actor, new)
        return "pending"
    if changed:
        claim(offer)
    _assign(offer, data)
    offer.updated_at = utcnow()
    if offer.is_published and changed:  # verified organisation: the edit is public at once
        revisions.add_revision(offer, actor, revisions.snapshot(offer), approved=True)
    return "saved"


def _save_pending(offer: Offer, actor: User, new: dict) -> None:
    """One pending edit at a time: the newest text wins."""
    pending = revisions.pending_revision(offer)
    if pending is not None and revisions.same(pending.data, new):
        return
    claim(offer)
    if pending is not None:
        pending.data = new
    else:
        revisions.add_revision(offer, actor, new, approved=False)


def form_data(offer: Offer) -> dict:
    """The values the edit form starts with: a pending edit wins over the public row."""
    data = newest_snapshot(offer)
    if data.get("available_until"):
        data["available_until"] = date.fromisoformat(data["available_until"])
    return data


def duplicate(offer: Offer, actor: User) -> Offer:
    """A draft copy with the same content, images and documents, without slots or bookings."""
    data = {name: getattr(offer, name) for name in EDITABLE}
    data["term_ids"] = [t.id for t in offer.terms]
    copy = create_offer(offer.organisation, actor, data)
    copy.title = str(_l("Copy of %(title)s", title=offer.title))[:160]
    copy.slug = slugify(copy.title)
    for attachment in offer.attachments:
        copy.attachments.append(copy_attachment(attachment))
    return copy


def pending_ids(offers) -> set[int]:
    """Published offers with an edit or files not (yet, or no longer) waiting for review."""
    return {o.id for o in offers if o.is_published and not o.edit_pending and has_pending_changes(o)}


def offers_by_status(organisation: Organisation) -> list[tuple[OfferStatus, list[Offer]]]:
    """The organisation's offers, newest change first, grouped by status in MINE_ORDER."""
    offers = db.session.scalars(
        select(Offer).where(Offer.organisation_id == organisation.id).order_by(Offer.updated_at.desc())
    ).all()
    return [(status, [o for o in offers if o.status == status]) for status in MINE_ORDER]


def edit_offer(offer: Offer, actor: User, data: dict) -> str:
    """Save the provider's edit; one that waits for review is sent for review unless it
    already waits. Returns the outcome: ``saved``, ``pending`` or a ``submit`` event."""
    outcome = save_offer(offer, actor, data)
    if outcome == "pending" and not offer.edit_pending:
        return submit(offer, actor)
    return outcome
