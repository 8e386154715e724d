"""The booking form as a teacher meets it (issue 10, items 3 and 6): the button says what
happens ("Aanvragen" for a request, "Boeken" for a booking), the teacher's classes pre-fill
level and group size, the page says by when the provider answers, errors are marked at the
field and named at the top, and the provider's answer forms start from the preferred date."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest

from portal.bookings import deadlines, services
from portal.formatting import nldate, nldatetime
from portal.models import Booking
from tests.bookings.conftest import IN_TEN_DAYS
from tests.clock import TODAY


def button(html: str) -> str:
    [label] = re.findall(r'<button type="submit" class="btn btn-primary">([^<]+)</button>', html)
    return label


@pytest.mark.parametrize(
    ("mode", "auto_confirm", "word"),
    [("request", False, "Aanvragen"), ("slots", False, "Aanvragen"), ("slots", True, "Boeken")],
)
def test_the_button_says_request_or_book(mode, auto_confirm, word, world, make, db, client_for):
    offer = make.offer(world.provider_org, booking_mode=mode, auto_confirm=auto_confirm)
    make.slot(offer)
    db.session.commit()

    html = client_for(world.teacher).get(f"/aanbod/{offer.id}-{offer.slug}").get_data(as_text=True)

    assert button(html) == word
    if word == "Boeken":
        assert "Je boekt een vaste datum: je boeking is meteen bevestigd." in html
    else:
        due = nldate(deadlines.answer_due_for_new_request(), "d MMMM y")
        assert f"De aanbieder antwoordt binnen 10 dagen, uiterlijk op {due}." in html


def test_a_visitor_also_reads_by_when_the_provider_answers(world, client):
    offer = world.request_offer
    html = client.get(f"/aanbod/{offer.id}-{offer.slug}").get_data(as_text=True)
    assert "De aanbieder antwoordt binnen 10 dagen" in html


def test_the_request_page_title_and_heading_say_request(world, client_for, db):
    html = client_for(world.teacher).get(f"/aanbod/{world.request_offer.id}/boeken").get_data(as_text=True)
    assert "<title>Bezoek aan het windpark aanvragen · Techniek Flevoland</title>" in html
    assert '<h1 class="h3">Bezoek aan het windpark aanvragen</h1>' in html


def test_the_booking_page_says_by_when_the_provider_answers_each_side(booking_in, world, client_for):
    booking = booking_in("requested")
    due = deadlines.answer_due_at(booking)

    teacher_view = client_for(world.teacher).get(f"/mijn/boekingen/{booking.id}").get_data(as_text=True)
    provider_view = client_for(world.provider).get(f"/mijn/boekingen/{booking.id}").get_data(as_text=True)

    assert f"De aanbieder antwoordt uiterlijk op {nldate(due, 'EEEE d MMMM y')}." in teacher_view
    assert f"Beantwoord de aanvraag uiterlijk op {nldatetime(due, 'EEEE d MMMM y, HH:mm')}." in provider_view
    assert "<title>Aanvraag: Bezoek aan het windpark" in teacher_view


def test_the_teachers_classes_prefill_level_and_group_size(world, make, db, client_for):
    world.teacher.teaching_levels = ["vmbo-kb", "po-7-8"]
    world.teacher.usual_group_size = 22
    offer = make.offer(world.provider_org, terms=[("audience", "po-5-6"), ("audience", "po-7-8")])
    db.session.commit()

    html = client_for(world.teacher).get(f"/aanbod/{offer.id}/boeken").get_data(as_text=True)

    po78 = make.term("audience", "po-7-8")
    assert re.search(rf'<option selected value="{po78.id}">|<option value="{po78.id}" selected>', html)
    assert re.search(r'name="group_size"[^>]*value="22"|value="22"[^>]*name="group_size"', html)
    assert "Niveau en groepsgrootte komen uit je profiel" in html


def test_no_prefill_where_the_offer_does_not_fit(world, make, db, client_for):
    world.teacher.teaching_levels = ["vmbo-bb"]
    world.teacher.usual_group_size = 40  # more than the offer takes (5-30)
    offer = make.offer(world.provider_org, terms=[("audience", "po-7-8")])
    db.session.commit()

    html = client_for(world.teacher).get(f"/aanbod/{offer.id}/boeken").get_data(as_text=True)

    assert "selected" not in html.split('name="audience"')[1].split("</select>")[0]
    assert re.search(r'name="group_size"[^>]*value="5"|value="5"[^>]*name="group_size"', html)
    assert "komen uit je profiel" not in html


def test_the_teacher_can_change_the_prefilled_values(world, make, db, client_for):
    world.teacher.usual_group_size = 22
    db.session.commit()

    client_for(world.teacher).post(
        f"/aanbod/{world.slot_offer.id}/boeken", data={"slot": world.slot.id, "group_size": 12}
    )

    assert db.session.query(Booking).one().group_size == 12
    assert world.teacher.usual_group_size == 22  # a set value is not overwritten


def test_the_first_booking_remembers_the_group_size(world, db):
    assert world.teacher.usual_group_size is None
    services.book_slot(world.teacher, world.slot, 18)
    db.session.commit()
    db.session.refresh(world.teacher)
    assert world.teacher.usual_group_size == 18


def test_fields_with_errors_are_marked_and_named_at_the_top(world, client_for, db):
    response = client_for(world.teacher).post(
        f"/aanbod/{world.request_offer.id}/boeken",
        data={"preferred-1-date_from": "31-02-2026", "group_size": "veel", "group_name": "3\nKB"},
    )

    html = response.get_data(as_text=True)
    summary = html.split('id="form-errors"')[1].split("</div>")[0]
    assert "Verbeter de gemarkeerde velden hieronder." in summary
    assert '<a href="#group_size" class="alert-link">Aantal leerlingen</a>: Ongeldig getal.' in summary
    assert '<a href="#preferred-1-date_from" class="alert-link">Voorkeursdatum 2 – ' in summary
    assert "Ongeldige datum." in summary  # WTForms' own message, in Dutch too
    assert '<a href="#group_name" class="alert-link">Groep of klas</a>' in summary
    assert "Preferred" not in html and "Not a valid" not in html
    for field in ("group_size", "preferred-1-date_from", "group_name"):
        tag = re.search(rf'<input[^>]*id="{field}"[^>]*>', html).group(0)
        assert "is-invalid" in tag and 'aria-invalid="true"' in tag
        assert f'aria-describedby="{field}-error"' in tag or f"{field}-error" in tag
        assert f'id="{field}-error"' in html


def test_a_missing_preferred_date_is_named_and_linked(world, client_for, db):
    html = (
        client_for(world.teacher)
        .post(f"/aanbod/{world.request_offer.id}/boeken", data={"group_size": 20})
        .get_data(as_text=True)
    )
    summary = html.split('id="form-errors"')[1].split("</div>")[0]
    assert (
        '<a href="#preferred-0-date_from" class="alert-link">Je voorkeursdata</a>: '
        "Geef minstens één voorkeursdatum." in summary
    )
    assert 'id="preferred-error"' in html and 'aria-describedby="preferred-error"' in html


def test_a_missing_date_choice_is_named_and_linked(world, client_for, db):
    html = (
        client_for(world.teacher)
        .post(f"/aanbod/{world.slot_offer.id}/boeken", data={"group_size": 20})
        .get_data(as_text=True)
    )
    summary = html.split('id="form-errors"')[1].split("</div>")[0]
    assert '<a href="#slot" class="alert-link">Datum</a>: Kies een datum.' in summary
    assert '<fieldset class="mb-3" id="slot" tabindex="-1" aria-describedby="slot-error">' in html
    assert re.search(r'<input class="form-check-input is-invalid"[^>]*aria-invalid="true"', html)


def test_confirming_starts_from_the_teachers_first_preferred_date(world, db, client_for):
    later = IN_TEN_DAYS + timedelta(days=7)
    booking = services.request_booking(
        world.teacher, world.request_offer, [(IN_TEN_DAYS, None, "afternoon"), (later, None, "morning")], 20
    )
    db.session.commit()

    html = client_for(world.provider).get(f"/mijn/boekingen/{booking.id}").get_data(as_text=True)

    for prefix in ("bevestigen", "voorstellen"):
        assert re.search(rf'id="{prefix}-day"[^>]*value="{IN_TEN_DAYS.isoformat()}"', html)
        assert re.search(rf'id="{prefix}-start"[^>]*value="13:00"', html)
        assert re.search(rf'id="{prefix}-end"[^>]*value="15:00"', html)
    assert "We hebben de eerste voorkeur van de docent al ingevuld." in html


def test_a_period_that_began_is_prefilled_from_tomorrow(world, db):
    from portal.bookings.forms import DateTimeForm

    booking = services.request_booking(
        world.teacher, world.request_offer, [(IN_TEN_DAYS, IN_TEN_DAYS + timedelta(days=5), "whole_day")], 20
    )
    db.session.commit()
    form = DateTimeForm(formdata=None, meta={"csrf": False})
    form.prefill(booking, IN_TEN_DAYS + timedelta(days=2))
    assert form.day.data == IN_TEN_DAYS + timedelta(days=3)
    assert (form.start.data, form.end.data) == (None, None)  # a whole day: the provider picks
    form.prefill(booking, TODAY)
    assert form.day.data == IN_TEN_DAYS
