"""What the outbox admin page reads and does (no request, no flash: plain arguments)."""

from __future__ import annotations

from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from portal.exceptions import DomainError
from portal.extensions import db
from portal.models import OutboxMail, utcnow
from portal.models.statuses import MailStatus

# What an admin may send again: failed mail, and waiting mail (sooner).
RETRYABLE = frozenset({MailStatus.FAILED, MailStatus.PENDING})


class MailError(DomainError):
    """A refused outbox action; the message is shown to the admin."""


def status_counts() -> dict[MailStatus, int]:
    rows = db.session.execute(select(OutboxMail.status, func.count()).group_by(OutboxMail.status)).all()
    counts = dict.fromkeys(MailStatus, 0)
    counts.update({status: n for status, n in rows})
    return counts


def messages_with_status(status: MailStatus, limit: int = 100) -> list[OutboxMail]:
    order = OutboxMail.next_attempt_at if status == MailStatus.PENDING else OutboxMail.id.desc()
    return list(
        db.session.scalars(select(OutboxMail).where(OutboxMail.status == status).order_by(order).limit(limit))
    )


def can_retry(mail: OutboxMail) -> bool:
    return mail.status in RETRYABLE


def retry_now(mail: OutboxMail, now: datetime | None = None) -> None:
    """Make a failed (or waiting) message due at once; a failed one gets a fresh set of
    attempts. Does not commit."""
    if not can_retry(mail):
        raise MailError(_l("Only failed or waiting messages can be sent again."))
    if mail.status == MailStatus.FAILED:
        mail.attempts = 0
    mail.status = MailStatus.PENDING
    mail.next_attempt_at = now or utcnow()
