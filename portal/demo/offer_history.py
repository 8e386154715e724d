"""A believable status history for each demo offer (who did what, when and why)."""
from __future__ import annotations

from datetime import datetime, timedelta

from portal.models import Offer
from portal.offers import revisions
from portal.offers.lifecycle import record

UNPUBLISH_REASON = ("De beschrijving klopt niet meer met wat jullie nu aanbieden. Pas hem aan "
                    "en dien het aanbod opnieuw in.")


def _step(offer: Offer, when: datetime, actor, to_status: str, event: str, reason=None) -> None:
    change = record(offer, actor, to_status, reason, event)
    change.created_at = when
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
    offer.status = None
    _step(offer, started, provider, "draft", "create")
    target = row["status"]
    if target == "draft":
        return
    if offer.organisation.verified and target in ("published", "archived"):
        _step(offer, started + day, provider, "published", "publish",
              "Direct gepubliceerd: geverifieerde organisatie.")
    else:
        offer.submitted_at = started + day
        _step(offer, started + day, provider, "submitted", "submit")
        if target == "submitted" and not row.get("pending"):
            return
        if target == "rejected":
            offer.rejection_reason = row["rejection_reason"]
            _step(offer, started + 2 * day, coordinator, "rejected", "reject",
                  row["rejection_reason"])
            return
        _step(offer, started + 2 * day, coordinator, "published", "approve")
    offer.published_at = started + 2 * day
    if row.get("pending"):
        _resubmitted(offer, row, provider, coordinator, started)
    elif row.get("edit"):
        _edit_waiting(offer, row, provider, started)
    elif target == "archived":
        offer.archived_at = started + 40 * day
        _step(offer, started + 40 * day, None, "archived", "expire",
              "De laatste datum is voorbij.")


def _resubmitted(offer: Offer, row: dict, provider, coordinator, started: datetime) -> None:
    """Unpublished by the coordinator, improved by the provider, submitted again: the
    moderation page shows the difference with the approved version."""
    day = timedelta(days=1)
    offer.rejection_reason = UNPUBLISH_REASON
    _step(offer, started + 30 * day, coordinator, "rejected", "unpublish", UNPUBLISH_REASON)
    for name, value in row["pending"].items():
        setattr(offer, name, value.strip() if isinstance(value, str) else value)
    offer.submitted_at = started + 32 * day
    _step(offer, started + 32 * day, provider, "submitted", "submit")


def _edit_waiting(offer: Offer, row: dict, provider, started: datetime) -> None:
    """A published offer of an unverified provider was edited: the edit waits for review
    while the approved version stays public."""
    data = revisions.snapshot(offer)
    data.update({k: v.strip() if isinstance(v, str) else v for k, v in row["edit"].items()})
    revisions.add_revision(offer, provider, data, approved=False)
    offer.edit_pending = True
    offer.submitted_at = started + 35 * timedelta(days=1)
    change = record(offer, provider, "published", "Wijzigingen ingediend voor beoordeling.",
                    "edit_submitted")
    change.created_at = offer.submitted_at
