"""Teacher requests ("vragen"): what a teacher looks for, the providers' answers, who was told.

A request is open for answers while its status is ``open``; accepting one answer turns the
request ``booked`` in one conditional UPDATE (``portal.requests.services``) and makes a
booking. ``RequestNotice`` is the one row per request and provider organisation that says
the provider was (or will be, in the digest) told: never twice.
"""

from __future__ import annotations

from datetime import date, datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import JSON, Boolean, CheckConstraint, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.extensions import Model
from portal.models.accounts import Organisation, User
from portal.models.base import utcnow
from portal.models.bookings import Booking
from portal.models.geo import Municipality
from portal.models.offers import Offer
from portal.models.statuses import LabelledStatus, RequestAnswerStatus, StatusType, TeacherRequestStatus
from portal.models.taxonomy import Term

__all__ = [
    "MailFrequency",
    "TeacherRequest",
    "TeacherRequestEvent",
    "RequestAnswer",
    "RequestPreference",
    "RequestNotice",
]


class MailFrequency(LabelledStatus):
    """How a provider hears of matching requests (a setting, not a status)."""

    INSTANT = "instant", _l("At once")
    DAILY = "daily", _l("Once a day, in a digest")
    OFF = "off", _l("Off")


class TeacherRequest(Model):
    __tablename__ = "teacher_request"
    __table_args__ = (
        CheckConstraint(TeacherRequestStatus.check_sql(), name="status"),
        CheckConstraint("period_to >= period_from", name="period"),
        CheckConstraint("group_size IS NULL OR group_size >= 1", name="group_size"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    teacher_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"), index=True)
    school_id: Mapped[int] = mapped_column(ForeignKey("organisation.id"), index=True)
    status: Mapped[TeacherRequestStatus] = mapped_column(
        StatusType(TeacherRequestStatus, 12), default=TeacherRequestStatus.SUBMITTED, index=True
    )
    title: Mapped[str] = mapped_column(String(160))
    kind: Mapped[str] = mapped_column(String(20), index=True)
    audience_id: Mapped[int | None] = mapped_column(ForeignKey("term.id"), index=True)
    profile_id: Mapped[int | None] = mapped_column(ForeignKey("term.id"))
    theme_id: Mapped[int | None] = mapped_column(ForeignKey("term.id"), index=True)
    municipality_id: Mapped[int | None] = mapped_column(ForeignKey("municipality.id"), index=True)
    online: Mapped[bool] = mapped_column(Boolean, default=False)
    period_from: Mapped[date]
    period_to: Mapped[date] = mapped_column(index=True)
    group_size: Mapped[int | None] = mapped_column(Integer)
    description: Mapped[str] = mapped_column(Text, default="")
    # The Dutch analysis of title and text (``portal.search.requests``), space-delimited.
    search_tokens: Mapped[str] = mapped_column(Text, default="")
    rejection_reason: Mapped[str | None] = mapped_column(Text)
    booking_id: Mapped[int | None] = mapped_column(ForeignKey("booking.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    published_at: Mapped[datetime | None] = mapped_column(index=True)
    closed_at: Mapped[datetime | None]

    teacher: Mapped[User | None] = relationship()
    school: Mapped[Organisation] = relationship()
    audience: Mapped[Term | None] = relationship(foreign_keys=[audience_id])
    profile: Mapped[Term | None] = relationship(foreign_keys=[profile_id])
    theme: Mapped[Term | None] = relationship(foreign_keys=[theme_id])
    municipality: Mapped[Municipality | None] = relationship()
    booking: Mapped[Booking | None] = relationship()
    answers: Mapped[list[RequestAnswer]] = relationship(
        back_populates="request", cascade="all, delete-orphan", order_by="RequestAnswer.id"
    )
    events: Mapped[list[TeacherRequestEvent]] = relationship(
        back_populates="request", cascade="all, delete-orphan", order_by="TeacherRequestEvent.id"
    )

    @property
    def is_open(self) -> bool:
        return self.status == TeacherRequestStatus.OPEN

    def __repr__(self) -> str:
        return f"<TeacherRequest {self.id} {self.status}>"


class TeacherRequestEvent(Model):
    """One step of a request: who moved it from what to what, when and why."""

    __tablename__ = "teacher_request_event"

    id: Mapped[int] = mapped_column(primary_key=True)
    request_id: Mapped[int] = mapped_column(ForeignKey("teacher_request.id", ondelete="CASCADE"), index=True)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    from_status: Mapped[TeacherRequestStatus | None] = mapped_column(StatusType(TeacherRequestStatus, 12))
    to_status: Mapped[TeacherRequestStatus] = mapped_column(StatusType(TeacherRequestStatus, 12))
    reason: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    request: Mapped[TeacherRequest] = relationship(back_populates="events")
    actor: Mapped[User | None] = relationship()


class RequestAnswer(Model):
    """A provider's answer: one of its offers or a new proposal, with a date or period and a
    price. One answer per request and provider organisation."""

    __tablename__ = "request_answer"
    __table_args__ = (
        UniqueConstraint("request_id", "organisation_id", name="uq_request_answer_request_organisation"),
        CheckConstraint(RequestAnswerStatus.check_sql(), name="status"),
        CheckConstraint("proposed_to IS NULL OR proposed_to >= proposed_from", name="period"),
        CheckConstraint("price_cents IS NULL OR price_cents >= 0", name="price"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    request_id: Mapped[int] = mapped_column(ForeignKey("teacher_request.id", ondelete="CASCADE"), index=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id"), index=True)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    offer_id: Mapped[int | None] = mapped_column(ForeignKey("offer.id", ondelete="SET NULL"))
    status: Mapped[RequestAnswerStatus] = mapped_column(
        StatusType(RequestAnswerStatus, 12), default=RequestAnswerStatus.SENT
    )
    message: Mapped[str] = mapped_column(Text, default="")
    proposed_from: Mapped[date]
    proposed_to: Mapped[date | None]
    # A time on ``proposed_from`` (Europe/Amsterdam wall clock): accepting it confirms at once.
    starts_at: Mapped[datetime | None]
    ends_at: Mapped[datetime | None]
    price_cents: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    request: Mapped[TeacherRequest] = relationship(back_populates="answers")
    organisation: Mapped[Organisation] = relationship()
    author: Mapped[User | None] = relationship()
    offer: Mapped[Offer | None] = relationship()


class RequestPreference(Model):
    """How a provider organisation hears of matching requests, and (optionally) which themes
    only. Without a row: a daily digest of every matching request."""

    __tablename__ = "request_preference"

    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisation.id", ondelete="CASCADE"), primary_key=True
    )
    frequency: Mapped[MailFrequency] = mapped_column(
        StatusType(MailFrequency, 10), default=MailFrequency.DAILY
    )
    # Term ids of themes; empty or None: every theme of the provider's offers.
    theme_ids: Mapped[list | None] = mapped_column(JSON)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)


class RequestNotice(Model):
    """A provider organisation matched a request: mailed at once or waiting for the digest
    (``mailed_at`` empty). The unique pair is what makes "never twice" hold."""

    __tablename__ = "request_notice"
    __table_args__ = (
        UniqueConstraint("request_id", "organisation_id", name="uq_request_notice_request_organisation"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    request_id: Mapped[int] = mapped_column(ForeignKey("teacher_request.id", ondelete="CASCADE"), index=True)
    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisation.id", ondelete="CASCADE"), index=True
    )
    frequency: Mapped[MailFrequency] = mapped_column(StatusType(MailFrequency, 10))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    mailed_at: Mapped[datetime | None] = mapped_column(index=True)

    request: Mapped[TeacherRequest] = relationship()
    organisation: Mapped[Organisation] = relationship()
