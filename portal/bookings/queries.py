"""Read-only booking queries for lists, dashboards and the navigation badge.

Each list is scoped by who asks: a teacher sees their school's bookings, a provider
their organisation's, a coordinator the schools in their region, an admin all.
"""

from __future__ import annotations

from datetime import timedelta
from itertools import groupby

from sqlalchemy import false, func, select

from portal import scope
from portal.extensions import db
from portal.models import AGREED_STATUSES, Booking, Offer, Organisation, WaitlistEntry, local_now
from portal.models.statuses import BookingStatus, WaitlistStatus
from portal.permissions import acting_organisation_id


def scoped(user):
    """A select of the bookings ``user`` may see."""
    query = select(Booking)
    organisation_id = acting_organisation_id(user)
    if user.role in ("teacher", "provider") and organisation_id is None:
        return query.where(false())  # pending, refused or unconfirmed: nothing
    if user.role == "teacher":
        return query.where(Booking.school_id == organisation_id)
    if user.role == "provider":
        return query.join(Offer, Booking.offer_id == Offer.id).where(Offer.organisation_id == organisation_id)
    if user.role == "admin":
        return query
    if user.role == "coordinator" and user.region is not None:
        school_ids = select(Organisation.id).where(
            Organisation.municipality_id.in_(scope.municipality_ids(user.region))
        )
        return query.where(Booking.school_id.in_(school_ids))
    return query.where(false())


def all_for(user, status: BookingStatus | None = None) -> list[Booking]:
    query = scoped(user)
    if status:
        query = query.where(Booking.status == status)
    return list(db.session.scalars(query.order_by(Booking.created_at.desc()).limit(500)))


def awaiting_provider_count(user) -> int:
    """Requests waiting for this provider's answer (the navigation badge)."""
    organisation_id = acting_organisation_id(user)
    if user.role != "provider" or organisation_id is None:
        return 0
    return (
        db.session.scalar(
            select(func.count(Booking.id))
            .join(Offer, Booking.offer_id == Offer.id)
            .where(Offer.organisation_id == organisation_id, Booking.status == BookingStatus.REQUESTED)
        )
        or 0
    )


def teacher_overview(user) -> dict:
    now = local_now()
    mine = scoped(user)
    upcoming = mine.where(Booking.status == BookingStatus.CONFIRMED, Booking.starts_at > now)
    waiting = mine.where(Booking.status.in_((BookingStatus.REQUESTED, BookingStatus.PROPOSED))).order_by(
        Booking.status, Booking.created_at
    )
    past = mine.where(Booking.status.in_(AGREED_STATUSES), Booking.starts_at <= now, ~Booking.feedback.has())
    return {
        "upcoming": list(db.session.scalars(upcoming.order_by(Booking.starts_at).limit(20))),
        "waiting": list(db.session.scalars(waiting)),
        "feedback_due": list(db.session.scalars(past.order_by(Booking.starts_at.desc()).limit(10))),
    }


def provider_overview(user) -> dict:
    now = local_now()
    mine = scoped(user)
    requests = mine.where(Booking.status == BookingStatus.REQUESTED).order_by(Booking.created_at)
    upcoming = mine.where(
        Booking.status == BookingStatus.CONFIRMED,
        Booking.starts_at > now,
        Booking.starts_at <= now + timedelta(weeks=8),
    ).order_by(Booking.starts_at)
    proposed = mine.where(Booking.status == BookingStatus.PROPOSED)
    to_mark = (
        mine.where(Booking.status.in_(AGREED_STATUSES), Booking.starts_at <= now, ~Booking.attendance.has())
        .order_by(Booking.starts_at.desc())
        .limit(20)
    )
    upcoming_list = list(db.session.scalars(upcoming))
    weeks = [
        (key, list(group))
        for key, group in groupby(upcoming_list, key=lambda b: b.starts_at.isocalendar()[:2])
    ]
    return {
        "requests": list(db.session.scalars(requests)),
        "proposed": list(db.session.scalars(proposed)),
        "weeks": weeks,
        "to_mark": list(db.session.scalars(to_mark)),
    }


def waiting_lists(user) -> list[WaitlistEntry]:
    """The teacher's own places on waiting lists, still waiting or offered a place."""
    return list(
        db.session.scalars(
            select(WaitlistEntry)
            .where(
                WaitlistEntry.teacher_id == user.id,
                WaitlistEntry.status.in_((WaitlistStatus.WAITING, WaitlistStatus.OFFERED)),
            )
            .order_by(WaitlistEntry.created_at)
        )
    )
