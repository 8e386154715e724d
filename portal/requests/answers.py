"""Providers answer a request; the teacher accepts one answer, which becomes a booking.

Accepting is one conditional UPDATE of the request (``open`` -> ``booked``): of two accepts
at once (two tabs, a double click, two colleagues) exactly one makes a booking, the other
gets a clear message and its transaction is rolled back. The booking is made by the booking
area (``portal.bookings.services.book_agreed``) with its usual mails and calendar file; the
other answering providers get a polite mail.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from portal import permissions
from portal.bookings import services as booking_services
from portal.extensions import db
from portal.models import Booking, Offer, RequestAnswer, TeacherRequest, User, local_now, utcnow
from portal.models.statuses import OfferStatus, RequestAnswerStatus
from portal.offers.slugs import slugify
from portal.requests import notify, services
from portal.requests.errors import RequestError


@dataclass
class AnswerDetails:
    proposed_from: date
    proposed_to: date | None = None
    starts: time | None = None
    ends: time | None = None
    message: str = ""
    price_cents: int | None = None
    offer: Offer | None = None


def answer(request: TeacherRequest, provider: User, details: AnswerDetails) -> RequestAnswer:
    """One answer per provider organisation, on an open request."""
    if not permissions.can_answer_request(provider, request):
        raise RequestError(services.refused_message(request.status))
    organisation = permissions.acting_organisation(provider)
    if permissions.is_request_answerer(provider, request):
        raise RequestError(_l("Your organisation has already answered this request."))
    offer = details.offer
    if offer is not None and (
        offer.organisation_id != organisation.id or offer.status != OfferStatus.PUBLISHED
    ):
        raise RequestError(_l("Choose one of your published offers."), field="offer")
    if offer is None and not details.message.strip():
        raise RequestError(_l("Describe what you propose."), field="message")
    starts_at, ends_at = _check_when(details)
    row = RequestAnswer(
        request=request,
        organisation=organisation,
        author=provider,
        offer=offer,
        message=details.message.strip(),
        proposed_from=details.proposed_from,
        proposed_to=details.proposed_to if details.proposed_to != details.proposed_from else None,
        starts_at=starts_at,
        ends_at=ends_at,
        price_cents=details.price_cents,
        status=RequestAnswerStatus.SENT,
    )
    db.session.add(row)
    db.session.flush()
    notify.answered(row)
    return row


def _check_when(details: AnswerDetails) -> tuple[datetime | None, datetime | None]:
    if details.proposed_from <= local_now().date():
        raise RequestError(_l("The proposed date must lie in the future."), field="proposed_from")
    if details.proposed_to is not None and details.proposed_to < details.proposed_from:
        raise RequestError(_l("The period must end on or after its first day."), field="proposed_to")
    if (details.starts is None) != (details.ends is None):
        raise RequestError(_l("Give a start time and an end time, or neither."), field="ends")
    if details.starts is None or details.ends is None:
        return None, None
    if details.proposed_to not in (None, details.proposed_from):
        raise RequestError(_l("Times go with a single date, not with a period."), field="starts")
    if details.ends <= details.starts:
        raise RequestError(_l("The end time must be after the start time."), field="ends")
    day = details.proposed_from
    return datetime.combine(day, details.starts), datetime.combine(day, details.ends)


def accept(request: TeacherRequest, answer_id: int, teacher: User) -> Booking:
    """Accept one answer: the request is booked, the answer becomes a booking, the other
    answering providers are thanked."""
    chosen = db.session.get(RequestAnswer, answer_id)
    if chosen is None or chosen.request_id != request.id:
        raise RequestError(_l("This answer does not belong to this request."))
    if not permissions.can_manage_request(teacher, request):
        raise RequestError(_l("Only the teacher who posted the request can accept an answer."))
    services.transition(request, "accept", teacher, closed_at=utcnow())
    offer = chosen.offer or _proposal_offer(request, chosen)
    booking = booking_services.book_agreed(
        teacher,
        offer,
        request.group_size or 1,
        starts_at=chosen.starts_at,
        ends_at=chosen.ends_at,
        period=(chosen.proposed_from, chosen.proposed_to),
        audience=request.audience,
        notes=_notes(request, chosen),
    )
    request.booking = booking
    chosen.status = RequestAnswerStatus.ACCEPTED
    others = [a for a in request.answers if a.id != chosen.id and a.status == RequestAnswerStatus.SENT]
    for other in others:
        other.status = RequestAnswerStatus.NOT_CHOSEN
    notify.not_chosen(request, others, "accepted")
    db.session.flush()
    return booking


def _notes(request: TeacherRequest, chosen: RequestAnswer) -> str:
    lines = [str(_l("From the request: %(title)s", title=request.title))]
    if chosen.message:
        lines.append(chosen.message)
    return "\n\n".join(lines)


def _proposal_offer(request: TeacherRequest, chosen: RequestAnswer) -> Offer:
    """A new proposal has no offer; the booking needs one: an archived (never public) offer
    of the provider that records what was agreed."""
    offer = Offer(
        organisation_id=chosen.organisation_id,
        created_by_id=chosen.author_id,
        kind=request.kind,
        status=OfferStatus.ARCHIVED,
        title=request.title[:160],
        slug=slugify(request.title) or "maatwerk",
        summary=(chosen.message or "")[:400],
        description=chosen.message or "",
        municipality_id=chosen.organisation.municipality_id,
        location_mode="online" if request.online and request.municipality_id is None else "onsite",
        booking_mode="request",
        price_cents=chosen.price_cents,
        archived_at=utcnow(),
    )
    offer.terms = [t for t in (request.audience, request.profile, request.theme) if t is not None]
    db.session.add(offer)
    db.session.flush()
    return offer


def answers_for(request: TeacherRequest) -> list[RequestAnswer]:
    return list(
        db.session.scalars(
            select(RequestAnswer).where(RequestAnswer.request_id == request.id).order_by(RequestAnswer.id)
        )
    )
