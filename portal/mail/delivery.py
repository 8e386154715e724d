"""The outbox worker's service: claim due rows, send them, record the outcome.

Claim algorithm (the same code on PostgreSQL and SQLite):

1. In one short transaction, select a small batch of due rows and mark them as ours::

       SELECT id FROM outbox_mail WHERE <due> ORDER BY next_attempt_at, id
        LIMIT :batch FOR UPDATE SKIP LOCKED            -- FOR UPDATE on PostgreSQL only
       UPDATE outbox_mail SET status=:sending, claim_token=:token,
              claimed_until=:now + lease, attempts=attempts + 1
        WHERE id IN (:ids) AND <due>
       COMMIT

   where <due> is "pending and next_attempt_at <= now, or sending with an expired lease".
   On PostgreSQL the SELECT locks the rows, and SKIP LOCKED gives concurrent workers
   disjoint batches without waiting. On SQLite (FOR UPDATE is not rendered) the UPDATE
   takes the single write lock and re-checks <due>, so a row another worker claimed
   in between is not claimed again; we then read back exactly the rows with our token.
   (Not ``UPDATE ... WHERE id IN (SELECT ... LIMIT n FOR UPDATE SKIP LOCKED)``: PostgreSQL
   may re-run such a subquery per row and claim far more than n rows.)
   The claim is committed *before* any SMTP traffic.
2. The rows carrying our token are sent one by one. A row whose template the worker
   composes itself (a password reset: ``portal/mail/personal.py``) is composed here, from
   the address alone; when its composer finds nothing to send, the row is deleted.
3. Each outcome is written and committed at once, conditional on our token:
   ``sent`` (the text of mail with a personal link is then emptied), or ``pending`` with
   exponential backoff, or ``failed`` after MAIL_MAX_ATTEMPTS.

Guarantees: no row is sent by two workers while its lease runs; a worker gives back,
unsent, the rows it has not reached after 80% of the lease (keep MAIL_LEASE_SECONDS, default
600, well above 10 x MAIL_TIMEOUT_SECONDS). If a worker dies (or the database is
unreachable) between sending and recording, the row stays ``sending`` until its lease
expires and is then sent again: a crash can duplicate a message (same Message-ID), never
lose it. ``attempts`` counts started attempts, so a message whose worker dies on its last
allowed attempt ends as ``failed`` instead of circling forever. A 5xx refusal of every
recipient ("no such user") fails at once; everything else is retried with backoff.
"""

from __future__ import annotations

import logging
import random
import secrets
import smtplib
import time
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, cast

from flask import current_app
from sqlalchemy import CursorResult, and_, delete, or_, select, update

from portal.extensions import db
from portal.mail.personal import composed, is_emptied_after_sending
from portal.mail.transport import build_message, open_sender
from portal.models import OutboxMail, utcnow
from portal.models.statuses import MailStatus

log = logging.getLogger("portal.mail")


@dataclass
class BatchResult:
    claimed: int = 0
    sent: int = 0
    retried: int = 0
    failed: int = 0
    dropped: int = 0  # composed by the worker, and nothing to send (no such account)

    def __str__(self) -> str:
        return (
            f"claimed {self.claimed}, sent {self.sent}, "
            f"retry later {self.retried}, failed {self.failed}, dropped {self.dropped}"
        )


def _due(now: datetime):
    pending = and_(OutboxMail.status == MailStatus.PENDING, OutboxMail.next_attempt_at <= now)
    stale = and_(OutboxMail.status == MailStatus.SENDING, OutboxMail.claimed_until < now)
    return or_(pending, stale)


def claim_due(now: datetime, batch_size: int) -> tuple[str, list[OutboxMail]]:
    """Lease up to ``batch_size`` due rows to a new token and commit; return the rows."""
    token = secrets.token_hex(16)
    for _ in range(3):  # lost every row to a rival worker (SQLite): look again
        candidates, claimed = _claim_once(now, batch_size, token)
        if claimed or not candidates:
            break
    rows = db.session.scalars(
        select(OutboxMail).where(OutboxMail.claim_token == token).order_by(OutboxMail.id)
    ).all()
    return token, list(rows)


def _fail_abandoned(now: datetime) -> None:
    """A lease that ran out on the last allowed attempt: its worker died while sending
    (perhaps because of this very message). Mark it failed for an admin to look at."""
    stale = and_(
        OutboxMail.status == MailStatus.SENDING,
        OutboxMail.claimed_until < now,
        OutboxMail.attempts >= max_attempts(),
    )
    db.session.execute(
        update(OutboxMail)
        .where(stale)
        .values(
            status=MailStatus.FAILED,
            claim_token=None,
            claimed_until=None,
            last_error="Worker stopped during the last attempt; the message may or may not have been sent.",
        )
        .execution_options(synchronize_session=False)
    )


def _lease_seconds() -> float:
    return float(current_app.config.get("MAIL_LEASE_SECONDS", 600))


def _claim_once(now: datetime, batch_size: int, token: str) -> tuple[int, int]:
    _fail_abandoned(now)
    lease = timedelta(seconds=_lease_seconds())
    ids = db.session.scalars(
        select(OutboxMail.id)
        .where(_due(now))
        .order_by(OutboxMail.next_attempt_at, OutboxMail.id)
        .limit(batch_size)
        .with_for_update(skip_locked=True)  # rendered on PostgreSQL, dropped on SQLite
    ).all()
    claimed = 0
    if ids:
        claimed = _rows_changed(
            update(OutboxMail)
            .where(OutboxMail.id.in_(ids), _due(now))  # re-checked: a rival may have been first
            .values(
                status=MailStatus.SENDING,
                claim_token=token,
                claimed_until=now + lease,
                attempts=OutboxMail.attempts + 1,
            )
            .execution_options(synchronize_session=False)
        )
    db.session.commit()
    return len(ids), claimed


def retry_delay(attempts: int, config, rng=random.random) -> timedelta:
    """MAIL_RETRY_BASE_SECONDS * 2**attempts, capped, plus up to 20% jitter so that
    messages that failed together do not all retry in the same second."""
    base = float(config.get("MAIL_RETRY_BASE_SECONDS", 60))
    cap = float(config.get("MAIL_RETRY_MAX_SECONDS", 6 * 3600))
    seconds = min(base * 2**attempts, cap)
    return timedelta(seconds=seconds * (1 + 0.2 * rng()))


def _finish(row_id: int, token: str, **values) -> bool:
    """Write an outcome only if the row is still ours (our lease was not taken over)."""
    changed = _rows_changed(
        update(OutboxMail)
        .where(OutboxMail.id == row_id, OutboxMail.claim_token == token)
        .values(claim_token=None, claimed_until=None, **values)
        .execution_options(synchronize_session=False)
    )
    db.session.commit()
    if changed != 1:
        log.warning("outbox mail %s: lease was taken over before the outcome was recorded", row_id)
    return changed == 1


def _rows_changed(statement: Any) -> int:
    """Run an UPDATE; how many rows it changed."""
    return cast(CursorResult, db.session.execute(statement)).rowcount


def record_sent(row_id: int, token: str, now: datetime, template: str = "") -> bool:
    emptied: dict = {"body_text": "", "body_html": None, "attachments": []}
    return _finish(
        row_id,
        token,
        status=MailStatus.SENT,
        sent_at=now,
        **(emptied if is_emptied_after_sending(template) else {}),
    )


def record_dropped(row_id: int, token: str) -> None:
    """Nothing to send (its composer found no account): the row goes, with the address."""
    db.session.execute(
        delete(OutboxMail)
        .where(OutboxMail.id == row_id, OutboxMail.claim_token == token)
        .execution_options(synchronize_session=False)
    )
    db.session.commit()


def record_failure(
    row_id: int, token: str, attempts: int, error: str, now: datetime, permanent: bool = False
) -> MailStatus:
    """Back to ``pending`` with backoff, or ``failed`` after the last allowed attempt
    (or at once when the error is permanent)."""
    config = current_app.config
    last = permanent or attempts >= max_attempts()
    status = MailStatus.FAILED if last else MailStatus.PENDING
    _finish(
        row_id,
        token,
        status=status,
        last_error=error[:2000],
        next_attempt_at=now + retry_delay(attempts, config),
    )
    return status


def max_attempts() -> int:
    return int(current_app.config.get("MAIL_MAX_ATTEMPTS", 8))


def is_permanent(exc: BaseException) -> bool:
    """The server refused every recipient with a 5xx code (no such mailbox): retrying
    cannot help. Other 5xx replies (e.g. 530 authentication required) usually mean our
    configuration is wrong, and are retried so mail flows once it is fixed."""
    if isinstance(exc, smtplib.SMTPRecipientsRefused) and exc.recipients:
        return all(code >= 500 for code, _msg in exc.recipients.values())
    return False


def describe_error(exc: BaseException) -> str:
    text = str(exc) or "no details"
    return f"{type(exc).__name__}: {text}"


@dataclass
class _Claimed:
    """What the worker needs of a claimed row, read before any commit expires the row."""

    id: int
    attempts: int
    recipient: str
    template: str
    message: object = None
    build_error: Exception | None = None
    dropped: bool = False


def _snapshot(row: OutboxMail) -> _Claimed:
    item = _Claimed(row.id, row.attempts, row.recipient, row.template)
    try:
        source = composed(row)
        if source is None:
            item.dropped = True
        else:
            item.message = build_message(source)
    except Exception as exc:  # broken stored data must not block its batch-mates
        item.build_error = exc
    return item


def deliver_batch(batch_size: int = 10, now: datetime | None = None, stop=None) -> BatchResult:
    """Claim and send one batch of due mail. ``now`` is injectable for tests; when the
    ``stop`` event is set (SIGTERM), the rows not yet sent are given back at once."""
    now = now or utcnow()
    token, rows = claim_due(now, batch_size)
    result = BatchResult(claimed=len(rows))
    if not rows:
        return result
    claimed = [_snapshot(row) for row in rows]
    # Stop well before the lease ends, so no other worker can take a row we still send.
    deadline = time.monotonic() + 0.8 * _lease_seconds()
    with open_sender(current_app) as sender:
        for item in claimed:
            if time.monotonic() >= deadline or (stop is not None and stop.is_set()):
                release(item.id, token)
                result.claimed -= 1
                continue
            _deliver_one(sender, item, token, now, result)
    return result


def release(row_id: int, token: str) -> None:
    """Give an unsent claimed row back, as if this attempt never started."""
    _finish(row_id, token, status=MailStatus.PENDING, attempts=OutboxMail.attempts - 1)


def _deliver_one(sender, item: _Claimed, token: str, now: datetime, result: BatchResult) -> None:
    if item.dropped:
        record_dropped(item.id, token)
        result.dropped += 1
        return
    try:
        if item.build_error is not None:
            raise item.build_error
        sender.send(item.message, item.id, item.template)
    except Exception as exc:  # SMTP errors, timeouts, refused connections, bad data
        error = describe_error(exc)
        status = record_failure(item.id, token, item.attempts, error, now, permanent=is_permanent(exc))
        log.warning(
            "outbox mail %s to %s: attempt %s failed, now %s: %s",
            item.id,
            item.recipient,
            item.attempts,
            status,
            error,
        )
        if status == MailStatus.FAILED:
            result.failed += 1
        else:
            result.retried += 1
        return
    record_sent(item.id, token, now, item.template)
    result.sent += 1


def deliver_all_due(batch_size: int = 10, now: datetime | None = None) -> BatchResult:
    """Batches until nothing is due (a failed row is due later, so this ends)."""
    total = BatchResult()
    while True:
        batch = deliver_batch(batch_size, now)
        for field in ("claimed", "sent", "retried", "failed", "dropped"):
            setattr(total, field, getattr(total, field) + getattr(batch, field))
        if batch.claimed == 0:
            return total
