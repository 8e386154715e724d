"""An offer's images and documents: adding and removing them, and who may see them.

Nothing of an unverified provider goes public unreviewed: a file added to a *published*
offer of an unverified organisation is stored with ``awaiting_review`` and sent for review
with the offer's other pending changes (``lifecycle.submit``). Until a coordinator approves,
visitors never see it: not on the offer page, not on a card, and its URL answers 404. The
provider and coordinators in scope see it, marked as waiting. Adding or removing a file
bumps the offer's version, so a decision taken on an older review page is refused.

``uploads`` checks and stores the bytes; this module holds the rules around them.
"""
from __future__ import annotations

from portal.models import Attachment, Offer
from portal.offers import lifecycle, uploads
from portal.permissions import can_manage_offer, can_moderate_offer, can_view_offer


def add_file(offer: Offer, actor, filename: str, data: bytes, alt_text: str | None) -> Attachment:
    """Store an upload on ``offer``; on a published offer of an unverified provider it
    waits for review (and the offer is sent for review unless it already waits)."""
    attachment = uploads.store(offer, filename, data, alt_text)
    attachment.awaiting_review = lifecycle.needs_review(offer)
    try:
        lifecycle.claim(offer)
    except lifecycle.OfferError:
        uploads.delete_files([attachment.stored_name, attachment.thumbnail_name])
        raise
    if attachment.awaiting_review and not offer.edit_pending:
        lifecycle.submit(offer, actor)
    return attachment


def remove_file(offer: Offer, attachment: Attachment) -> list[str | None]:
    """Remove a file at once (taking something away needs no review). Returns the stored
    names to delete from disk after the commit."""
    lifecycle.claim(offer)
    names = [attachment.stored_name, attachment.thumbnail_name]
    offer.attachments.remove(attachment)
    return names


def is_public(attachment: Attachment) -> bool:
    return attachment.offer.status == "published" and not attachment.awaiting_review


def shown_on_page(offer: Offer) -> list[Attachment]:
    """The files of the offer page: a published offer shows its approved files only (to its
    owners too: the page is the public version); any other offer is not public at all."""
    if offer.status != "published":
        return list(offer.attachments)
    return [a for a in offer.attachments if not a.awaiting_review]


def may_see(user, attachment: Attachment) -> bool:
    """Public files for everyone; the rest for the offer's organisation and staff in scope."""
    offer = attachment.offer
    if not can_view_offer(user, offer):
        return False
    return is_public(attachment) or can_manage_offer(user, offer) or can_moderate_offer(user, offer)
