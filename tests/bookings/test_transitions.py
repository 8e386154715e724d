"""Every booking transition, allowed and refused, in the services and through the pages."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from portal.bookings import services
from portal.models import Booking, BookingEvent
from tests.bookings.conftest import IN_TEN_DAYS, at
from tests.clock import TODAY

STATES = ["requested", "proposed", "confirmed", "declined", "cancelled", "completed", "expired"]
ALLOWED = {
    "confirm": {"requested"},
    "propose": {"requested"},
    "decline": {"requested"},
    "accept_proposal": {"proposed"},
    "decline_proposal": {"proposed"},
    "withdraw": {"requested", "proposed"},
    "cancel": {"confirmed"},
    "complete": {"confirmed"},
    "expire": {"requested"},
}
RESULT = {
    "confirm": "confirmed",
    "propose": "proposed",
    "decline": "declined",
    "accept_proposal": "confirmed",
    "decline_proposal": "declined",
    "withdraw": "cancelled",
    "cancel": "cancelled",
    "complete": "completed",
    "expire": "expired",
}


def run(action: str, booking: Booking, world):
    p, t = world.provider, world.teacher
    calls = {
        "confirm": lambda: services.confirm(booking, p, at(IN_TEN_DAYS, 9), at(IN_TEN_DAYS, 10)),
        "propose": lambda: services.propose(booking, p, at(IN_TEN_DAYS, 14), at(IN_TEN_DAYS, 15)),
        "decline": lambda: services.decline(booking, p, "Vol"),
        "accept_proposal": lambda: services.accept_proposal(booking, t),
        "decline_proposal": lambda: services.decline_proposal(booking, t, "Past niet"),
        "withdraw": lambda: services.withdraw(booking, t),
        "cancel": lambda: services.cancel(booking, t, "Ziek"),
        "complete": lambda: services.transition(booking, "complete", None),
        "expire": lambda: services.transition(booking, "expire", None),
    }
    return calls[action]()


def test_the_table_matches_the_services():
    assert {a: set(src) for a, (src, _, _) in services.TRANSITIONS.items()} == ALLOWED
    assert {a: dst for a, (_, dst, _) in services.TRANSITIONS.items()} == RESULT


@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("action", list(ALLOWED))
def test_transition_allowed_or_refused(action, state, booking_in, world, db):
    booking = booking_in(state)
    events_before = len(booking.events)
    if state in ALLOWED[action]:
        run(action, booking, world)
        db.session.commit()
        db.session.refresh(booking)
        assert booking.status == RESULT[action]
        last = booking.events[-1]
        assert (last.from_status, last.to_status) == (state, RESULT[action])
        assert len(booking.events) == events_before + 1
    else:
        with pytest.raises(services.BookingError, match="niet meer|no longer") as refused:
            run(action, booking, world)
        db.session.rollback()
        db.session.refresh(booking)
        assert booking.status == state
        assert len(booking.events) == events_before
        assert refused.value.message


def test_transition_records_who_when_why(booking_in, world, db):
    booking = booking_in("confirmed")
    services.cancel(booking, world.provider, "De monteur is ziek")
    db.session.commit()
    event = db.session.scalars(
        select(BookingEvent).where(BookingEvent.booking_id == booking.id).order_by(BookingEvent.id.desc())
    ).first()
    assert event.actor == world.provider
    assert event.reason == "De monteur is ziek"
    assert event.created_at is not None


@pytest.mark.calendar
def test_a_stale_object_cannot_transition_twice(booking_in, world, db, app):
    """Two people acting at once: the second (on a stale copy) is refused by the database."""
    booking = booking_in("requested")
    with app.app_context():  # a second session, as another request would have
        from portal.extensions import db as other_db

        other = other_db.session.get(Booking, booking.id)
        services.decline(other, other_db.session.merge(world.provider), "Geen plek")
        other_db.session.commit()
        other_db.session.remove()
    assert booking.status == "requested"  # this copy is stale
    with pytest.raises(services.BookingError, match="afgewezen"):
        services.confirm(booking, world.provider, at(IN_TEN_DAYS, 9), at(IN_TEN_DAYS, 10))


@pytest.mark.calendar
def test_confirm_needs_a_preferred_date(booking_in, world):
    booking = booking_in("requested")
    other_day = IN_TEN_DAYS + timedelta(days=1)  # in the future, but not the preferred date
    with pytest.raises(services.BookingError, match="voorkeursdata"):
        services.confirm(booking, world.provider, at(other_day, 9), at(other_day, 10))


@pytest.mark.calendar
def test_a_preferred_date_must_lie_after_today(world):
    """Today is Amsterdam's date, also just after midnight when a UTC server is still on
    yesterday (``make test-calendar`` runs such a day)."""
    for day in (TODAY, TODAY - timedelta(days=1)):
        with pytest.raises(services.BookingError, match="in de toekomst"):
            services.request_booking(world.teacher, world.request_offer, [(day, None, "morning")], 20)


def test_decline_and_cancel_need_a_reason(booking_in, world):
    with pytest.raises(services.BookingError, match="reden"):
        services.decline(booking_in("requested"), world.provider, "  ")


@pytest.mark.calendar
def test_slot_bookings_cannot_get_a_proposal(booking_in, world):
    with pytest.raises(services.BookingError):
        services.propose(
            booking_in("requested", mode="slots"), world.provider, at(IN_TEN_DAYS, 9), at(IN_TEN_DAYS, 10)
        )


def test_double_submit_on_the_page_gives_a_clear_message(booking_in, world, client, login_as):
    booking = booking_in("requested", mode="slots")
    login_as(world.provider)
    url = f"/mijn/boekingen/{booking.id}/bevestigen"
    first = client.post(url)
    assert first.status_code == 303
    second = client.post(url, follow_redirects=True)
    html = second.get_data(as_text=True)
    assert "Dit kan niet meer" in html and "bevestigd" in html


def test_an_answer_refused_on_the_dashboard_lands_on_the_booking_page(
    booking_in, world, client, login_as, db
):
    booking = booking_in("requested", mode="slots")
    login_as(world.provider)
    url = f"/mijn/boekingen/{booking.id}/bevestigen"
    assert client.post(url, headers={"Referer": "http://localhost/mijn/"}).status_code == 303
    second = client.post(url, headers={"Referer": "http://localhost/mijn/"})
    assert second.status_code == 303
    assert second.headers["Location"].endswith(f"/mijn/boekingen/{booking.id}")
    db.session.refresh(booking)
    assert booking.status == "confirmed" and len(booking.events) == 2


@pytest.mark.calendar
def test_the_booking_page_shows_the_timeline(booking_in, world, client, login_as):
    booking = booking_in("cancelled", mode="slots")
    login_as(world.teacher)
    html = client.get(f"/mijn/boekingen/{booking.id}").get_data(as_text=True)
    timeline = html.split('id="tijdlijn"')[1]
    for text in ("wacht op antwoord", "bevestigd", "geannuleerd", "Zieke klas", world.provider.name):
        assert text in timeline


def test_actions_shown_match_the_side(booking_in, world, client_for):
    booking = booking_in("requested", mode="slots")
    html = client_for(world.teacher).get(f"/mijn/boekingen/{booking.id}").get_data(as_text=True)
    assert "/intrekken" in html and "/bevestigen" not in html
    html = client_for(world.provider).get(f"/mijn/boekingen/{booking.id}").get_data(as_text=True)
    assert "/bevestigen" in html and "/afwijzen" in html and "/intrekken" not in html
    assert "/voorstellen" not in html  # a fixed date gets no other date


def test_teacher_cannot_confirm_own_request(booking_in, world, client, login_as):
    booking = booking_in("requested", mode="slots")
    login_as(world.teacher)
    assert client.post(f"/mijn/boekingen/{booking.id}/bevestigen").status_code == 403


@pytest.mark.calendar
def test_request_mode_page_flow(booking_in, world, client_for, db):
    booking = booking_in("requested")
    response = client_for(world.provider).post(
        f"/mijn/boekingen/{booking.id}/voorstellen",
        data={
            "voorstellen-day": IN_TEN_DAYS.isoformat(),
            "voorstellen-start": "13:00",
            "voorstellen-end": "14:30",
            "voorstellen-message": "Middag?",
        },
    )
    assert response.status_code == 303
    client_for(world.teacher).post(f"/mijn/boekingen/{booking.id}/voorstel-accepteren")
    db.session.refresh(booking)
    assert booking.status == "confirmed"
    assert booking.starts_at == at(IN_TEN_DAYS, 13)


def test_invalid_answer_form_shows_errors(booking_in, world, client, login_as):
    booking = booking_in("requested", mode="slots")
    login_as(world.provider)
    response = client.post(f"/mijn/boekingen/{booking.id}/afwijzen", data={"afwijzen-reason": ""})
    assert response.status_code == 400
    assert "Geef een reden" in response.get_data(as_text=True)
