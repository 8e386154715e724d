"""Every status the portal stores, as a ``StrEnum`` that carries its Dutch label and order.

A member *is* its stored string (``OfferStatus.PUBLISHED == "published"``), so rows, forms
and URLs keep their values; code and templates name the member instead of repeating the
string, and the label and sort order live in one place. ``check_sql`` builds the CHECK
constraint of the column from the members, so the database accepts exactly these values.
"""

from __future__ import annotations

from enum import StrEnum

from flask_babel import lazy_gettext as _l
from sqlalchemy import String
from sqlalchemy.types import TypeDecorator


class LabelledStatus(StrEnum):
    """A status value with a (lazily translated) ``label`` and an ``order`` for lists."""

    label: str
    order: int

    def __new__(cls, value: str, label: str = ""):
        member = str.__new__(cls, value)
        member._value_ = value
        member.label = label
        member.order = len(cls.__members__)
        return member

    @classmethod
    def values(cls) -> tuple[str, ...]:
        return tuple(member.value for member in cls)

    @classmethod
    def labels(cls) -> dict[str, str]:
        return {member.value: member.label for member in cls}

    @classmethod
    def check_sql(cls, column: str = "status") -> str:
        quoted = ", ".join(f"'{member.value}'" for member in cls)
        return f"{column} IN ({quoted})"

    @classmethod
    def label_of(cls, value: str | None) -> str:
        member = cls._value2member_map_.get(value or "")
        return str(member.label) if isinstance(member, LabelledStatus) else (value or "")


class OfferStatus(LabelledStatus):
    DRAFT = "draft", _l("Draft")
    SUBMITTED = "submitted", _l("Waiting for review")
    PUBLISHED = "published", _l("Published")
    REJECTED = "rejected", _l("Rejected")
    ARCHIVED = "archived", _l("Archived")


class BookingStatus(LabelledStatus):
    REQUESTED = "requested", _l("waiting for an answer")
    PROPOSED = "proposed", _l("new date proposed")
    CONFIRMED = "confirmed", _l("confirmed")
    DECLINED = "declined", _l("declined")
    CANCELLED = "cancelled", _l("cancelled")
    COMPLETED = "completed", _l("completed")
    EXPIRED = "expired", _l("expired")


class WaitlistStatus(LabelledStatus):
    WAITING = "waiting", _l("waiting")
    OFFERED = "offered", _l("place offered")
    BOOKED = "booked", _l("booked")
    EXPIRED = "expired", _l("expired")
    LEFT = "left", _l("left the list")


class AttendanceStatus(LabelledStatus):
    TOOK_PLACE = "took_place", _l("It took place")
    NO_SHOW = "no_show", _l("The group did not come")
    CANCELLED_LATE = "cancelled_late", _l("Cancelled at the last minute")


class MailStatus(LabelledStatus):
    PENDING = "pending", _l("waiting")
    SENDING = "sending", _l("being sent")
    SENT = "sent", _l("sent")
    FAILED = "failed", _l("failed")


class MembershipStatus(LabelledStatus):
    PENDING = "pending", _l("waiting for approval")
    APPROVED = "approved", _l("member")


class ArticleStatus(LabelledStatus):
    """A kennisbank article follows the offer lifecycle (``portal.knowledge.services``)."""

    DRAFT = "draft", _l("Draft")
    SUBMITTED = "submitted", _l("Waiting for review")
    PUBLISHED = "published", _l("Published")
    REJECTED = "rejected", _l("Rejected")
    ARCHIVED = "archived", _l("Archived")


class ReactionStatus(LabelledStatus):
    """A shared experience under an article: shown at once, hidden by a coordinator if needed."""

    VISIBLE = "visible", _l("visible")
    HIDDEN = "hidden", _l("hidden")


class TeacherRequestStatus(LabelledStatus):
    SUBMITTED = "submitted", _l("Waiting for review")
    OPEN = "open", _l("Open")
    REJECTED = "rejected", _l("Rejected")
    BOOKED = "booked", _l("Answer accepted")
    CLOSED = "closed", _l("Closed")
    EXPIRED = "expired", _l("Expired")


class RequestAnswerStatus(LabelledStatus):
    SENT = "sent", _l("Waiting for the teacher")
    ACCEPTED = "accepted", _l("Accepted")
    NOT_CHOSEN = "not_chosen", _l("Not chosen")


STATUS_ENUMS = (
    OfferStatus,
    ArticleStatus,
    ReactionStatus,
    BookingStatus,
    WaitlistStatus,
    AttendanceStatus,
    MailStatus,
    MembershipStatus,
    TeacherRequestStatus,
    RequestAnswerStatus,
)


class StatusType(TypeDecorator):
    """A status column: stored as its string, read back as the enum member (so
    ``offer.status.label`` works), refusing any value that is not a member."""

    impl = String
    cache_ok = True

    def __init__(self, enum: type[LabelledStatus], length: int = 16):
        super().__init__(length)
        self.enum = enum

    def process_bind_param(self, value, dialect):
        return None if value is None else self.enum(value).value

    def process_result_value(self, value, dialect):
        return None if value is None else self.enum(value)
