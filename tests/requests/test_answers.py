"""Answers: a provider answers with an offer or a proposal; the teacher compares them and
accepts one, which becomes a booking in one step; the others are thanked; a teacher closes a
request; requests expire at the end of their period (idempotent)."""

from __future__ import annotations

from datetime import time, timedelta

import pytest
from sqlalchemy import func, select

from portal.accounts.export import export_user_data
from portal.accounts.services import delete_account
from portal.models import Booking, OutboxMail, RequestAnswer, TeacherRequest
from portal.models.statuses import BookingStatus, OfferStatus, RequestAnswerStatus, TeacherRequestStatus
from portal.requests import answers, services
from portal.requests.errors import RequestError
from tests.clock import days_ahead
from tests.factories import PASSWORD


def _answer(request, provider, db, **overrides):
    values = dict(proposed_from=days_ahead(14), message="We komen graag langs.", price_cents=12500)
    values.update(overrides)
    row = answers.answer(request, provider, answers.AnswerDetails(**values))
    db.session.commit()
    return row


def _mails(db, template):
    return sorted(db.session.scalars(select(OutboxMail.recipient).where(OutboxMail.template == template)))


def test_accepting_an_answer_with_a_time_confirms_a_booking_with_calendar_file(world, post, db):
    request = post()
    chosen = _answer(
        request, world.near_staff, db, offer=world.near_offer, starts=time(9, 0), ends=time(11, 0)
    )
    other = _answer(request, world.online_staff, db)
    assert _mails(db, "request_answered") == [world.teacher.email, world.teacher.email]

    booking = answers.accept(request, chosen.id, world.teacher)
    db.session.commit()

    assert request.status == TeacherRequestStatus.BOOKED and request.booking_id == booking.id
    assert booking.status == BookingStatus.CONFIRMED and booking.offer_id == world.near_offer.id
    assert booking.group_size == 16 and booking.starts_at.date() == days_ahead(14)
    confirmation = db.session.scalar(select(OutboxMail).where(OutboxMail.template == "booking_confirmed"))
    assert confirmation.recipient == world.teacher.email
    assert confirmation.attachments[0]["filename"].endswith(".ics")
    assert world.near_staff.email in _mails(db, "booking_new_confirmed")
    assert chosen.status == RequestAnswerStatus.ACCEPTED
    assert other.status == RequestAnswerStatus.NOT_CHOSEN
    assert _mails(db, "request_not_chosen") == [world.online_staff.email]


def test_a_new_proposal_for_a_period_becomes_a_request_the_provider_confirms(world, post, db):
    request = post()
    chosen = _answer(request, world.near_staff, db, proposed_to=days_ahead(20), message="Maatwerk: lassen")
    booking = answers.accept(request, chosen.id, world.teacher)
    db.session.commit()
    assert booking.status == BookingStatus.REQUESTED
    assert [(p.date_from, p.date_to) for p in booking.preferred_dates] == [(days_ahead(14), days_ahead(20))]
    assert booking.offer.status == OfferStatus.ARCHIVED  # a record of the proposal, never public
    assert booking.offer.price_cents == 12500 and booking.offer.organisation_id == world.near.id
    assert _mails(db, "booking_requested") == [world.near_staff.email]


def test_one_answer_per_provider_and_only_on_open_requests(world, post, db):
    request = post()
    _answer(request, world.near_staff, db)
    with pytest.raises(RequestError):
        _answer(request, world.near_staff, db)
    db.session.rollback()
    services.close(request, world.teacher)
    db.session.commit()
    with pytest.raises(RequestError):
        _answer(request, world.online_staff, db)


def test_an_answer_needs_a_future_date_and_an_offer_or_a_message(world, post, db, make):
    request = post()
    with pytest.raises(RequestError) as error:
        _answer(request, world.near_staff, db, proposed_from=days_ahead(0))
    assert error.value.field == "proposed_from"
    with pytest.raises(RequestError) as error:
        _answer(request, world.near_staff, db, message=" ")
    assert error.value.field == "message"
    someone_elses = make.offer(world.far)
    with pytest.raises(RequestError) as error:
        _answer(request, world.near_staff, db, offer=someone_elses)
    assert error.value.field == "offer"


def test_only_the_teacher_accepts_and_only_once(world, post, db, make):
    request = post()
    first = _answer(request, world.near_staff, db)
    second = _answer(request, world.online_staff, db)
    colleague = make.user("teacher", organisation=world.school)
    with pytest.raises(RequestError):
        answers.accept(request, first.id, colleague)
    db.session.rollback()
    answers.accept(request, first.id, world.teacher)
    db.session.commit()
    with pytest.raises(RequestError):
        answers.accept(request, second.id, world.teacher)
    db.session.rollback()
    assert db.session.scalar(select(func.count(Booking.id))) == 1


def test_closing_thanks_the_providers_who_answered(world, post, db):
    request = post()
    _answer(request, world.near_staff, db)
    services.close(request, world.teacher, "We hebben al iets gevonden.")
    db.session.commit()
    assert request.status == TeacherRequestStatus.CLOSED
    assert request.events[-1].actor_id == world.teacher.id
    assert request.events[-1].reason == "We hebben al iets gevonden."
    assert _mails(db, "request_not_chosen") == [world.near_staff.email]


def test_expiry_closes_requests_whose_period_ended_and_is_idempotent(world, post, db, runner, frozen_clock):
    ending = post(period_from=days_ahead(3), period_to=days_ahead(5))
    later = post(period_from=days_ahead(3), period_to=days_ahead(30))
    _answer(ending, world.near_staff, db, proposed_from=days_ahead(4))
    frozen_clock.shift(timedelta(days=6))
    first = runner.invoke(args=["requests", "expire"])
    assert "expired: 1" in first.output, first.output
    second = runner.invoke(args=["requests", "expire"])
    assert "expired: 0" in second.output
    db.session.expire_all()
    assert db.session.get(TeacherRequest, ending.id).status == TeacherRequestStatus.EXPIRED
    assert db.session.get(TeacherRequest, later.id).status == TeacherRequestStatus.OPEN
    assert _mails(db, "request_not_chosen") == [world.near_staff.email]
    assert db.session.scalar(select(RequestAnswer.status)) == RequestAnswerStatus.NOT_CHOSEN


def test_expiry_keeps_the_last_day_of_the_period(world, post, db, runner, frozen_clock):
    request = post(period_from=days_ahead(3), period_to=days_ahead(5))
    frozen_clock.shift(timedelta(days=5))
    assert "expired: 0" in runner.invoke(args=["requests", "expire"]).output
    db.session.expire_all()
    assert db.session.get(TeacherRequest, request.id).status == TeacherRequestStatus.OPEN


def test_a_deleted_teacher_exports_and_leaves_no_open_request(world, post, db):
    request = post()
    _answer(request, world.near_staff, db)
    data = export_user_data(world.teacher)
    assert [r["title"] for r in data["requests"]["requests"]] == [request.title]
    delete_account(world.teacher, PASSWORD)
    db.session.commit()
    assert request.status == TeacherRequestStatus.CLOSED
    assert _mails(db, "request_not_chosen") == [world.near_staff.email]
