"""An offer's images and documents: adding and removing them, and who may see them.

Nothing of an unverified provider goes public unreviewed: a file added to a *published*
offer of an unverified organisation is stored with ``awaiting_review`` and sent for review
with the offer's other pending changes (``lifecycle.submit``). Until a coordinator approves,
visitors never see it: not on the offer page, not on a card, and its URL answers 404. The
provider and coordinators in scope see it, marked as waiting. Adding or removing a file
bumps the offer's version, so a decision taken on an older review page is refused; the files
of an archived offer stay as they are (``lifecycle.check_editable``), like its text and dates.

``uploads`` checks and stores the bytes; this module holds the rules around them.
"""

from __future__ import annotations

from portal.models import Attachment, Offer
from portal.offers import lifecycle, uploads
from portal.offers.errors import OfferError
from portal.permissions import can_manage_offer, can_moderate_offer, can_view_offer


def add_file(offer: Offer, actor, filename: str, data: bytes, alt_text: str | None) -> Attachment:
    """Store an upload on ``offer``; on a published offer of an unverified provider it
    waits for review (and the offer is sent for review unless it already waits)."""
    lifecycle.check_editable(offer)
    attachment = uploads.store(offer, filename, data, alt_text)
    attachment.awaiting_review = offer.changes_need_review
    try:
        lifecycle.claim(offer)
    except OfferError:  # the files were written, their row will not be: remove them now
        uploads.delete_files([attachment.stored_name, attachment.thumbnail_name])
        raise
    if attachment.awaiting_review and not offer.edit_pending:
        lifecycle.submit(offer, actor)
    return attachment


def remove_file(offer: Offer, attachment: Attachment) -> None:
    """Remove a file at once (taking something away needs no review); its stored files leave
    the disk after the commit."""
    lifecycle.check_editable(offer)
    lifecycle.claim(offer)
    offer.attachments.remove(attachment)
    uploads.delete_after_commit([attachment.stored_name, attachment.thumbnail_name])


def is_public(attachment: Attachment) -> bool:
    return attachment.offer.is_published and not attachment.awaiting_review


def shown_on_page(offer: Offer) -> list[Attachment]:
    """The files of the offer page: a published offer shows its approved files only (to its
    owners too: the page is the public version); any other offer is not public at all."""
    if not offer.is_published:
        return list(offer.attachments)
    return [a for a in offer.attachments if not a.awaiting_review]


def may_see(user, attachment: Attachment) -> bool:
    """Public files for everyone; the rest for the offer's organisation and staff in scope."""
    offer = attachment.offer
    if not can_view_offer(user, offer):
        return False
    return is_public(attachment) or can_manage_offer(user, offer) or can_moderate_offer(user, offer)
