"""What the outbox admin page reads and does (no request, no flash: plain arguments)."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select

from portal.extensions import db
from portal.models import OutboxMail, utcnow
from portal.models.mail import MAIL_STATUSES


class MailError(Exception):
    """A refused outbox action; the message is shown to the admin."""


def status_counts() -> dict[str, int]:
    rows = db.session.execute(
        select(OutboxMail.status, func.count()).group_by(OutboxMail.status)
    ).all()
    counts = dict.fromkeys(MAIL_STATUSES, 0)
    counts.update({status: n for status, n in rows})
    return counts


def messages_with_status(status: str, limit: int = 100) -> list[OutboxMail]:
    order = OutboxMail.next_attempt_at if status == "pending" else OutboxMail.id.desc()
    return list(db.session.scalars(
        select(OutboxMail).where(OutboxMail.status == status).order_by(order).limit(limit)
    ))


def retry_now(mail: OutboxMail, now: datetime | None = None) -> None:
    """Make a failed (or waiting) message due at once; a failed one gets a fresh set of
    attempts. Does not commit."""
    if mail.status not in ("failed", "pending"):
        raise MailError("Only failed or waiting messages can be retried.")
    if mail.status == "failed":
        mail.attempts = 0
    mail.status = "pending"
    mail.next_attempt_at = now or utcnow()
