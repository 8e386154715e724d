"""Waiting lists on full slots: the teacher's steps (join, leave, take a held place) and
the expiry of held places.

A freed place is not simply put back on sale: ``freed_places`` holds it for the first
teacher in line whose group fits, who gets a mail and ``WAITLIST_OFFER_HOURS`` to take it
here. A held place that runs out goes to the next in line (``flask --app portal bookings
remind``).
"""

from __future__ import annotations

from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import select, update

from portal import permissions
from portal.bookings import capacity, freed_places
from portal.bookings.errors import BookingError
from portal.bookings.services import book_slot
from portal.extensions import db
from portal.models import Booking, Slot, User, WaitlistEntry, utcnow
from portal.models.statuses import WaitlistStatus

ON_THE_LIST = (WaitlistStatus.WAITING, WaitlistStatus.OFFERED)


def join(teacher: User, slot: Slot, group_size: int) -> WaitlistEntry:
    offer = slot.offer
    if not permissions.can_book(teacher, offer) or offer.booking_mode != "slots":
        raise BookingError(_l("Only confirmed teachers of a school can book this offer."))
    if slot.remaining >= capacity.places_for(offer, group_size):
        raise BookingError(_l("There are still places on this date: book it directly."))
    entry = db.session.scalar(
        select(WaitlistEntry).where(WaitlistEntry.slot_id == slot.id, WaitlistEntry.teacher_id == teacher.id)
    )
    if entry is not None and entry.status in ON_THE_LIST:
        raise BookingError(_l("You are already on the waiting list for this date."))
    if entry is None:
        entry = WaitlistEntry(slot=slot, teacher=teacher)
        db.session.add(entry)
    entry.school = permissions.acting_organisation(teacher)
    entry.group_size, entry.status, entry.places = group_size, WaitlistStatus.WAITING, 0
    entry.created_at, entry.offered_at, entry.offer_expires_at = utcnow(), None, None
    db.session.flush()
    return entry


def leave(entry: WaitlistEntry) -> None:
    """Leave the list; a place held for this teacher goes to the next in line."""
    capacity.begin_write()
    held = entry.places if entry.status == WaitlistStatus.OFFERED else 0
    if not _move(entry, ON_THE_LIST, WaitlistStatus.LEFT):
        raise BookingError(_l("You are no longer on this waiting list."))
    if held:
        freed_places.give_back(entry.slot, held)


def take(entry: WaitlistEntry, teacher: User) -> Booking:
    """Turn an offered place into a booking, if the offer still stands."""
    capacity.begin_write()
    still_held = entry.status == WaitlistStatus.OFFERED and not (
        entry.offer_expires_at and entry.offer_expires_at <= utcnow()
    )
    if not still_held or not _move(entry, (WaitlistStatus.OFFERED,), WaitlistStatus.BOOKED):
        raise BookingError(_l("This place is no longer held for you."))
    return book_slot(teacher, entry.slot, entry.group_size, held_places=entry.places)


def expire_offers(now: datetime | None = None) -> int:
    """Offers not taken in time: free their places for the next in line."""
    now = now or utcnow()
    expired = db.session.scalars(
        select(WaitlistEntry).where(
            WaitlistEntry.status == WaitlistStatus.OFFERED, WaitlistEntry.offer_expires_at <= now
        )
    ).all()
    for entry in expired:
        held = entry.places
        if _move(entry, (WaitlistStatus.OFFERED,), WaitlistStatus.EXPIRED):
            freed_places.give_back(entry.slot, held)
    return len(expired)


def _move(entry: WaitlistEntry, sources: tuple[WaitlistStatus, ...], target: WaitlistStatus) -> bool:
    changed = capacity.changed_rows(
        db.session.execute(
            update(WaitlistEntry)
            .where(WaitlistEntry.id == entry.id, WaitlistEntry.status.in_(sources))
            .values(status=target)
            .execution_options(synchronize_session=False)
        )
    )
    if changed == 1:
        db.session.expire(entry, ["status"])
        return True
    return False
