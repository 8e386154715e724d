"""Slots: one date, a weekly series, capacity never below booked, removing free slots,
past slots hidden from teachers."""

from __future__ import annotations

from datetime import date, time, timedelta

import pytest

from portal.models import Slot, local_now
from portal.offers import slots
from portal.offers.lifecycle import OfferError
from tests.clock import TODAY, at, days_ahead
from tests.offers.conftest import offer_url

pytestmark = pytest.mark.calendar  # dates relative to today: `make test-calendar`


@pytest.fixture
def slot_offer(make, provider, db):
    offer = make.offer(organisation=provider.organisation, status="published", booking_mode="slots")
    db.session.commit()
    return offer


def month_ahead(months: int = 2) -> tuple[date, date]:
    """The first and last day of the calendar month ``months`` after this one."""
    first = TODAY.replace(day=1)
    for _ in range(months):
        first = (first + timedelta(days=32)).replace(day=1)
    last = (first + timedelta(days=32)).replace(day=1) - timedelta(days=1)
    return first, last


def wednesdays(first: date, last: date) -> list[date]:
    days = (first + timedelta(days=n) for n in range((last - first).days + 1))
    return [d for d in days if d.weekday() == 2]


def test_weekly_series_creates_one_slot_per_weekday(client, login_as, provider, slot_offer, db):
    first, last = month_ahead()
    login_as(provider)
    response = client.post(
        f"/aanbod/{slot_offer.id}/tijden/reeks",
        data={
            "series-first_day": first.isoformat(),
            "series-last_day": last.isoformat(),
            "series-weekday": "2",
            "series-start_time": "09:00",
            "series-end_time": "11:30",
            "series-capacity": "25",
        },
    )
    assert response.status_code == 302
    db.session.expire_all()
    starts = [s.starts_at for s in slot_offer.slots]
    assert starts == [at(d, 9) for d in wednesdays(first, last)]
    assert all(s.ends_at.time() == time(11, 30) and s.capacity == 25 for s in slot_offer.slots)
    # The same series again, nine days longer, adds only the Wednesdays of those nine days.
    longer = last + timedelta(days=9)
    added = slots.add_series(slot_offer, first, longer, 2, time(9), time(11, 30), 25)
    assert added == len(wednesdays(last + timedelta(days=1), longer)) > 0


def test_series_refuses_reversed_dates_and_times(slot_offer):
    first, last = month_ahead()
    with pytest.raises(OfferError):
        slots.add_series(slot_offer, last, first, 2, time(9), time(11), 5)
    with pytest.raises(OfferError):
        slots.add_series(slot_offer, first, last, 2, time(11), time(9), 5)
    with pytest.raises(OfferError):  # more than two years of weekly dates
        slots.add_series(slot_offer, first, first + timedelta(days=2 * 366 + 7), 2, time(9), time(11), 5)


def test_add_one_slot_and_refuse_the_past(client, login_as, provider, slot_offer, db):
    day, past = days_ahead(60), days_ahead(-30)
    login_as(provider)
    ok = client.post(
        f"/aanbod/{slot_offer.id}/tijden",
        data={
            "one-day": day.isoformat(),
            "one-start_time": "13:00",
            "one-end_time": "15:00",
            "one-capacity": "12",
        },
    )
    assert ok.status_code == 302
    refused = client.post(
        f"/aanbod/{slot_offer.id}/tijden",
        data={
            "one-day": past.isoformat(),
            "one-start_time": "13:00",
            "one-end_time": "15:00",
            "one-capacity": "12",
        },
    )
    assert refused.status_code == 400 and "in de toekomst" in refused.get_data(as_text=True)
    db.session.expire_all()
    assert [s.starts_at for s in slot_offer.slots] == [at(day, 13)]


def test_capacity_never_below_booked(client, login_as, provider, slot_offer, make, db):
    slot = make.slot(slot_offer, capacity=10, booked=6)
    db.session.commit()
    login_as(provider)
    client.post(f"/aanbod/{slot_offer.id}/tijden/{slot.id}/capaciteit", data={f"slot{slot.id}-capacity": "5"})
    db.session.expire_all()
    assert slot.capacity == 10
    client.post(f"/aanbod/{slot_offer.id}/tijden/{slot.id}/capaciteit", data={f"slot{slot.id}-capacity": "6"})
    db.session.expire_all()
    assert slot.capacity == 6


@pytest.mark.both_databases
def test_only_free_slots_are_removed(client, login_as, provider, slot_offer, make, db):
    booked = make.slot(slot_offer, booked=2, days_ahead=3)
    free = make.slot(slot_offer, days_ahead=4)
    db.session.commit()
    login_as(provider)
    client.post(f"/aanbod/{slot_offer.id}/tijden/{booked.id}/verwijderen")
    client.post(f"/aanbod/{slot_offer.id}/tijden/{free.id}/verwijderen")
    db.session.expire_all()
    assert [s.id for s in slot_offer.slots] == [booked.id]
    assert db.session.get(Slot, free.id) is None


def test_slot_of_another_offer_is_404(client, login_as, provider, slot_offer, make, db):
    other = make.offer(booking_mode="slots")
    foreign = make.slot(other)
    db.session.commit()
    login_as(provider)
    response = client.post(f"/aanbod/{slot_offer.id}/tijden/{foreign.id}/verwijderen")
    assert response.status_code == 404
    assert db.session.get(Slot, foreign.id) is not None


def test_past_slots_are_hidden_from_teachers(client, login_as, slot_offer, make, db):
    past = make.slot(slot_offer, start=local_now().replace(microsecond=0) - timedelta(days=2))
    future = make.slot(slot_offer, days_ahead=9)
    db.session.commit()
    login_as("teacher")
    html = client.get(offer_url(slot_offer)).get_data(as_text=True)
    from portal.formatting import nldate as _nldate

    with client.application.test_request_context():
        assert _nldate(future.starts_at) in html
        assert _nldate(past.starts_at) not in html
