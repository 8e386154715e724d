"""Waiting list: join a full slot, a freed place is held for the first in line, mailed with a
time limit, taken or passed on when the time runs out."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import update

from portal.bookings import services, waitlist
from portal.models import Booking, Slot, WaitlistEntry, utcnow
from tests.bookings.conftest import outbox

pytestmark = pytest.mark.calendar  # dates relative to today: `make test-calendar`


@pytest.fixture
def full_slot(world, make, db):
    slot = make.slot(world.slot_offer, capacity=20, days_ahead=21)
    db.session.commit()
    first = services.book_slot(world.teacher, slot, 20)
    db.session.commit()
    return slot, first


def test_cannot_join_while_places_are_left(world, db):
    with pytest.raises(services.BookingError, match="nog plekken"):
        waitlist.join(world.teacher, world.slot, 10)


def test_freed_place_goes_to_first_in_line_with_a_time_limit(full_slot, world, make, db, app):
    slot, first = full_slot
    early, late = make.user("teacher"), make.user("teacher")
    db.session.commit()
    entry_early = waitlist.join(early, slot, 10)
    entry_late = waitlist.join(late, slot, 10)
    db.session.commit()
    services.confirm(first, world.provider)
    services.cancel(first, world.teacher, "Zieke klas")
    db.session.commit()
    db.session.refresh(entry_early)
    db.session.refresh(entry_late)
    # 20 places freed: both groups of 10 fit, in order of joining
    assert (entry_early.status, entry_late.status) == ("offered", "offered")
    assert db.session.get(Slot, slot.id).booked == 20  # held for them, not for sale
    hours = app.config["WAITLIST_OFFER_HOURS"]
    assert entry_early.offer_expires_at - entry_early.offered_at == timedelta(hours=hours)
    mails = outbox(db, "booking_waitlist_place")
    assert [m.recipient for m in mails] == [early.email, late.email]
    assert "Er is een plek vrijgekomen" in mails[0].body_text and "/mijn/boekingen" in mails[0].body_html


def test_only_groups_that_fit_are_offered(full_slot, world, make, db):
    slot, first = full_slot
    big, small = make.user("teacher"), make.user("teacher")
    db.session.commit()
    waitlist.join(big, slot, 30)
    entry_small = waitlist.join(small, slot, 15)
    db.session.commit()
    services.withdraw(first, world.teacher)
    db.session.commit()
    db.session.refresh(entry_small)
    assert entry_small.status == "offered"
    assert db.session.get(Slot, slot.id).booked == 15


def test_taking_the_place_books_it(full_slot, world, make, db, client_for):
    slot, first = full_slot
    waiting = make.user("teacher")
    db.session.commit()
    entry = waitlist.join(waiting, slot, 10)
    db.session.commit()
    services.withdraw(first, world.teacher)
    db.session.commit()
    response = client_for(waiting).post(f"/mijn/wachtlijst/{entry.id}/plaats")
    assert response.status_code == 302
    db.session.refresh(entry)
    assert entry.status == "booked"
    assert db.session.get(Slot, slot.id).booked == 10  # the held places became the booking
    [booking] = db.session.query(Booking).filter_by(teacher_id=waiting.id).all()
    assert (booking.slot_id, booking.places, booking.status) == (slot.id, 10, "requested")


def test_expired_offer_passes_the_place_on(full_slot, world, make, db, runner):
    slot, first = full_slot
    one, two = make.user("teacher"), make.user("teacher")
    db.session.commit()
    entry_one = waitlist.join(one, slot, 20)
    entry_two = waitlist.join(two, slot, 20)
    db.session.commit()
    services.withdraw(first, world.teacher)
    db.session.commit()
    db.session.execute(
        update(WaitlistEntry)
        .where(WaitlistEntry.id == entry_one.id)
        .values(offer_expires_at=utcnow() - timedelta(minutes=1))
    )
    db.session.commit()
    runner.invoke(args=["bookings", "remind"])
    db.session.refresh(entry_one)
    db.session.refresh(entry_two)
    assert (entry_one.status, entry_two.status) == ("expired", "offered")
    assert db.session.get(Slot, slot.id).booked == 20
    with pytest.raises(services.BookingError, match="niet meer"):
        waitlist.take(entry_one, one)


def test_join_via_the_page(full_slot, world, make, db, client_for):
    slot, _ = full_slot
    other = make.user("teacher")
    db.session.commit()
    response = client_for(other).post(
        f"/aanbod/tijdslot/{slot.id}/wachtlijst", data={"group_size": 12}, follow_redirects=True
    )
    assert "Je staat op de wachtlijst" in response.get_data(as_text=True)
    assert db.session.query(WaitlistEntry).filter_by(teacher_id=other.id, status="waiting").count() == 1


def test_leaving_passes_a_held_place_on(full_slot, world, make, db, client_for):
    slot, first = full_slot
    one, two = make.user("teacher"), make.user("teacher")
    db.session.commit()
    entry_one = waitlist.join(one, slot, 20)
    entry_two = waitlist.join(two, slot, 20)
    db.session.commit()
    services.withdraw(first, world.teacher)
    db.session.commit()
    assert client_for(two).post(f"/mijn/wachtlijst/{entry_one.id}/verlaten").status_code == 403
    client_for(one).post(f"/mijn/wachtlijst/{entry_one.id}/verlaten")
    db.session.refresh(entry_two)
    assert entry_two.status == "offered"
