"""The mail outbox: a row per message, written in the transaction of the event.

Life of a row: ``pending`` (due at ``next_attempt_at``) -> ``sending`` (claimed by one
worker until ``claimed_until``, identified by ``claim_token``) -> ``sent``; or back to
``pending`` with a later ``next_attempt_at`` after a failed attempt, and ``failed`` after
``MAIL_MAX_ATTEMPTS``. A ``sending`` row whose lease expired (its worker died) is due again.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from portal.extensions import Model
from portal.models.base import utcnow
from portal.models.statuses import MailStatus, StatusType

MAIL_STATUSES = MailStatus.values()


class OutboxMail(Model):
    __tablename__ = "outbox_mail"
    __table_args__ = (Index("ix_outbox_mail_status_next_attempt_at", "status", "next_attempt_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    recipient: Mapped[str] = mapped_column(String(254))
    user_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    template: Mapped[str] = mapped_column(String(80))
    subject: Mapped[str] = mapped_column(String(300))
    body_text: Mapped[str] = mapped_column(Text)
    body_html: Mapped[str | None] = mapped_column(Text)
    # [{"filename": ..., "content_type": ..., "data": base64}] (e.g. the .ics of a booking)
    attachments: Mapped[list] = mapped_column(JSON, default=list)
    # Extra headers sent with the message, e.g. List-Unsubscribe for digests.
    headers: Mapped[dict] = mapped_column(JSON, default=dict)
    # Stable across retries, so a receiver (or a person) can recognise a duplicate.
    message_id: Mapped[str | None] = mapped_column(String(250))
    # Set when the same event must never mail twice (reminders): unique across the outbox.
    dedupe_key: Mapped[str | None] = mapped_column(String(200), unique=True)
    status: Mapped[MailStatus] = mapped_column(StatusType(MailStatus, 10), default=MailStatus.PENDING)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(default=utcnow)
    claimed_until: Mapped[datetime | None]
    claim_token: Mapped[str | None] = mapped_column(String(32), index=True)
    last_error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    sent_at: Mapped[datetime | None]

    def __repr__(self) -> str:
        return f"<OutboxMail {self.id} {self.template} to={self.recipient} {self.status}>"
