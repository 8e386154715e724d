"""Who hears of a request, and when: matching providers (at once or in the daily digest),
the teacher when an answer arrives, the providers whose answer was not chosen.

Everything goes through the outbox in the transaction of the event. ``RequestNotice`` (one
row per request and provider organisation, unique) is written when a request opens, so a
provider is told of a request once, whatever runs twice; the digest marks the rows it mailed
in the same transaction and a second run finds nothing left.
"""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import select, update

from portal.bookings.capacity import changed_rows
from portal.extensions import db
from portal.mail.outbox import queue_mail
from portal.models import MailFrequency, RequestAnswer, RequestNotice, TeacherRequest, User, utcnow
from portal.models.statuses import RequestAnswerStatus, TeacherRequestStatus
from portal.permissions import acting_member_clause
from portal.requests import matching
from portal.urls import absolute_url


def provider_recipients_of(organisation_id: int) -> list[User]:
    """The provider organisation's active staff."""
    return list(
        db.session.scalars(
            select(User)
            .where(acting_member_clause(User, organisation_id), User.role == "provider")
            .order_by(User.id)
        )
    )


def request_url(request: TeacherRequest) -> str:
    return absolute_url("requests.detail", request_id=request.id)


def announce(request: TeacherRequest) -> int:
    """Record the matching providers of a request that just opened and mail those who want
    it at once. Returns the number of organisations told or queued for the digest."""
    known = set(
        db.session.scalars(
            select(RequestNotice.organisation_id).where(RequestNotice.request_id == request.id)
        )
    )
    now = utcnow()
    added = 0
    for organisation_id, frequency in sorted(matching.matching_providers(request).items()):
        if organisation_id in known:
            continue
        instant = frequency == MailFrequency.INSTANT
        db.session.add(
            RequestNotice(
                request_id=request.id,
                organisation_id=organisation_id,
                frequency=frequency,
                mailed_at=now if instant else None,
            )
        )
        added += 1
        if instant:
            for user in provider_recipients_of(organisation_id):
                queue_mail(
                    user,
                    "request_new",
                    dedupe_key=f"request:{request.id}:new:{user.id}",
                    request=request,
                    request_url=request_url(request),
                    preferences_url=absolute_url("requests.preferences"),
                )
    db.session.flush()
    return added


def send_digest() -> int:
    """One mail per provider staff member with the open requests not yet mailed to their
    organisation; marks them mailed. Returns the number of mails queued."""
    rows = db.session.execute(
        select(RequestNotice.id, RequestNotice.organisation_id, TeacherRequest)
        .join(TeacherRequest, TeacherRequest.id == RequestNotice.request_id)
        .where(
            RequestNotice.mailed_at.is_(None),
            RequestNotice.frequency == MailFrequency.DAILY,
            TeacherRequest.status == TeacherRequestStatus.OPEN,
        )
        .order_by(RequestNotice.organisation_id, TeacherRequest.period_from, TeacherRequest.id)
    ).all()
    by_organisation: dict[int, list[tuple[int, TeacherRequest]]] = defaultdict(list)
    for notice_id, organisation_id, request in rows:
        by_organisation[organisation_id].append((notice_id, request))
    sent = 0
    now = utcnow()
    for organisation_id, items in by_organisation.items():
        ids = [notice_id for notice_id, _ in items]
        claimed = changed_rows(
            db.session.execute(
                update(RequestNotice)
                .where(RequestNotice.id.in_(ids), RequestNotice.mailed_at.is_(None))
                .values(mailed_at=now)
                .execution_options(synchronize_session=False)
            )
        )
        if not claimed:
            continue
        requests = [request for _, request in items]
        for user in provider_recipients_of(organisation_id):
            queue_mail(
                user,
                "request_digest",
                dedupe_key=f"request-digest:{organisation_id}:{max(ids)}:{user.id}",
                requests=[(r, request_url(r)) for r in requests],
                preferences_url=absolute_url("requests.preferences"),
            )
            sent += 1
    return sent


def answered(answer: RequestAnswer) -> None:
    """The teacher hears of each answer (they asked, so always)."""
    request = answer.request
    if request.teacher is not None:
        queue_mail(
            request.teacher,
            "request_answered",
            dedupe_key=f"request-answer:{answer.id}:new",
            request=request,
            answer=answer,
            request_url=request_url(request),
        )


def not_chosen(request: TeacherRequest, answers: list[RequestAnswer], why: str) -> None:
    """Thank the providers whose answer was not chosen (``why``: accepted, closed, expired)."""
    for answer in answers:
        for user in provider_recipients_of(answer.organisation_id):
            queue_mail(
                user,
                "request_not_chosen",
                dedupe_key=f"request-answer:{answer.id}:done:{user.id}",
                request=request,
                answer=answer,
                why=why,
                request_url=request_url(request),
            )


def moderated(request: TeacherRequest, approved: bool) -> None:
    if request.teacher is not None:
        queue_mail(
            request.teacher,
            "request_moderated",
            request=request,
            approved=approved,
            request_url=request_url(request),
        )


def answers_with(request: TeacherRequest, status: RequestAnswerStatus) -> list[RequestAnswer]:
    return [a for a in request.answers if a.status == status]
