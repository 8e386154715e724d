"""Waiting lists on full slots.

A freed place is not simply put back on sale: it is reserved (with the same conditional
UPDATE as a booking) for the first teacher in line whose group fits, who gets a mail and
``WAITLIST_OFFER_HOURS`` to take it. An offer that runs out gives the places to the next
in line (``flask --app portal bookings remind``).
"""
from __future__ import annotations

from datetime import timedelta

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import select, update

from portal import permissions
from portal.bookings import capacity, notify
from portal.bookings.services import BookingError, book_slot, places_for
from portal.extensions import db
from portal.models import Booking, Slot, User, WaitlistEntry, local_now, utcnow


def join(teacher: User, slot: Slot, group_size: int) -> WaitlistEntry:
    offer = slot.offer
    if not permissions.can_book(teacher, offer) or offer.booking_mode != "slots":
        raise BookingError(_l("Only confirmed teachers of a school can book this offer."))
    if slot.remaining >= places_for(offer, group_size):
        raise BookingError(_l("There are still places on this date: book it directly."))
    entry = db.session.scalar(
        select(WaitlistEntry).where(WaitlistEntry.slot_id == slot.id,
                                    WaitlistEntry.teacher_id == teacher.id)
    )
    if entry is not None and entry.status in ("waiting", "offered"):
        raise BookingError(_l("You are already on the waiting list for this date."))
    if entry is None:
        entry = WaitlistEntry(slot=slot, teacher=teacher)
        db.session.add(entry)
    entry.school = permissions.acting_organisation(teacher)
    entry.group_size, entry.status, entry.places = group_size, "waiting", 0
    entry.created_at, entry.offered_at, entry.offer_expires_at = utcnow(), None, None
    db.session.flush()
    return entry


def leave(entry: WaitlistEntry) -> None:
    """Leave the list; a place held for this teacher goes to the next in line."""
    capacity.begin_write()
    held = entry.places if entry.status == "offered" else 0
    if not _move(entry, ("waiting", "offered"), "left"):
        raise BookingError(_l("You are no longer on this waiting list."))
    if held:
        capacity.release(entry.slot_id, held)
        offer_freed_places(entry.slot)


def offer_freed_places(slot: Slot) -> list[WaitlistEntry]:
    """Hold free places for the teachers in line whose group fits, in order, and mail them."""
    if slot.starts_at <= local_now():
        return []
    hours = current_app.config["WAITLIST_OFFER_HOURS"]
    offered = []
    waiting = db.session.scalars(
        select(WaitlistEntry).where(WaitlistEntry.slot_id == slot.id, WaitlistEntry.status == "waiting")
        .order_by(WaitlistEntry.created_at, WaitlistEntry.id)
    ).all()
    for entry in waiting:
        places = places_for(slot.offer, entry.group_size)
        try:
            capacity.reserve(slot.id, places)
        except capacity.SlotFull:
            continue
        now = utcnow()
        entry.status, entry.places = "offered", places
        entry.offered_at, entry.offer_expires_at = now, now + timedelta(hours=hours)
        notify.waitlist_place(entry)
        offered.append(entry)
    return offered


def take(entry: WaitlistEntry, teacher: User) -> Booking:
    """Turn an offered place into a booking, if the offer still stands."""
    capacity.begin_write()
    if entry.status != "offered" or (entry.offer_expires_at and entry.offer_expires_at <= utcnow()):
        raise BookingError(_l("This place is no longer held for you."))
    if not _move(entry, ("offered",), "booked"):
        raise BookingError(_l("This place is no longer held for you."))
    return book_slot(teacher, entry.slot, entry.group_size, held_places=entry.places)


def expire_offers(now=None) -> int:
    """Offers not taken in time: free their places for the next in line."""
    now = now or utcnow()
    expired = db.session.scalars(
        select(WaitlistEntry).where(WaitlistEntry.status == "offered",
                                    WaitlistEntry.offer_expires_at <= now)
    ).all()
    for entry in expired:
        held = entry.places
        if _move(entry, ("offered",), "expired"):
            capacity.release(entry.slot_id, held)
            offer_freed_places(entry.slot)
    return len(expired)


def _move(entry: WaitlistEntry, sources: tuple[str, ...], target: str) -> bool:
    result = db.session.execute(
        update(WaitlistEntry)
        .where(WaitlistEntry.id == entry.id, WaitlistEntry.status.in_(sources))
        .values(status=target)
        .execution_options(synchronize_session=False)
    )
    if result.rowcount == 1:
        db.session.expire(entry, ["status"])
        return True
    return False
