"""The private calendar feed: a secret URL per user, revocable by making a new one."""

from __future__ import annotations

import secrets

from sqlalchemy import select

from portal.extensions import db
from portal.models import AGREED_STATUSES, Booking, Offer, User
from portal.permissions import acting_organisation_id


def new_token(user: User) -> str:
    """Create or replace the user's feed token; the old URL stops working at once."""
    user.calendar_token = secrets.token_urlsafe(32)
    return user.calendar_token


def revoke(user: User) -> None:
    user.calendar_token = None


def user_for_token(token: str) -> User | None:
    if not token or len(token) < 20:
        return None
    user = db.session.scalar(select(User).where(User.calendar_token == token))
    return user if user is not None and user.active else None


def feed_bookings(user: User) -> list[Booking]:
    """A teacher's own and a provider's organisation's confirmed (and completed) bookings."""
    query = select(Booking).where(Booking.status.in_(AGREED_STATUSES), Booking.starts_at.is_not(None))
    organisation_id = acting_organisation_id(user)
    if organisation_id is None:
        return []  # a pending or removed member's feed carries nothing of the organisation
    if user.role == "teacher":
        query = query.where(Booking.teacher_id == user.id, Booking.school_id == organisation_id)
    elif user.role == "provider":
        query = query.join(Offer).where(Offer.organisation_id == organisation_id)
    else:
        return []
    return list(db.session.scalars(query.order_by(Booking.starts_at)))


__all__ = ["new_token", "revoke", "user_for_token", "feed_bookings"]
