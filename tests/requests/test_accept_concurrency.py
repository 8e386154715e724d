"""Two accepts at once (two tabs, a double click) make one booking: each on its own thread,
app context, session and database connection, on SQLite (file) and PostgreSQL. Which of the
two wins is up to the scheduler; that exactly one does is the rule."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import func, select

from portal.extensions import db as _db
from portal.models import Booking, RequestAnswer, TeacherRequest, User
from portal.models.statuses import RequestAnswerStatus, TeacherRequestStatus
from portal.requests import answers
from portal.requests.errors import RequestError
from tests.clock import days_ahead


@pytest.fixture
def app_config(app_config):
    app_config["SQLALCHEMY_ENGINE_OPTIONS"] = {"pool_size": 4, "max_overflow": 0, "pool_timeout": 60}
    return app_config


def _accept(app, request_id, answer_id, teacher_id, barrier, results):
    barrier.wait(timeout=60)
    with app.app_context():
        try:
            request = _db.session.get(TeacherRequest, request_id)
            answers.accept(request, answer_id, _db.session.get(User, teacher_id))
            _db.session.commit()
            results.append("booked")
        except RequestError as error:
            _db.session.rollback()
            results.append(str(error.message))
        except Exception as error:  # anything else fails the test
            _db.session.rollback()
            results.append(f"error: {error!r}")
        finally:
            _db.session.remove()


@pytest.mark.both_databases
@pytest.mark.parametrize("same_answer", [True, False], ids=["same answer", "two answers"])
def test_two_accepts_at_once_make_one_booking(app, db, world, post, backend, same_answer):
    request = post()
    ids = []
    for provider in (world.near_staff, world.online_staff):
        row = answers.answer(
            request, provider, answers.AnswerDetails(proposed_from=days_ahead(14), message="Graag")
        )
        ids.append(row.id)
    db.session.commit()
    request_id, teacher_id = request.id, world.teacher.id
    chosen = [ids[0], ids[0]] if same_answer else ids
    db.session.remove()

    barrier = threading.Barrier(2)
    results: list[str] = []
    threads = [
        threading.Thread(target=_accept, args=(app, request_id, answer_id, teacher_id, barrier, results))
        for answer_id in chosen
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert len(results) == 2, results
    assert results.count("booked") == 1, results
    assert not any(r.startswith("error") for r in results), results
    assert db.session.scalar(select(func.count(Booking.id))) == 1
    request = db.session.get(TeacherRequest, request_id)
    assert request.status == TeacherRequestStatus.BOOKED and request.booking_id is not None
    statuses = db.session.scalars(select(RequestAnswer.status)).all()
    assert statuses.count(RequestAnswerStatus.ACCEPTED) == 1
