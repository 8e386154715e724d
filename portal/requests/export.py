"""AVG: a teacher's requests and a provider's answers in their data export; a deleted
teacher's open requests are closed (nobody is left to accept an answer)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from portal.extensions import db
from portal.models import RequestAnswer, TeacherRequest, User
from portal.requests import services


def export_requests(user: User) -> tuple[str, dict]:
    requests = db.session.scalars(
        select(TeacherRequest).where(TeacherRequest.teacher_id == user.id).order_by(TeacherRequest.id)
    )
    answers = db.session.scalars(
        select(RequestAnswer).where(RequestAnswer.author_id == user.id).order_by(RequestAnswer.id)
    )
    return "requests", {
        "requests": [
            {
                "id": r.id,
                "title": r.title,
                "text": r.description,
                "status": r.status,
                "period": [r.period_from, r.period_to],
                "group_size": r.group_size,
                "created_at": r.created_at,
                "answers": len(r.answers),
            }
            for r in requests
        ],
        "answers": [
            {"request_id": a.request_id, "message": a.message, "status": a.status, "at": a.created_at}
            for a in answers
        ],
    }


def close_requests_of(user: User) -> None:
    """The account is deleted: its open requests close (the answering providers are told)."""
    waiting = db.session.scalars(
        select(TeacherRequest).where(
            TeacherRequest.teacher_id == user.id, TeacherRequest.status.in_(services.TRANSITIONS["close"][0])
        )
    ).all()
    for request in waiting:
        services.close(request, None, str(_l("The teacher's account was deleted.")))
