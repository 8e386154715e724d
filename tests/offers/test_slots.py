"""Slots: one date, a weekly series, capacity never below booked, removing free slots,
past slots hidden from teachers."""
from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest

from portal.models import Slot
from portal.offers import slots
from portal.offers.lifecycle import OfferError
from tests.offers.conftest import offer_url


@pytest.fixture
def slot_offer(make, provider, db):
    offer = make.offer(organisation=provider.organisation, status="published", booking_mode="slots")
    db.session.commit()
    return offer


def test_weekly_series_creates_one_slot_per_weekday(client, login_as, provider, slot_offer, db):
    login_as(provider)
    response = client.post(f"/aanbod/{slot_offer.id}/tijden/reeks", data={
        "series-first_day": "2031-03-01", "series-last_day": "2031-03-31", "series-weekday": "2",
        "series-start_time": "09:00", "series-end_time": "11:30", "series-capacity": "25"})
    assert response.status_code == 302
    db.session.expire_all()
    starts = [s.starts_at for s in slot_offer.slots]
    assert starts == [datetime(2031, 3, d, 9, 0) for d in (5, 12, 19, 26)]  # Wednesdays
    assert all(s.ends_at.time() == time(11, 30) and s.capacity == 25 for s in slot_offer.slots)
    # The same series again adds nothing twice.
    assert slots.add_series(slot_offer, date(2031, 3, 1), date(2031, 4, 9), 2, time(9), time(11, 30), 25) == 2


def test_series_refuses_reversed_dates_and_times(slot_offer):
    with pytest.raises(OfferError):
        slots.add_series(slot_offer, date(2031, 3, 31), date(2031, 3, 1), 2, time(9), time(11), 5)
    with pytest.raises(OfferError):
        slots.add_series(slot_offer, date(2031, 3, 1), date(2031, 3, 31), 2, time(11), time(9), 5)
    with pytest.raises(OfferError):
        slots.add_series(slot_offer, date(2031, 1, 1), date(2033, 1, 1), 2, time(9), time(11), 5)


def test_add_one_slot_and_refuse_the_past(client, login_as, provider, slot_offer, db):
    login_as(provider)
    ok = client.post(f"/aanbod/{slot_offer.id}/tijden", data={
        "one-day": "2031-05-06", "one-start_time": "13:00", "one-end_time": "15:00", "one-capacity": "12"})
    assert ok.status_code == 302
    past = client.post(f"/aanbod/{slot_offer.id}/tijden", data={
        "one-day": "2020-05-06", "one-start_time": "13:00", "one-end_time": "15:00", "one-capacity": "12"})
    assert past.status_code == 400 and "in de toekomst" in past.get_data(as_text=True)
    db.session.expire_all()
    assert [s.starts_at for s in slot_offer.slots] == [datetime(2031, 5, 6, 13, 0)]


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
    past = make.slot(slot_offer, start=datetime.now().replace(microsecond=0) - timedelta(days=2))
    future = make.slot(slot_offer, days_ahead=9)
    db.session.commit()
    login_as("teacher")
    html = client.get(offer_url(slot_offer)).get_data(as_text=True)
    from portal.templating import _nldate

    with client.application.test_request_context():
        assert _nldate(future.starts_at) in html
        assert _nldate(past.starts_at) not in html
