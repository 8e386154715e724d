"""Booking-area models: bookings, their timeline, preferred dates, waiting lists,
attendance and feedback.

A booking holds places on its slot while it is active (requested, proposed or confirmed);
``portal.bookings.capacity`` is the only code that changes ``Slot.booked``.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, Integer, String, Text, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.extensions import Model
from portal.models.accounts import Organisation, User
from portal.models.base import local_now, utcnow
from portal.models.offers import Offer, Slot
from portal.models.statuses import AttendanceStatus, BookingStatus, StatusType, WaitlistStatus
from portal.models.taxonomy import Term

__all__ = [
    "ACTIVE_STATUSES",
    "AGREED_STATUSES",
    "DAYPARTS",
    "local_now",
    "Booking",
    "BookingEvent",
    "PreferredDate",
    "WaitlistEntry",
    "Feedback",
    "Attendance",
]

# Statuses that hold places on a slot and count as "the teacher's booking of this slot".
ACTIVE_STATUSES = (BookingStatus.REQUESTED, BookingStatus.PROPOSED, BookingStatus.CONFIRMED)
# Statuses of a booking both sides agreed on: it takes (or took) place on its date.
AGREED_STATUSES = (BookingStatus.CONFIRMED, BookingStatus.COMPLETED)
DAYPARTS = ("morning", "afternoon", "whole_day")

_ACTIVE_SQL = "status IN ({})".format(", ".join(f"'{s.value}'" for s in ACTIVE_STATUSES))


class Booking(Model):
    __table_args__ = (
        CheckConstraint(BookingStatus.check_sql(), name="status"),
        CheckConstraint("group_size >= 1", name="group_size_positive"),
        CheckConstraint("places >= 0", name="places_positive"),
        # No double bookings: one active booking per teacher per slot.
        Index(
            "uq_booking_active_teacher_slot",
            "teacher_id",
            "slot_id",
            unique=True,
            sqlite_where=text(f"slot_id IS NOT NULL AND {_ACTIVE_SQL}"),
            postgresql_where=text(f"slot_id IS NOT NULL AND {_ACTIVE_SQL}"),
        ),
        # A report's period (``reports.figures.in_period``): the agreed start in range, or no
        # start and requested in range; both halves are one range seek in this index.
        Index("ix_booking_report_period", "starts_at", "created_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    offer_id: Mapped[int] = mapped_column(ForeignKey("offer.id"), index=True)
    slot_id: Mapped[int | None] = mapped_column(ForeignKey("slot.id"), index=True)
    teacher_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"), index=True)
    school_id: Mapped[int] = mapped_column(ForeignKey("organisation.id"), index=True)
    status: Mapped[BookingStatus] = mapped_column(
        StatusType(BookingStatus, 12), default=BookingStatus.REQUESTED, index=True
    )
    group_size: Mapped[int] = mapped_column(Integer)
    # Places taken on the slot (group size for pupil capacity, 1 for group capacity).
    places: Mapped[int] = mapped_column(Integer, default=0)
    audience_id: Mapped[int | None] = mapped_column(ForeignKey("term.id"))
    group_name: Mapped[str | None] = mapped_column(String(80))  # e.g. "groep 7b"
    notes: Mapped[str | None] = mapped_column(Text)
    # The agreed (or proposed) time, Europe/Amsterdam wall clock like Slot.starts_at.
    starts_at: Mapped[datetime | None] = mapped_column(index=True)
    ends_at: Mapped[datetime | None]
    proposed_starts_at: Mapped[datetime | None]
    proposed_ends_at: Mapped[datetime | None]
    proposal_message: Mapped[str | None] = mapped_column(Text)
    # For online offers: the meeting link the provider gives once it is known.
    meeting_link: Mapped[str | None] = mapped_column(String(500))
    # iCalendar SEQUENCE: raised on every change so calendars replace the old entry.
    sequence: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)

    offer: Mapped[Offer] = relationship()
    slot: Mapped[Slot | None] = relationship()
    teacher: Mapped[User | None] = relationship(foreign_keys=[teacher_id])
    school: Mapped[Organisation] = relationship(foreign_keys=[school_id])
    audience: Mapped[Term | None] = relationship()
    events: Mapped[list[BookingEvent]] = relationship(
        back_populates="booking", cascade="all, delete-orphan", order_by="BookingEvent.id"
    )
    preferred_dates: Mapped[list[PreferredDate]] = relationship(
        back_populates="booking", cascade="all, delete-orphan", order_by="PreferredDate.position"
    )
    feedback: Mapped[Feedback | None] = relationship(back_populates="booking", cascade="all, delete-orphan")
    attendance: Mapped[Attendance | None] = relationship(
        back_populates="booking", cascade="all, delete-orphan"
    )

    @property
    def is_active(self) -> bool:
        return self.status in ACTIVE_STATUSES

    @property
    def is_agreed(self) -> bool:
        return self.status in AGREED_STATUSES

    @property
    def is_past(self) -> bool:
        return self.starts_at is not None and self.starts_at <= local_now()

    def __repr__(self) -> str:
        return f"<Booking {self.id} {self.status}>"


class BookingEvent(Model):
    """One step on a booking's timeline: who moved it from what to what, when and why."""

    id: Mapped[int] = mapped_column(primary_key=True)
    booking_id: Mapped[int] = mapped_column(ForeignKey("booking.id", ondelete="CASCADE"), index=True)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    from_status: Mapped[BookingStatus | None] = mapped_column(StatusType(BookingStatus, 12))
    to_status: Mapped[BookingStatus] = mapped_column(StatusType(BookingStatus, 12), index=True)
    reason: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    booking: Mapped[Booking] = relationship(back_populates="events")
    actor: Mapped[User | None] = relationship()


class PreferredDate(Model):
    """A request-mode preference: a day (``date_to`` empty) or a period, and a daypart."""

    __table_args__ = (
        CheckConstraint("daypart IN ('morning', 'afternoon', 'whole_day')", name="daypart"),
        CheckConstraint("date_to IS NULL OR date_to >= date_from", name="period"),
        CheckConstraint("position BETWEEN 1 AND 3", name="position"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    booking_id: Mapped[int] = mapped_column(ForeignKey("booking.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    date_from: Mapped[date]
    date_to: Mapped[date | None]
    daypart: Mapped[str] = mapped_column(String(10), default="whole_day")

    booking: Mapped[Booking] = relationship(back_populates="preferred_dates")

    def covers(self, day: date) -> bool:
        return self.date_from <= day <= (self.date_to or self.date_from)


class WaitlistEntry(Model):
    """A teacher waiting for a place on a full slot; ``offered`` holds a place until
    ``offer_expires_at``."""

    __table_args__ = (
        UniqueConstraint("slot_id", "teacher_id", name="slot_teacher"),
        CheckConstraint(WaitlistStatus.check_sql(), name="status"),
        CheckConstraint("group_size >= 1", name="group_size_positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    slot_id: Mapped[int] = mapped_column(ForeignKey("slot.id", ondelete="CASCADE"), index=True)
    teacher_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    school_id: Mapped[int] = mapped_column(ForeignKey("organisation.id"))
    group_size: Mapped[int] = mapped_column(Integer)
    # Places held on the slot while the entry is ``offered`` (taken from the freed places).
    places: Mapped[int] = mapped_column(Integer, default=0)
    status: Mapped[WaitlistStatus] = mapped_column(
        StatusType(WaitlistStatus, 10), default=WaitlistStatus.WAITING, index=True
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    offered_at: Mapped[datetime | None]
    offer_expires_at: Mapped[datetime | None]

    slot: Mapped[Slot] = relationship()
    teacher: Mapped[User] = relationship()
    school: Mapped[Organisation] = relationship()


class Feedback(Model):
    """The teacher's review after the event: 1-5 and a text."""

    __table_args__ = (CheckConstraint("rating BETWEEN 1 AND 5", name="rating"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    booking_id: Mapped[int] = mapped_column(ForeignKey("booking.id", ondelete="CASCADE"), unique=True)
    offer_id: Mapped[int] = mapped_column(ForeignKey("offer.id", ondelete="CASCADE"), index=True)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    rating: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    booking: Mapped[Booking] = relationship(back_populates="feedback")
    author: Mapped[User | None] = relationship()


class Attendance(Model):
    """What the provider recorded after the date: took place, no-show or cancelled late."""

    __table_args__ = (CheckConstraint(AttendanceStatus.check_sql(), name="status"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    booking_id: Mapped[int] = mapped_column(ForeignKey("booking.id", ondelete="CASCADE"), unique=True)
    status: Mapped[AttendanceStatus] = mapped_column(StatusType(AttendanceStatus, 16))
    pupils: Mapped[int | None] = mapped_column(Integer)
    marked_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    marked_at: Mapped[datetime] = mapped_column(default=utcnow)

    booking: Mapped[Booking] = relationship(back_populates="attendance")
    marked_by: Mapped[User | None] = relationship()
