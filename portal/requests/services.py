"""Request rules: posting a request, moderating it, closing it and letting it expire.

Services take plain arguments and raise ``RequestError``; the request (``portal.web``) or
the CLI command commits once. Every change of status is a conditional UPDATE
(``... WHERE id = :id AND status IN (:allowed)``) recorded as a ``TeacherRequestEvent``
(who, when, why): of two people acting at once exactly one wins. Answers and accepting one
are in ``portal.requests.answers``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from flask_babel import lazy_gettext as _l
from sqlalchemy import select, update
from sqlalchemy.orm.attributes import set_committed_value

from portal import permissions
from portal.bookings import capacity
from portal.extensions import db
from portal.models import TeacherRequest, TeacherRequestEvent, Term, User, local_now, utcnow
from portal.models.offers import OFFER_KINDS
from portal.models.statuses import RequestAnswerStatus, TeacherRequestStatus
from portal.requests import notify
from portal.requests.errors import RequestError
from portal.search.requests import request_tokens

# action -> (statuses it is allowed from, status it leads to)
TRANSITIONS: dict[str, tuple[tuple[TeacherRequestStatus, ...], TeacherRequestStatus]] = {
    "approve": ((TeacherRequestStatus.SUBMITTED,), TeacherRequestStatus.OPEN),
    "reject": ((TeacherRequestStatus.SUBMITTED,), TeacherRequestStatus.REJECTED),
    "accept": ((TeacherRequestStatus.OPEN,), TeacherRequestStatus.BOOKED),
    "close": ((TeacherRequestStatus.SUBMITTED, TeacherRequestStatus.OPEN), TeacherRequestStatus.CLOSED),
    "expire": ((TeacherRequestStatus.SUBMITTED, TeacherRequestStatus.OPEN), TeacherRequestStatus.EXPIRED),
}
MAX_PERIOD_DAYS = 366


@dataclass
class RequestDetails:
    """What a teacher fills in (plain values, as the form gives them)."""

    title: str
    kind: str
    period_from: date
    period_to: date
    group_size: int
    description: str = ""
    audience: Term | None = None
    profile: Term | None = None
    theme: Term | None = None
    municipality_id: int | None = None
    online: bool = False


def _check(details: RequestDetails) -> None:
    if not details.title.strip():
        raise RequestError(_l("Say in a few words what you are looking for."), field="title")
    if details.kind not in OFFER_KINDS:
        raise RequestError(_l("Choose a kind of activity."), field="kind")
    if details.period_from <= local_now().date():
        raise RequestError(_l("The period must start after today."), field="period_from")
    if details.period_to < details.period_from:
        raise RequestError(_l("The period must end on or after its first day."), field="period_to")
    if (details.period_to - details.period_from).days > MAX_PERIOD_DAYS:
        raise RequestError(_l("A period can be at most a year."), field="period_to")
    if details.municipality_id is None and not details.online:
        raise RequestError(
            _l("Choose a municipality, or tick that it may take place online."), field="municipality"
        )
    if not 1 <= details.group_size <= 500:
        raise RequestError(_l("The group size must be between 1 and 500."), field="group_size")


def create(teacher: User, details: RequestDetails) -> TeacherRequest:
    """A new request: open at once for an approved teacher of a verified school (and the
    matching providers hear of it), otherwise waiting for a coordinator."""
    if not permissions.can_post_request(teacher):
        raise RequestError(_l("Only confirmed teachers of a school can post a request."))
    _check(details)
    direct = permissions.request_publishes_directly(teacher)
    status = TeacherRequestStatus.OPEN if direct else TeacherRequestStatus.SUBMITTED
    request = TeacherRequest(
        teacher=teacher,
        school=permissions.request_school(teacher),
        status=status,
        title=details.title.strip(),
        kind=details.kind,
        audience=details.audience,
        profile=details.profile,
        theme=details.theme,
        municipality_id=details.municipality_id,
        online=details.online,
        period_from=details.period_from,
        period_to=details.period_to,
        group_size=details.group_size,
        description=(details.description or "").strip(),
        published_at=utcnow() if direct else None,
    )
    request.search_tokens = _tokens(request)
    request.events.append(TeacherRequestEvent(actor=teacher, from_status=None, to_status=status))
    db.session.add(request)
    db.session.flush()
    if direct:
        notify.announce(request)
    return request


def _tokens(request: TeacherRequest) -> str:
    labels = [t.label for t in (request.audience, request.profile, request.theme) if t is not None]
    return request_tokens(request.title, request.description, *labels)


def refused_message(status: TeacherRequestStatus):
    return _l(
        'This is no longer possible: the request is now "%(status)s". Someone may have acted '
        "first, or the page was out of date.",
        status=status.label,
    )


def transition(
    request: TeacherRequest, action: str, actor: User | None, reason: str | None = None, **values
) -> TeacherRequest:
    """Move the request if its *current database* status allows ``action``."""
    sources, target = TRANSITIONS[action]
    capacity.begin_write()
    result = db.session.execute(
        update(TeacherRequest)
        .where(TeacherRequest.id == request.id, TeacherRequest.status.in_(sources))
        .values(status=target, **values)
        .execution_options(synchronize_session=False)
    )
    if capacity.changed_rows(result) != 1:
        db.session.refresh(request)
        raise RequestError(refused_message(request.status))
    previous = request.status if request.status in sources else sources[0]
    set_committed_value(request, "status", target)
    for key, value in values.items():
        set_committed_value(request, key, value)
    request.events.append(
        TeacherRequestEvent(actor=actor, from_status=previous, to_status=target, reason=reason or None)
    )
    db.session.flush()
    return request


def approve(request: TeacherRequest, actor: User) -> TeacherRequest:
    transition(request, "approve", actor, published_at=utcnow())
    notify.moderated(request, approved=True)
    notify.announce(request)
    return request


def reject(request: TeacherRequest, actor: User, reason: str) -> TeacherRequest:
    reason = (reason or "").strip()
    if not reason:
        raise RequestError(_l("Give a reason."), field="reason")
    transition(request, "reject", actor, reason, rejection_reason=reason)
    notify.moderated(request, approved=False)
    return request


def close(request: TeacherRequest, actor: User | None, reason: str | None = None) -> TeacherRequest:
    """The teacher no longer looks: answering providers are thanked."""
    transition(request, "close", actor, reason, closed_at=utcnow())
    _end_answers(request, "closed")
    return request


def _end_answers(request: TeacherRequest, why: str) -> None:
    waiting = notify.answers_with(request, RequestAnswerStatus.SENT)
    for answer in waiting:
        answer.status = RequestAnswerStatus.NOT_CHOSEN
    notify.not_chosen(request, waiting, why)


def expire(today: date | None = None) -> int:
    """Close the requests whose period ended before ``today`` (Amsterdam's date). Safe to
    repeat: a request that already moved on is not touched again."""
    today = today or local_now().date()
    ids = db.session.scalars(
        select(TeacherRequest.id).where(
            TeacherRequest.status.in_(TRANSITIONS["expire"][0]), TeacherRequest.period_to < today
        )
    ).all()
    count = 0
    for request_id in ids:
        request = db.session.get(TeacherRequest, request_id)
        if request is None:
            continue
        try:
            transition(request, "expire", None, closed_at=utcnow())
        except RequestError:  # moved on meanwhile (accepted, closed)
            continue
        _end_answers(request, "expired")
        count += 1
    return count
