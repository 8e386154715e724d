"""Freed places go to the waiting list before they are back on sale.

Places come free when a booking is declined, cancelled or expires, when a teacher leaves
a waiting list while a place is held for them, and when a held place is not taken in
time. ``give_back`` returns them to the slot and at once holds them (with the same
conditional UPDATE as a booking) for the first teachers in line whose group fits, who get
a mail and ``WAITLIST_OFFER_HOURS`` to take them.

Apart from ``waitlist`` (the teacher's own steps, which book through ``services``) so that
``services`` frees places without importing a module that imports it.
"""

from __future__ import annotations

from datetime import timedelta

from flask import current_app
from sqlalchemy import select

from portal.bookings import capacity, notify
from portal.extensions import db
from portal.models import Slot, WaitlistEntry, local_now, utcnow
from portal.models.statuses import WaitlistStatus


def give_back(slot: Slot, places: int) -> list[WaitlistEntry]:
    """Return ``places`` to the slot and hold what fits for the teachers in line."""
    capacity.release(slot.id, places)
    return _hold_for_waiting(slot)


def _hold_for_waiting(slot: Slot) -> list[WaitlistEntry]:
    """Hold free places for the teachers in line whose group fits, in order, and mail them."""
    if slot.starts_at <= local_now():
        return []
    hours = current_app.config["WAITLIST_OFFER_HOURS"]
    offered = []
    waiting = db.session.scalars(
        select(WaitlistEntry)
        .where(WaitlistEntry.slot_id == slot.id, WaitlistEntry.status == WaitlistStatus.WAITING)
        .order_by(WaitlistEntry.created_at, WaitlistEntry.id)
    ).all()
    for entry in waiting:
        places = capacity.places_for(slot.offer, entry.group_size)
        try:
            capacity.reserve(slot.id, places)
        except capacity.SlotFull:
            continue
        now = utcnow()
        entry.status, entry.places = WaitlistStatus.OFFERED, places
        entry.offered_at, entry.offer_expires_at = now, now + timedelta(hours=hours)
        notify.waitlist_place(entry)
        offered.append(entry)
    return offered
