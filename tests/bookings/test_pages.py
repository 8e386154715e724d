"""Booking through the pages: the offer-page partial, slot and request forms, the "vol"
message, dashboards with their actions and the navigation badge; the AVG export."""

from __future__ import annotations

from datetime import timedelta

import pytest
from flask import render_template

from portal.models import Booking, Slot
from tests.bookings.conftest import IN_TEN_DAYS


def partial(app, offer, slots, user=None):
    from flask_login import login_user, logout_user

    with app.test_request_context():
        if user is not None:
            login_user(user)
        html = render_template("bookings/_offer_booking.html", offer=offer, slots=slots)
        logout_user()
    return html


def test_offer_partial_per_visitor(app, world, make, db):
    slots = [world.slot]
    assert "loggen in om dit aanbod te boeken" in partial(app, world.slot_offer, slots)
    assert "Alleen docenten van een school" in partial(app, world.slot_offer, slots, world.provider)
    unconfirmed = make.user("teacher", confirmed=False)
    db.session.commit()
    assert "Bevestig eerst je e-mailadres" in partial(app, world.slot_offer, slots, unconfirmed)
    html = partial(app, world.slot_offer, slots, world.teacher)
    assert f'action="/aanbod/{world.slot_offer.id}/boeken"' in html
    assert f'value="{world.slot.id}"' in html and "nog 60 plekken" in html
    html = partial(app, world.request_offer, [], world.teacher)
    assert "Je voorkeursdata" in html and 'name="preferred-0-date_from"' in html


def test_full_slot_shows_waitlist_form(app, world, make, db):
    full = make.slot(world.slot_offer, capacity=5, booked=5, days_ahead=30)
    db.session.commit()
    html = partial(app, world.slot_offer, [world.slot, full], world.teacher)
    assert f"/aanbod/tijdslot/{full.id}/wachtlijst" in html and "(vol)" in html


@pytest.mark.calendar
def test_teacher_books_a_slot_through_the_page(world, client_for, db):
    client = client_for(world.teacher)
    assert client.get(f"/aanbod/{world.slot_offer.id}/boeken").status_code == 200
    response = client.post(
        f"/aanbod/{world.slot_offer.id}/boeken",
        data={"slot": world.slot.id, "group_size": 24, "group_name": "groep 7b", "notes": "Twee rolstoelen"},
        follow_redirects=True,
    )
    html = response.get_data(as_text=True)
    assert "Je aanvraag is naar de aanbieder gestuurd" in html
    booking = db.session.query(Booking).one()
    assert (booking.group_size, booking.group_name, booking.status) == (24, "groep 7b", "requested")
    assert db.session.get(Slot, world.slot.id).booked == 24


def test_full_slot_through_the_page_says_vol(world, client_for, make, db):
    small = make.slot(world.slot_offer, capacity=10, booked=8, days_ahead=25)
    db.session.commit()
    response = client_for(world.teacher).post(
        f"/aanbod/{world.slot_offer.id}/boeken",
        data={"slot": small.id, "group_size": 5},
        follow_redirects=True,
    )
    assert "deze datum is vol" in response.get_data(as_text=True)
    assert db.session.get(Slot, small.id).booked == 8


def test_group_size_outside_limits_is_refused_on_the_page(world, client_for, db):
    response = client_for(world.teacher).post(
        f"/aanbod/{world.slot_offer.id}/boeken", data={"slot": world.slot.id, "group_size": 2}
    )
    assert "tussen 5 en 30" in response.get_data(as_text=True)
    assert db.session.query(Booking).count() == 0


@pytest.mark.calendar
def test_teacher_requests_dates_through_the_page(world, client_for, db):
    second = IN_TEN_DAYS + timedelta(days=7)
    response = client_for(world.teacher).post(
        f"/aanbod/{world.request_offer.id}/boeken",
        data={
            "preferred-0-date_from": IN_TEN_DAYS.isoformat(),
            "preferred-0-daypart": "morning",
            "preferred-1-date_from": second.isoformat(),
            "preferred-1-date_to": (second + timedelta(days=4)).isoformat(),
            "preferred-1-daypart": "afternoon",
            "preferred-2-daypart": "whole_day",
            "group_size": 20,
        },
    )
    assert response.status_code == 302
    booking = db.session.query(Booking).one()
    assert [(p.date_from, p.date_to, p.daypart) for p in booking.preferred_dates] == [
        (IN_TEN_DAYS, None, "morning"),
        (second, second + timedelta(days=4), "afternoon"),
    ]


@pytest.mark.calendar
def test_request_without_dates_is_refused(world, client_for, db):
    response = client_for(world.teacher).post(
        f"/aanbod/{world.request_offer.id}/boeken", data={"group_size": 20}
    )
    assert "minstens één voorkeursdatum" in response.get_data(as_text=True)


def test_provider_dashboard_puts_requests_first_with_badge(booking_in, world, client_for):
    booking = booking_in("requested", mode="slots")
    booking_in("confirmed")
    html = client_for(world.provider).get("/mijn/").get_data(as_text=True)
    assert "Aanvragen die op jouw antwoord wachten" in html
    assert html.index("Aanvragen die op jouw antwoord") < html.index("Komende bezoeken")
    assert f"/mijn/boekingen/{booking.id}/bevestigen" in html  # act right there
    assert 'badge rounded-pill text-bg-warning">1<' in html  # navigation badge


def test_teacher_dashboard_sections(booking_in, world, client_for):
    proposed = booking_in("proposed")
    html = client_for(world.teacher).get("/mijn/").get_data(as_text=True)
    assert "Komende boekingen" in html and "Wacht op antwoord" in html
    assert f"/mijn/boekingen/{proposed.id}/voorstel-accepteren" in html
    assert "badge rounded-pill text-bg-warning" not in html


def test_avg_export_contains_the_bookings(booking_in, world):
    from portal.accounts.export import export_user_data

    booking_in("confirmed")
    data = export_user_data(world.teacher)
    assert data["bookings"]["bookings"][0]["offer"] == "Bezoek aan het windpark"
    assert data["bookings"]["bookings"][0]["preferred_dates"][0]["daypart"] == "morning"


def test_the_offer_page_includes_the_booking_form(world, client_for, client):
    path = f"/aanbod/{world.slot_offer.id}-{world.slot_offer.slug}"
    html = client_for(world.teacher).get(path).get_data(as_text=True)
    assert f'action="/aanbod/{world.slot_offer.id}/boeken"' in html
    assert "loggen in om dit aanbod te boeken" in client.get(path).get_data(as_text=True)


def test_an_unconfirmed_teacher_is_told_to_confirm_first(world, make, client_for):
    newcomer = make.user("teacher", organisation=world.school, confirmed=False)
    client = client_for(newcomer)
    response = client.get(f"/aanbod/{world.slot_offer.id}/boeken", follow_redirects=True)
    assert "Bevestig eerst je e-mailadres" in response.get_data(as_text=True)
