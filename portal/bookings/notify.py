"""Who gets which booking mail. Everything goes through the outbox (``queue_mail``), in the
transaction of the event.

Mails that ask someone to act (a new request, a proposed date, a place from the waiting
list, an unanswered request) are always sent; mails that only inform respect the
recipient's ``booking_updates`` / ``reminders`` preferences. A teacher always gets the
confirmation and cancellation of their own booking: those carry the calendar entry.
"""

from __future__ import annotations

from sqlalchemy import select

from portal.bookings import deadlines, ics
from portal.extensions import db
from portal.mail.outbox import queue_mail
from portal.models import Booking, Offer, Term, User, WaitlistEntry
from portal.models.statuses import BookingStatus, OfferStatus
from portal.offers.lifecycle import offer_url
from portal.permissions import acting_member_clause
from portal.urls import absolute_url


def provider_recipients(offer: Offer) -> list:
    """The provider's active staff, or the offer's contact address when it has none."""
    users = db.session.scalars(
        select(User)
        .where(acting_member_clause(User, offer.organisation_id), User.role == "provider")
        .order_by(User.id)
    ).all()
    if users:
        return list(users)
    return [offer.contact_email] if offer.contact_email else []


def _wants(recipient, pref: str | None) -> bool:
    return pref is None or not isinstance(recipient, User) or bool(recipient.pref(pref))


def send(
    recipients,
    template: str,
    booking: Booking,
    *,
    pref: str | None = None,
    attachments=None,
    dedupe: str | None = None,
    **context,
) -> int:
    """Queue ``template`` for each recipient (skipping those whose ``pref`` is off)."""
    sent = 0
    for recipient in recipients:
        if recipient is None or not _wants(recipient, pref):
            continue
        key = None
        if dedupe:
            who = recipient.id if isinstance(recipient, User) else recipient
            key = f"booking:{booking.id}:{dedupe}:{who}"
        row = queue_mail(
            recipient,
            template,
            attachments=attachments,
            dedupe_key=key,
            booking=booking,
            offer=booking.offer,
            booking_url=absolute_url("bookings.detail", booking_id=booking.id),
            offer_url=offer_url(booking.offer),
            **context,
        )
        sent += row is not None
    return sent


def _ics(booking: Booking, method: str) -> list[tuple[str, str, bytes]]:
    return [
        (
            f"boeking-{booking.id}.ics",
            f"text/calendar; charset=utf-8; method={method}",
            ics.booking_calendar(booking, method),
        )
    ]


def booking_created(booking: Booking) -> None:
    """A booking confirmed at once: its confirmation is the teacher's receipt. A request:
    the provider is asked to answer, and the teacher gets a receipt saying by when."""
    providers = provider_recipients(booking.offer)
    if booking.status == BookingStatus.CONFIRMED:
        send([booking.teacher], "booking_confirmed", booking, attachments=_ics(booking, "REQUEST"))
        send(providers, "booking_new_confirmed", booking, pref="booking_updates")
    else:
        due = deadlines.answer_due_at(booking)
        send(providers, "booking_requested", booking, answer_due=due)
        send([booking.teacher], "booking_request_received", booking, answer_due=due)


def meeting_link_changed(booking: Booking) -> None:
    """The teacher of a confirmed online booking gets the (new) link and the calendar entry
    with it; before the confirmation, the confirmation mail will carry it."""
    if booking.status == BookingStatus.CONFIRMED and booking.starts_at is not None:
        send([booking.teacher], "booking_meeting_link", booking, attachments=_ics(booking, "REQUEST"))


def transitioned(booking: Booking, action: str, actor, reason: str | None) -> None:
    teacher, providers = [booking.teacher], provider_recipients(booking.offer)
    if action in ("confirm", "accept_proposal"):
        send(teacher, "booking_confirmed", booking, attachments=_ics(booking, "REQUEST"))
    if action in ("accept_proposal", "decline_proposal"):
        send(
            providers,
            "booking_proposal_answered",
            booking,
            pref="booking_updates",
            accepted=action == "accept_proposal",
            reason=reason,
        )
    elif action == "propose":
        send(teacher, "booking_proposed", booking)
    elif action == "decline":
        send(teacher, "booking_declined", booking, reason=reason)
    elif action in ("cancel", "withdraw"):
        by_provider = bool(actor is not None and actor.role == "provider")
        attachments = _ics(booking, "CANCEL") if booking.starts_at else None
        send(
            teacher,
            "booking_cancelled",
            booking,
            attachments=attachments,
            reason=reason,
            by_provider=by_provider,
            with_calendar=bool(attachments),
        )
        if not by_provider:
            send(
                providers,
                "booking_cancelled",
                booking,
                pref="booking_updates",
                reason=reason,
                by_provider=False,
            )
    elif action == "expire":
        send(
            teacher, "booking_expired", booking, similar=similar_offers(booking.offer), similar_url=offer_url
        )


def waitlist_place(entry: WaitlistEntry) -> None:
    queue_mail(
        entry.teacher,
        "booking_waitlist_place",
        entry=entry,
        slot=entry.slot,
        offer=entry.slot.offer,
        dashboard_url=absolute_url("bookings.mine"),
        offer_url=offer_url(entry.slot.offer),
    )


def similar_offers(offer: Offer, limit: int = 3) -> list[Offer]:
    """Published offers of the same kind that share a theme or audience."""
    term_ids = [t.id for t in offer.terms]
    query = select(Offer).where(
        Offer.status == OfferStatus.PUBLISHED, Offer.id != offer.id, Offer.kind == offer.kind
    )
    if term_ids:
        query = query.where(Offer.terms.any(Term.id.in_(term_ids)))
    return list(db.session.scalars(query.order_by(Offer.published_at.desc()).limit(limit)))
