"""Slots of a slot-mode offer: add one, add a weekly series, change capacity, remove.

Times are Europe/Amsterdam wall-clock times, as the provider typed them. Dates need no
review, also not on a published offer of an unverified provider; dates added to a published
offer are written to its history (an OfferStatusChange with event ``dates_added``), which
coordinators see on the review page.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from portal.extensions import db
from portal.models import Offer, Slot
from portal.models.base import local_now
from portal.models.bookings import Booking, WaitlistEntry
from portal.offers.errors import OfferError
from portal.offers.lifecycle import check_editable, record

MAX_SERIES = 104  # two years of weekly dates


def _times(day: date, start: time, end: time) -> tuple[datetime, datetime]:
    starts_at, ends_at = datetime.combine(day, start), datetime.combine(day, end)
    if ends_at <= starts_at:
        raise OfferError(_l("The end time must be after the start time."), "end_time")
    return starts_at, ends_at


def add_slot(
    offer: Offer, day: date, start: time, end: time, capacity: int, now: datetime | None = None, actor=None
) -> Slot:
    check_editable(offer)
    starts_at, ends_at = _times(day, start, end)
    if starts_at <= (now or local_now()):
        raise OfferError(_l("Choose a date and time in the future."), "day")
    if capacity < 1:
        raise OfferError(_l("A date needs at least 1 place."), "capacity")
    if any(s.starts_at == starts_at for s in offer.slots):
        raise OfferError(_l("There is already a date at this time."), "start_time")
    slot = Slot(offer=offer, starts_at=starts_at, ends_at=ends_at, capacity=capacity, booked=0)
    db.session.add(slot)
    _record_dates(offer, actor, [starts_at])
    return slot


def add_series(
    offer: Offer,
    first_day: date,
    last_day: date,
    weekday: int,
    start: time,
    end: time,
    capacity: int,
    now: datetime | None = None,
    actor=None,
) -> int:
    """Every ``weekday`` (0 = Monday) from first to last day; existing times are skipped.
    Returns how many slots were added."""
    check_editable(offer)
    if last_day < first_day:
        raise OfferError(_l("The last date must be on or after the first date."), "last_day")
    _times(first_day, start, end)
    now = now or local_now()
    day = first_day + timedelta(days=(weekday - first_day.weekday()) % 7)
    days = []
    while day <= last_day:
        if datetime.combine(day, start) > now:
            days.append(day)
        day += timedelta(days=7)
    if not days:
        raise OfferError(_l("There is no such weekday in the future within these dates."), "weekday")
    if len(days) > MAX_SERIES:
        raise OfferError(
            _l("A series has at most %(n)s dates. Choose a shorter period.", n=MAX_SERIES), "last_day"
        )
    taken = {s.starts_at for s in offer.slots}
    added = []
    for day in days:
        starts_at, ends_at = _times(day, start, end)
        if starts_at not in taken:
            db.session.add(
                Slot(offer=offer, starts_at=starts_at, ends_at=ends_at, capacity=capacity, booked=0)
            )
            added.append(starts_at)
    _record_dates(offer, actor, added)
    return len(added)


def _record_dates(offer: Offer, actor, starts: list[datetime]) -> None:
    """A published offer's history names the dates added without review."""
    if not offer.is_published or not starts:
        return
    first, last = (s.strftime("%d-%m-%Y %H:%M") for s in (min(starts), max(starts)))
    text = (
        first
        if len(starts) == 1
        else _l("%(n)s dates, %(first)s to %(last)s", n=len(starts), first=first, last=last)
    )
    record(offer, actor, offer.status, text, "dates_added")


def set_capacity(slot: Slot, capacity: int) -> None:
    """Never below what is already booked (the database CHECK is the backstop)."""
    check_editable(slot.offer)
    if capacity < slot.booked:
        raise OfferError(
            _l("%(booked)s places are already booked: the capacity cannot be lower.", booked=slot.booked),
            "capacity",
        )
    slot.capacity = capacity


def remove_slot(slot: Slot) -> None:
    """Only a slot nobody booked (not even a cancelled booking points to it) is removed."""
    check_editable(slot.offer)
    if slot.booked > 0 or _has_bookings(slot):
        raise OfferError(
            _l("This date has bookings. Set its capacity instead, or cancel the bookings first.")
        )
    slot.offer.slots.remove(slot)
    db.session.delete(slot)


def _has_bookings(slot: Slot) -> bool:
    """Any booking (also a cancelled one) or waiting-list entry names this slot."""
    return any(
        db.session.scalar(select(func.count()).select_from(model).where(model.slot_id == slot.id))
        for model in (Booking, WaitlistEntry)
    )


def upcoming(offer: Offer, now: datetime | None = None) -> list[Slot]:
    """Future slots, soonest first: what teachers see."""
    now = now or local_now()
    return [s for s in offer.slots if s.starts_at > now]
