"""After the event: attendance by the provider, feedback by the teacher, the average on the
offer page only from three reviews."""

from __future__ import annotations

import pytest

from portal.bookings import aftercare, services
from portal.models import Attendance, Feedback
from tests.bookings.conftest import move_to_past

pytestmark = pytest.mark.calendar  # dates relative to today: `make test-calendar`


def past_booking(booking_in, db, teacher=None):
    booking = booking_in("confirmed", mode="slots", teacher=teacher)
    move_to_past(db, booking)
    return booking


def test_provider_marks_attendance_after_the_date(booking_in, world, db, client_for):
    booking = past_booking(booking_in, db)
    client = client_for(world.provider)
    client.post(f"/mijn/boekingen/{booking.id}/aanwezigheid", data={"status": "no_show"})
    assert db.session.query(Attendance).filter_by(booking_id=booking.id).one().status == "no_show"
    client.post(f"/mijn/boekingen/{booking.id}/aanwezigheid", data={"status": "took_place", "pupils": 9})
    attendance = db.session.query(Attendance).filter_by(booking_id=booking.id).one()
    db.session.refresh(attendance)
    assert (attendance.status, attendance.pupils) == ("took_place", 9)
    assert attendance.marked_by_id == world.provider.id


def test_attendance_not_before_the_date_and_not_by_the_teacher(booking_in, world, db, client_for):
    booking = booking_in("confirmed", mode="slots")
    with pytest.raises(services.BookingError, match="na de datum"):
        aftercare.mark_attendance(booking, world.provider, "took_place")
    move_to_past(db, booking)
    response = client_for(world.teacher).post(
        f"/mijn/boekingen/{booking.id}/aanwezigheid", data={"status": "took_place"}
    )
    assert response.status_code == 403


def test_teacher_gives_feedback_once_visible_to_provider(booking_in, world, db, client_for):
    booking = past_booking(booking_in, db)
    teacher = client_for(world.teacher)
    teacher.post(f"/mijn/boekingen/{booking.id}/feedback", data={"rating": 4, "text": "Leerzaam!"})
    second = teacher.post(
        f"/mijn/boekingen/{booking.id}/feedback", data={"rating": 1, "text": "x"}, follow_redirects=True
    )
    assert "al feedback gegeven" in second.get_data(as_text=True)
    assert db.session.query(Feedback).filter_by(booking_id=booking.id).one().rating == 4
    html = client_for(world.provider).get(f"/mijn/boekingen/{booking.id}").get_data(as_text=True)
    assert "Leerzaam!" in html and "4 van de 5" in html


def test_feedback_not_before_the_date(booking_in, world):
    with pytest.raises(services.BookingError, match="na de datum"):
        aftercare.give_feedback(booking_in("confirmed"), world.teacher, 5, "")


def test_feedback_visible_to_coordinator(booking_in, world, db, make, client_for):
    booking = past_booking(booking_in, db)
    aftercare.give_feedback(booking, world.teacher, 5, "Top")
    db.session.commit()
    coordinator = make.user("coordinator")
    db.session.commit()
    assert "Top" in client_for(coordinator).get(f"/mijn/boekingen/{booking.id}").get_data(as_text=True)


def test_average_shown_only_from_three_reviews(booking_in, world, db, make, app):
    from flask import render_template

    ratings = [5, 4, 4]
    for i, rating in enumerate(ratings):
        teacher = world.teacher if i == 0 else make.user("teacher")
        booking = past_booking(booking_in, db, teacher=teacher)
        aftercare.give_feedback(booking, teacher, rating, "")
        db.session.commit()
        with app.test_request_context():
            html = render_template("bookings/_offer_booking.html", offer=world.slot_offer, slots=[])
        if i < 2:
            assert aftercare.rating_summary(world.slot_offer.id) is None
            assert "Beoordeeld met" not in html
        else:
            assert aftercare.rating_summary(world.slot_offer.id) == (4.3, 3)
            assert "Beoordeeld met 4,3 van de 5" in html and "3 beoordelingen" in html
