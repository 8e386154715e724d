"""Booking rules: creating bookings and moving them between states.

Services take plain arguments and raise ``BookingError`` (a Dutch-translated message, and
the form field it is about where there is one) when a rule refuses; the request
(``portal.web``) or the CLI command commits once. A state change is a conditional UPDATE
(``... WHERE id = :id AND status IN (:allowed)``): of two people acting at once, or a
double submit, exactly one wins and the other gets a clear message.
"""

from __future__ import annotations

from datetime import date, datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select, update
from sqlalchemy.orm.attributes import set_committed_value

from portal import permissions
from portal.bookings import capacity, freed_places, notify
from portal.bookings.capacity import places_for
from portal.bookings.errors import BookingError
from portal.extensions import db
from portal.models import (
    ACTIVE_STATUSES,
    Booking,
    BookingEvent,
    Offer,
    PreferredDate,
    Slot,
    User,
    local_now,
    utcnow,
)
from portal.models.statuses import BookingStatus, OfferStatus

# action -> (statuses it is allowed from, status it leads to, who may do it)
TRANSITIONS: dict[str, tuple[tuple[BookingStatus, ...], BookingStatus, str]] = {
    "confirm": ((BookingStatus.REQUESTED,), BookingStatus.CONFIRMED, "provider"),
    "propose": ((BookingStatus.REQUESTED,), BookingStatus.PROPOSED, "provider"),
    "decline": ((BookingStatus.REQUESTED,), BookingStatus.DECLINED, "provider"),
    "accept_proposal": ((BookingStatus.PROPOSED,), BookingStatus.CONFIRMED, "teacher"),
    "decline_proposal": ((BookingStatus.PROPOSED,), BookingStatus.DECLINED, "teacher"),
    "withdraw": ((BookingStatus.REQUESTED, BookingStatus.PROPOSED), BookingStatus.CANCELLED, "teacher"),
    "cancel": ((BookingStatus.CONFIRMED,), BookingStatus.CANCELLED, "either"),
    "complete": ((BookingStatus.CONFIRMED,), BookingStatus.COMPLETED, "system"),
    "expire": ((BookingStatus.REQUESTED,), BookingStatus.EXPIRED, "system"),
}
RELEASING = {BookingStatus.DECLINED, BookingStatus.CANCELLED, BookingStatus.EXPIRED}


def allowed_actions(booking: Booking) -> list[str]:
    return [
        a
        for a, (sources, _, side) in TRANSITIONS.items()
        if booking.status in sources
        and side != "system"
        and not (a == "propose" and booking.slot_id is not None)
    ]


def may_act(user, booking: Booking, action: str) -> bool:
    """Whether ``user`` is on the side that may take ``action`` (ignoring the state)."""
    side = TRANSITIONS[action][2]
    as_teacher = permissions.can_act_as_teacher(user, booking)
    as_provider = permissions.can_act_as_provider(user, booking)
    return {"teacher": as_teacher, "provider": as_provider, "either": as_teacher or as_provider}.get(
        side, False
    )


# Creating bookings ------------------------------------------------------------------------
def confirms_at_once(offer: Offer) -> bool:
    """A booking of this offer is confirmed at once (a fixed date the provider confirms
    automatically); anything else is a request the provider answers."""
    return offer.booking_mode == "slots" and bool(offer.auto_confirm)


def cannot_book_reason(user, offer: Offer):
    """Why ``user`` cannot book ``offer`` (when ``permissions.can_book`` says no)."""
    if user.is_teacher and not user.confirmed:
        return _l(
            "Confirm your email address first: open the link in the mail we sent you. Then you can book."
        )
    if offer.status != OfferStatus.PUBLISHED:
        return _l("This offer cannot be booked at the moment.")
    return _l("Only teachers of a school can book an offer.")


def _check_booker(teacher: User, offer: Offer, mode: str, group_size: int) -> None:
    if not permissions.can_book(teacher, offer):
        raise BookingError(_l("Only confirmed teachers of a school can book this offer."))
    if offer.booking_mode != mode:
        raise BookingError(_l("This offer cannot be booked this way."))
    low, high = offer.group_min or 1, offer.group_max
    if group_size < low or (high and group_size > high):
        raise BookingError(
            _l("The group size must be between %(low)s and %(high)s.", low=low, high=high or "-"),
            field="group_size",
        )


def book_slot(
    teacher: User,
    slot: Slot,
    group_size: int,
    *,
    audience=None,
    group_name=None,
    notes=None,
    held_places: int | None = None,
) -> Booking:
    """Book places on a slot. ``held_places``: the places a waiting-list offer already holds.
    A full slot refuses with ``capacity.SlotFull`` (a ``SlotFullError``)."""
    offer = slot.offer
    _check_booker(teacher, offer, "slots", group_size)
    if slot.starts_at <= local_now():
        raise BookingError(_l("This date has already passed."), field="slot")
    capacity.begin_write()
    if _active_booking_exists(teacher, slot):
        raise BookingError(_l("You have already booked this date."), field="slot")
    places = places_for(offer, group_size)
    if held_places is None:
        capacity.reserve(slot.id, places)
    elif held_places != places:
        raise BookingError(_l("The group size must stay the same as on the waiting list."))
    status = BookingStatus.CONFIRMED if confirms_at_once(offer) else BookingStatus.REQUESTED
    booking = _new_booking(teacher, offer, status, group_size, audience, group_name, notes)
    booking.slot, booking.places = slot, places
    booking.starts_at, booking.ends_at = slot.starts_at, slot.ends_at
    db.session.flush()
    notify.booking_created(booking)
    return booking


def request_booking(
    teacher: User,
    offer: Offer,
    preferred: list[tuple[date, date | None, str]],
    group_size: int,
    *,
    audience=None,
    group_name=None,
    notes=None,
) -> Booking:
    """A request-mode booking with one to three preferred dates or periods."""
    _check_booker(teacher, offer, "request", group_size)
    if not 1 <= len(preferred) <= 3:
        raise BookingError(_l("Give one to three preferred dates."), field="preferred")
    today = local_now().date()  # Amsterdam's date, also just after midnight on a UTC server
    for start, end, _daypart in preferred:
        if start <= today or (end is not None and end < start):
            raise BookingError(
                _l("Preferred dates must lie in the future, and a period must end after it starts."),
                field="preferred",
            )
    booking = _new_booking(teacher, offer, BookingStatus.REQUESTED, group_size, audience, group_name, notes)
    booking.preferred_dates = [
        PreferredDate(position=i, date_from=start, date_to=end, daypart=daypart)
        for i, (start, end, daypart) in enumerate(preferred, start=1)
    ]
    db.session.flush()
    notify.booking_created(booking)
    return booking


def _new_booking(
    teacher: User,
    offer: Offer,
    status: BookingStatus,
    group_size: int,
    audience,
    group_name: str | None,
    notes: str | None,
) -> Booking:
    booking = Booking(
        offer=offer,
        teacher=teacher,
        school=permissions.acting_organisation(teacher),
        status=status,
        group_size=group_size,
        audience=audience,
        group_name=group_name or None,
        notes=notes or None,
        places=0,
        sequence=0,
    )
    booking.events.append(BookingEvent(actor=teacher, from_status=None, to_status=status))
    db.session.add(booking)
    if teacher.usual_group_size is None:  # the next booking form starts from this group
        teacher.usual_group_size = group_size
    return booking


def _active_booking_exists(teacher: User, slot: Slot) -> bool:
    return bool(
        db.session.scalar(
            select(func.count(Booking.id)).where(
                Booking.teacher_id == teacher.id,
                Booking.slot_id == slot.id,
                Booking.status.in_(ACTIVE_STATUSES),
            )
        )
    )


# Transitions ------------------------------------------------------------------------------
def refused_message(status: BookingStatus):
    return _l(
        'This is no longer possible: the booking is now "%(status)s". Someone may have '
        "acted first, or the page was out of date.",
        status=status.label,
    )


def transition(
    booking: Booking, action: str, actor: User | None, reason: str | None = None, **values
) -> Booking:
    """Move the booking if its *current database* status allows ``action``."""
    sources, target, _side = TRANSITIONS[action]
    capacity.begin_write()
    changed = capacity.changed_rows(
        db.session.execute(
            update(Booking)
            .where(Booking.id == booking.id, Booking.status.in_(sources))
            .values(status=target, sequence=Booking.sequence + 1, updated_at=utcnow(), **values)
            .execution_options(synchronize_session=False)
        )
    )
    if changed != 1:
        db.session.refresh(booking)
        raise BookingError(refused_message(booking.status))
    previous = booking.status if booking.status in sources else sources[0]
    db.session.expire(booking, ["sequence", "updated_at"])
    set_committed_value(booking, "status", target)
    for key, value in values.items():
        set_committed_value(booking, key, value)
    booking.events.append(
        BookingEvent(actor=actor, from_status=previous, to_status=target, reason=reason or None)
    )
    if target in RELEASING and booking.slot is not None and booking.places:
        freed_places.give_back(booking.slot, booking.places)
    db.session.flush()
    notify.transitioned(booking, action, actor, reason)
    return booking


def _require(text: str | None, message) -> str:
    reason = (text or "").strip()
    if not reason:
        raise BookingError(message, field="reason")
    return reason


def confirm(
    booking: Booking,
    actor: User,
    starts_at: datetime | None = None,
    ends_at: datetime | None = None,
    meeting_link: str | None = None,
) -> Booking:
    """Accept a request. Request mode needs a time on one of the preferred dates; an online
    offer may get its meeting link with it (or later: ``set_meeting_link``)."""
    link = {"meeting_link": meeting_link} if meeting_link and takes_a_meeting_link(booking) else {}
    if booking.slot_id is not None:
        return transition(booking, "confirm", actor, **link)
    day = _check_time(starts_at, ends_at)
    if not any(p.covers(day) for p in booking.preferred_dates):
        raise BookingError(
            _l("That date is not one of the preferred dates. Propose it as a new date instead."), field="day"
        )
    return transition(booking, "confirm", actor, starts_at=starts_at, ends_at=ends_at, **link)


def takes_a_meeting_link(booking: Booking) -> bool:
    """An online offer's bookings get a meeting link; a hybrid one's when it takes place online."""
    return booking.offer.location_mode in ("online", "hybrid")


def set_meeting_link(booking: Booking, actor: User, link: str | None) -> Booking:
    """Give, change or remove the meeting link of an active online booking. The teacher of a
    confirmed booking gets the link by mail, with the calendar entry updated."""
    if not takes_a_meeting_link(booking):
        raise BookingError(_l("This offer does not take place online."), field="meeting_link")
    if not booking.is_active:
        raise BookingError(refused_message(booking.status))
    link = (link or "").strip() or None
    if link == booking.meeting_link:
        return booking
    booking.meeting_link = link
    booking.sequence = (booking.sequence or 0) + 1
    booking.updated_at = utcnow()
    db.session.flush()
    notify.meeting_link_changed(booking)
    return booking


def propose(
    booking: Booking, actor: User, starts_at: datetime, ends_at: datetime, message: str | None = None
) -> Booking:
    if booking.slot_id is not None:
        raise BookingError(
            _l("A booking of a fixed date cannot get another date; decline it with a reason instead.")
        )
    _check_time(starts_at, ends_at)
    return transition(
        booking,
        "propose",
        actor,
        reason=message,
        proposed_starts_at=starts_at,
        proposed_ends_at=ends_at,
        proposal_message=message or None,
    )


def accept_proposal(booking: Booking, actor: User) -> Booking:
    return transition(
        booking,
        "accept_proposal",
        actor,
        starts_at=booking.proposed_starts_at,
        ends_at=booking.proposed_ends_at,
    )


def decline(booking: Booking, actor: User, reason: str) -> Booking:
    return transition(booking, "decline", actor, _require(reason, _l("Give a reason.")))


def decline_proposal(booking: Booking, actor: User, reason: str | None = None) -> Booking:
    return transition(booking, "decline_proposal", actor, reason)


def withdraw(booking: Booking, actor: User, reason: str | None = None) -> Booking:
    return transition(booking, "withdraw", actor, reason)


def cancel(booking: Booking, actor: User, reason: str) -> Booking:
    return transition(booking, "cancel", actor, _require(reason, _l("Give a reason.")))


def _check_time(starts_at: datetime | None, ends_at: datetime | None) -> date:
    """The day of a valid time span in the future."""
    if starts_at is None or ends_at is None or ends_at <= starts_at:
        raise BookingError(_l("Give a date, a start time and an end time after it."), field="end")
    if starts_at <= local_now():
        raise BookingError(_l("The date must lie in the future."), field="day")
    return starts_at.date()


def book_agreed(
    teacher: User,
    offer: Offer,
    group_size: int,
    *,
    starts_at: datetime | None = None,
    ends_at: datetime | None = None,
    period: tuple[date, date | None] | None = None,
    audience=None,
    notes: str | None = None,
    actor: User | None = None,
) -> Booking:
    """A booking both sides already agreed on (a teacher accepted a provider's answer to
    their request, ``portal.requests.answers``): confirmed at once when the answer gave a
    time, otherwise a request on the agreed day or period that the provider confirms with a
    time. The usual mails (and the .ics of a confirmation) follow."""
    if group_size < 1:
        raise BookingError(_l("The group size must be at least 1."), field="group_size")
    confirmed = starts_at is not None and ends_at is not None
    status = BookingStatus.CONFIRMED if confirmed else BookingStatus.REQUESTED
    booking = _new_booking(teacher, offer, status, group_size, audience, None, notes)
    if actor is not None:
        booking.events[-1].actor = actor
    if confirmed:
        booking.starts_at, booking.ends_at = starts_at, ends_at
    elif period is not None:
        booking.preferred_dates = [PreferredDate(position=1, date_from=period[0], date_to=period[1])]
    db.session.flush()
    notify.booking_created(booking)
    return booking
