"""Read-only request queries: the public list with its search and filters, the dashboards."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, or_, select

from portal.extensions import db
from portal.models import RequestAnswer, RequestNotice, TeacherRequest, User
from portal.models.statuses import RequestAnswerStatus, TeacherRequestStatus
from portal.permissions import acting_organisation_id
from portal.search.requests import text_condition

DASHBOARD_LIMIT = 10


@dataclass
class Filters:
    q: str = ""
    kind: str | None = None
    audience_id: int | None = None
    theme_id: int | None = None
    municipality_id: int | None = None
    online: bool = False


def open_requests(filters: Filters):
    """Open requests matching the search words and filters, the soonest period first. A
    municipality filter also finds requests that may take place online."""
    query = select(TeacherRequest).where(TeacherRequest.status == TeacherRequestStatus.OPEN)
    condition = text_condition(TeacherRequest.search_tokens, filters.q)
    if condition is not None:
        query = query.where(condition)
    if filters.kind:
        query = query.where(TeacherRequest.kind == filters.kind)
    if filters.audience_id:
        query = query.where(TeacherRequest.audience_id == filters.audience_id)
    if filters.theme_id:
        query = query.where(TeacherRequest.theme_id == filters.theme_id)
    if filters.municipality_id:
        query = query.where(
            or_(TeacherRequest.municipality_id == filters.municipality_id, TeacherRequest.online.is_(True))
        )
    if filters.online:
        query = query.where(TeacherRequest.online.is_(True))
    return query.order_by(TeacherRequest.period_from, TeacherRequest.id)


def teacher_requests(user: User, limit: int = DASHBOARD_LIMIT) -> list[TeacherRequest]:
    return list(
        db.session.scalars(
            select(TeacherRequest)
            .where(TeacherRequest.teacher_id == user.id)
            .order_by(TeacherRequest.created_at.desc(), TeacherRequest.id.desc())
            .limit(limit)
        )
    )


def provider_overview(user: User) -> dict:
    """Open requests the organisation was told of and has not answered; its answers."""
    organisation_id = acting_organisation_id(user)
    answered = select(RequestAnswer.request_id).where(RequestAnswer.organisation_id == organisation_id)
    told = db.session.scalars(
        select(TeacherRequest)
        .join(RequestNotice, RequestNotice.request_id == TeacherRequest.id)
        .where(
            RequestNotice.organisation_id == organisation_id,
            TeacherRequest.status == TeacherRequestStatus.OPEN,
            TeacherRequest.id.not_in(answered),
        )
        .order_by(TeacherRequest.period_from)
        .limit(DASHBOARD_LIMIT)
    ).all()
    answers = db.session.scalars(
        select(RequestAnswer)
        .where(RequestAnswer.organisation_id == organisation_id)
        .order_by(RequestAnswer.created_at.desc(), RequestAnswer.id.desc())
        .limit(DASHBOARD_LIMIT)
    ).all()
    return {"matching": told, "answers": answers}


def waiting_for_review(user, in_scope) -> list[TeacherRequest]:
    rows = db.session.scalars(
        select(TeacherRequest)
        .where(TeacherRequest.status == TeacherRequestStatus.SUBMITTED)
        .order_by(TeacherRequest.created_at)
    ).all()
    return [r for r in rows if in_scope(user, r)]


def open_answer_count(request: TeacherRequest) -> int:
    return (
        db.session.scalar(
            select(func.count(RequestAnswer.id)).where(
                RequestAnswer.request_id == request.id, RequestAnswer.status == RequestAnswerStatus.SENT
            )
        )
        or 0
    )


REQUEST_TERM_COLUMNS = {
    "audience": TeacherRequest.audience_id,
    "profile": TeacherRequest.profile_id,
    "theme": TeacherRequest.theme_id,
}


def open_request_counts(vocabulary: str) -> dict[tuple[int, int], int]:
    """(municipality id, term id) -> open requests there for that term: demand in the
    white-spot cells (``portal.reports.coverage``). A request without a municipality (online
    only) is in no cell."""
    column = REQUEST_TERM_COLUMNS.get(vocabulary)
    if column is None:
        return {}
    rows = db.session.execute(
        select(TeacherRequest.municipality_id, column, func.count(TeacherRequest.id))
        .where(
            TeacherRequest.status == TeacherRequestStatus.OPEN,
            TeacherRequest.municipality_id.is_not(None),
            column.is_not(None),
        )
        .group_by(TeacherRequest.municipality_id, column)
    )
    return {(municipality_id, term_id): int(count) for municipality_id, term_id, count in rows}
