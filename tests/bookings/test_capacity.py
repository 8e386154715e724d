"""Never overbooked: 60 teachers at once at a slot with 10 places, each on its own thread,
app context, session and database connection, on SQLite (file) and PostgreSQL."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import func, select

from portal.bookings import capacity, services
from portal.bookings.errors import SlotFullError
from portal.extensions import db as _db
from portal.models import Booking, Slot, User

ATTEMPTS = 60
PLACES = 10


@pytest.fixture
def app_config(app_config):
    # real connections for the threads: 20 at a time, the others wait for one from the pool
    app_config["SQLALCHEMY_ENGINE_OPTIONS"] = {"pool_size": 20, "max_overflow": 0, "pool_timeout": 120}
    return app_config


def _attempt(app, teacher_id: int, slot_id: int, barrier: threading.Barrier, results: list):
    barrier.wait(timeout=60)  # all start together; no connection is held while waiting
    with app.app_context():
        try:
            teacher = _db.session.get(User, teacher_id)
            slot = _db.session.get(Slot, slot_id)
            services.book_slot(teacher, slot, 1)
            _db.session.commit()
            results.append("booked")
        except SlotFullError as error:
            _db.session.rollback()
            results.append(str(error.message))
        except Exception as error:  # anything else is a failure of the test
            _db.session.rollback()
            results.append(f"error: {error!r}")
        finally:
            _db.session.remove()


@pytest.mark.both_databases
def test_concurrent_bookings_never_overbook(app, db, make, backend):
    provider_org = make.company(verified=True)
    offer = make.offer(
        provider_org, booking_mode="slots", capacity_unit="groups", group_min=1, auto_confirm=True
    )
    slot = make.slot(offer, capacity=PLACES)
    teachers = [make.user("teacher").id for _ in range(ATTEMPTS)]
    db.session.commit()
    slot_id = slot.id
    db.session.remove()  # the threads use their own sessions and connections

    barrier = threading.Barrier(ATTEMPTS)
    results: list[str] = []
    threads = [threading.Thread(target=_attempt, args=(app, t, slot_id, barrier, results)) for t in teachers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)

    assert len(results) == ATTEMPTS
    errors = [r for r in results if r.startswith("error")]
    assert not errors, errors[:3]
    assert results.count("booked") == PLACES
    full = [r for r in results if r != "booked"]
    assert len(full) == ATTEMPTS - PLACES
    assert all("vol" in message for message in full)
    slot = db.session.get(Slot, slot_id)
    assert slot.booked == PLACES == slot.capacity
    booked_places = db.session.scalar(
        select(func.sum(Booking.places)).where(Booking.slot_id == slot_id, Booking.status == "confirmed")
    )
    assert booked_places == slot.booked
    assert db.session.scalar(select(func.count(Booking.id))) == PLACES


@pytest.mark.both_databases
def test_check_constraint_is_the_backstop(app, db, make, backend):
    offer = make.offer(booking_mode="slots")
    slot = make.slot(offer, capacity=2)
    db.session.commit()
    slot.booked = 3  # code that bypasses capacity.reserve
    with pytest.raises(Exception, match="(?i)check|constraint"):
        db.session.commit()
    db.session.rollback()


def test_reserve_takes_nothing_when_full(app, db, make):
    slot = make.slot(make.offer(booking_mode="slots"), capacity=5, booked=3)
    db.session.commit()
    with pytest.raises(capacity.SlotFull):
        capacity.reserve(slot.id, 3)
    capacity.reserve(slot.id, 2)
    db.session.commit()
    assert db.session.get(Slot, slot.id).booked == 5


def test_same_teacher_cannot_book_a_slot_twice(world, db):
    services.book_slot(world.teacher, world.slot, 10)
    db.session.commit()
    with pytest.raises(services.BookingError, match="al geboekt"):
        services.book_slot(world.teacher, world.slot, 10)
    db.session.rollback()
    assert db.session.get(Slot, world.slot.id).booked == 10


def test_unique_index_backs_the_double_booking_rule(world, db):
    from sqlalchemy.exc import IntegrityError

    services.book_slot(world.teacher, world.slot, 10)
    db.session.commit()
    twin = Booking(
        offer=world.slot_offer,
        slot=world.slot,
        teacher=world.teacher,
        school=world.school,
        status="requested",
        group_size=5,
        places=5,
    )
    db.session.add(twin)
    with pytest.raises(IntegrityError):
        db.session.commit()
    db.session.rollback()


def test_group_size_within_offer_limits_and_remaining_places(world, db, make):
    with pytest.raises(services.BookingError, match="tussen 5 en 30"):
        services.book_slot(world.teacher, world.slot, 31)
    small = make.slot(world.slot_offer, capacity=12, days_ahead=20)
    db.session.commit()
    with pytest.raises(SlotFullError, match="vol"):
        services.book_slot(world.teacher, small, 20)
    db.session.rollback()
    assert db.session.get(Slot, small.id).booked == 0


def test_cancelling_frees_the_places(booking_in, world, db):
    booking = booking_in("confirmed", mode="slots")
    assert db.session.get(Slot, world.slot.id).booked == 10
    services.cancel(booking, world.provider, "Storing")
    db.session.commit()
    assert db.session.get(Slot, world.slot.id).booked == 0


@pytest.mark.parametrize("status", ["declined", "expired"])
def test_declined_and_expired_requests_free_the_places(booking_in, db, world, status):
    booking_in(status, mode="slots")
    assert db.session.get(Slot, world.slot.id).booked == 0
