"""A believable status history for each demo offer (who did what, when and why)."""

from __future__ import annotations

from datetime import datetime, timedelta

from portal.models import Offer
from portal.models.statuses import OfferStatus
from portal.offers import revisions
from portal.offers.lifecycle import record

UNPUBLISH_REASON = (
    "De beschrijving klopt niet meer met wat jullie nu aanbieden. Pas hem aan en dien het aanbod opnieuw in."
)


def _step(offer: Offer, when: datetime, actor, to_status: OfferStatus, event: str, reason=None) -> None:
    change = record(offer, actor, to_status, reason, event)
    change.created_at = when
    if event == "create":
        change.from_status = None  # the offer starts here, whatever the import wrote
    offer.status = to_status


def finish_offer(offer: Offer, row: dict, users: dict, started: datetime) -> None:
    """Walk the offer from draft to the status the demo row asks for."""
    provider = offer.created_by
    coordinator = users.get("coordinator")
    approved = revisions.latest_revision(offer, approved=True)
    if approved is not None:  # contact and address were added after the import
        approved.data = revisions.snapshot(offer)
    day = timedelta(days=1)
    offer.created_at = started
    _step(offer, started, provider, OfferStatus.DRAFT, "create")
    target = OfferStatus(row["status"])
    resubmitted = bool(row.get("pending"))  # unpublished, improved and submitted again
    if target == OfferStatus.DRAFT:
        return
    if offer.organisation.verified and target in (OfferStatus.PUBLISHED, OfferStatus.ARCHIVED):
        _step(
            offer,
            started + day,
            provider,
            OfferStatus.PUBLISHED,
            "publish",
            "Direct gepubliceerd: geverifieerde organisatie.",
        )
    else:
        offer.submitted_at = started + day
        _step(offer, started + day, provider, OfferStatus.SUBMITTED, "submit")
        if target == OfferStatus.SUBMITTED and not resubmitted:
            return
        if target == OfferStatus.REJECTED:
            offer.rejection_reason = row["rejection_reason"]
            _step(
                offer, started + 2 * day, coordinator, OfferStatus.REJECTED, "reject", row["rejection_reason"]
            )
            return
        _step(offer, started + 2 * day, coordinator, OfferStatus.PUBLISHED, "approve")
    offer.published_at = started + 2 * day
    if resubmitted:
        _resubmitted(offer, row, provider, coordinator, started)
    elif row.get("edit"):
        _edit_waiting(offer, row, provider, started)
    elif target == OfferStatus.ARCHIVED:
        offer.archived_at = started + 40 * day
        _step(offer, started + 40 * day, None, OfferStatus.ARCHIVED, "expire", "De laatste datum is voorbij.")


def _resubmitted(offer: Offer, row: dict, provider, coordinator, started: datetime) -> None:
    """Unpublished by the coordinator, improved by the provider, submitted again: the
    moderation page shows the difference with the approved version."""
    day = timedelta(days=1)
    offer.rejection_reason = UNPUBLISH_REASON
    _step(offer, started + 30 * day, coordinator, OfferStatus.REJECTED, "unpublish", UNPUBLISH_REASON)
    for name, value in row["pending"].items():
        setattr(offer, name, value.strip() if isinstance(value, str) else value)
    offer.submitted_at = started + 32 * day
    _step(offer, started + 32 * day, provider, OfferStatus.SUBMITTED, "submit")


def _edit_waiting(offer: Offer, row: dict, provider, started: datetime) -> None:
    """A published offer of an unverified provider was edited: the edit waits for review
    while the approved version stays public."""
    data = revisions.snapshot(offer)
    data.update({k: v.strip() if isinstance(v, str) else v for k, v in row["edit"].items()})
    revisions.add_revision(offer, provider, data, approved=False)
    offer.edit_pending = True
    offer.submitted_at = started + 35 * timedelta(days=1)
    change = record(
        offer, provider, OfferStatus.PUBLISHED, "Wijzigingen ingediend voor beoordeling.", "edit_submitted"
    )
    change.created_at = offer.submitted_at
