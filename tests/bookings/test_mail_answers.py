"""Mails that answer the next question (issue 10, item 5): the teacher's receipt says what was
asked and by when the provider answers; the confirmation says where, from when to when, who to
call and what to prepare; the provider's request mail carries the daypart and the notes.

Each test reads the rendered text and HTML, as the teacher or the provider would."""

from __future__ import annotations

import re
from datetime import UTC, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import update

from portal.bookings import deadlines, services
from portal.formatting import nldate, nldatetime
from portal.models import Booking, utcnow
from tests.bookings.conftest import IN_TEN_DAYS, at, outbox

pytestmark = pytest.mark.calendar  # dates relative to today: `make test-calendar`

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
NOTES = "Twee leerlingen in een rolstoel.\nGraag een toilet dichtbij."


def html_text(mail) -> str:
    """The HTML body as a reader sees it: tags out, whitespace folded."""
    body = mail.body_html.split("<body", 1)[1]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", body.split(">", 1)[1]))


@pytest.fixture
def practical(world, make, db):
    """The request offer as a company visit with a contact person and something to prepare."""
    offer = world.request_offer
    offer.kind, offer.address = "company_visit", "Dijkweg 1"
    offer.contact_name, offer.contact_email, offer.contact_phone = (
        "Pieter de Vries",
        "pieter@windpark.example",
        "0320-123456",
    )
    offer.preparation = "Kijk vooraf het filmpje over windenergie.\nNeem stevige schoenen mee."
    offer.terms = [make.term("audience", "po-7-8")]
    db.session.commit()
    return offer


def request(world, make, offer=None):
    later = IN_TEN_DAYS + timedelta(days=3)
    return services.request_booking(
        world.teacher,
        offer or world.request_offer,
        [(IN_TEN_DAYS, None, "morning"), (later, later + timedelta(days=2), "afternoon")],
        24,
        audience=make.term("audience", "po-7-8"),
        group_name="groep 8b",
        notes=NOTES,
    )


def test_the_teacher_gets_a_receipt_of_the_request_with_the_answer_date(world, practical, make, db):
    booking = request(world, make)
    db.session.commit()

    [receipt] = outbox(db, "booking_request_received")
    due = deadlines.answer_due_at(booking)
    assert receipt.recipient == world.teacher.email
    assert receipt.subject == "Aanvraag verstuurd: Bezoek aan het windpark"
    for body in (receipt.body_text, html_text(receipt)):
        assert "Je aanvraag is verstuurd naar Windpark Test BV. Dit heb je gevraagd:" in body
        assert nldate(IN_TEN_DAYS, "EEEE d MMMM y") + " (ochtend)" in body
        assert "(middag)" in body
        assert "po groep 7-8" in body and "24 (groep 8b)" in body
        assert "Twee leerlingen in een rolstoel." in body
        assert f"Windpark Test BV antwoordt uiterlijk op {nldate(due, 'EEEE d MMMM y')}." in body
    assert "Bekijk je aanvraag: http" in receipt.body_text


def test_the_answer_date_is_the_moment_the_expiry_job_gives_up(world, make, app, db, runner):
    booking = services.request_booking(
        world.teacher, world.request_offer, [(IN_TEN_DAYS, None, "morning")], 20
    )
    soon = make.slot(world.slot_offer, capacity=60, days_ahead=3)
    soon_booking = services.book_slot(world.teacher, soon, 10)
    db.session.commit()
    days = app.config["REQUEST_EXPIRE_AFTER_DAYS"]
    # The job counts whole days of elapsed time (UTC); across a DST change the wall clock moves.
    due = (booking.created_at + timedelta(days=days)).replace(tzinfo=UTC).astimezone(AMSTERDAM)
    due = due.replace(tzinfo=None)

    assert deadlines.answer_due_at(booking) == due
    assert deadlines.answer_due_at(soon_booking) == soon.starts_at  # a fixed date that comes sooner
    assert deadlines.answer_due_for_new_request() == due.date()

    # the job gives up exactly then: one second before, the request still waits
    db.session.execute(
        update(Booking)
        .where(Booking.id == booking.id)
        .values(created_at=utcnow() - timedelta(days=days) + timedelta(seconds=60))
    )
    db.session.commit()
    assert "expired_requests: 0" in runner.invoke(args=["bookings", "remind"]).output
    db.session.execute(
        update(Booking).where(Booking.id == booking.id).values(created_at=utcnow() - timedelta(days=days))
    )
    db.session.commit()
    assert "expired_requests: 1" in runner.invoke(args=["bookings", "remind"]).output
    db.session.refresh(booking)
    assert deadlines.answer_due_at(booking) is None  # nothing is due any more


def test_a_slot_bookings_confirmation_is_its_receipt(world, db):
    world.slot_offer.auto_confirm = True
    db.session.commit()

    services.book_slot(world.teacher, world.slot, 10)
    db.session.commit()

    assert [m.template for m in outbox(db) if m.recipient == world.teacher.email] == ["booking_confirmed"]


def test_a_slot_request_gets_a_receipt_too(world, db):
    services.book_slot(world.teacher, world.slot, 10)
    db.session.commit()

    [receipt] = outbox(db, "booking_request_received")
    assert nldatetime(world.slot.starts_at) in receipt.body_text
    assert "antwoordt uiterlijk op" in receipt.body_text


def test_the_providers_request_mail_has_the_daypart_the_notes_and_the_deadline(world, practical, make, db):
    booking = request(world, make)
    db.session.commit()

    [mail] = outbox(db, "booking_requested")
    due = deadlines.answer_due_at(booking)
    for body in (mail.body_text, html_text(mail)):
        assert nldate(IN_TEN_DAYS, "EEEE d MMMM y") + " (ochtend)" in body
        assert "(middag)" in body
        assert "Opmerkingen voor de aanbieder" in body
        assert "Twee leerlingen in een rolstoel." in body and "Graag een toilet dichtbij." in body
        assert f"Beantwoord de aanvraag uiterlijk op {nldatetime(due, 'EEEE d MMMM y, HH:mm')}." in body
    assert "Twee leerlingen in een rolstoel.<br>Graag een toilet dichtbij." in mail.body_html


def test_the_confirmation_has_place_times_contact_and_preparation(world, practical, make, db):
    booking = request(world, make)
    db.session.commit()
    services.confirm(booking, world.provider, at(IN_TEN_DAYS, 9), at(IN_TEN_DAYS, 11, 30))
    db.session.commit()

    [mail] = outbox(db, "booking_confirmed")
    for body in (mail.body_text, html_text(mail)):
        assert nldatetime(at(IN_TEN_DAYS, 9)) + " - 11:30" in body
        assert "Bij Windpark Test BV: Dijkweg 1, Almere" in body
        assert "Contactpersoon" in body and "Pieter de Vries" in body
        assert "pieter@windpark.example" in body and "0320-123456" in body
        assert "Wat de klas voorbereidt" in body and "Kijk vooraf het filmpje over windenergie." in body
    assert 'href="mailto:pieter@windpark.example"' in mail.body_html
    assert "\n\n\n" not in mail.body_text.split("\n-- \n")[0]  # paragraphs, not holes


def test_a_reminder_carries_the_place_not_the_offers_raw_address(world, make, db, app):
    from portal.bookings import jobs

    school = world.school
    school.address, school.postcode = "Schoolstraat 3", "1311 AB"
    guest_lesson = make.offer(world.provider_org, kind="guest_lesson", address="Dijkweg 1, Dronten")
    booking = services.request_booking(world.teacher, guest_lesson, [(IN_TEN_DAYS, None, "morning")], 20)
    db.session.commit()
    services.confirm(booking, world.provider, at(IN_TEN_DAYS, 9), at(IN_TEN_DAYS, 10))
    db.session.commit()

    jobs.send_reminders(30)
    db.session.commit()

    for mail in outbox(db, "booking_reminder"):
        assert "Dronten" not in mail.body_text and "Dronten" not in mail.body_html
        assert "Op school: Basisschool De Test, Schoolstraat 3, 1311 AB Almere" in mail.body_text


ENGLISH = re.compile(
    r"\b(Preferred|Booking|Offer|Pupils|When|Where|School holiday|Level|Notes|Contact|Hello|"
    r"Request|Confirmed|Link for|online meeting|morning|afternoon|whole day)\b"
)


def test_no_english_in_any_booking_mail(world, practical, make, db):
    world.request_offer.location_mode = "online"
    db.session.commit()
    booking = request(world, make)
    db.session.commit()
    services.propose(booking, world.provider, at(IN_TEN_DAYS, 13), at(IN_TEN_DAYS, 14), "Liever middag")
    db.session.commit()
    services.accept_proposal(booking, world.teacher)
    services.set_meeting_link(booking, world.provider, "https://meet.example.org/abc")
    services.cancel(booking, world.teacher, "Zieke klas")
    db.session.commit()

    mails = outbox(db)
    assert {m.template for m in mails} >= {
        "booking_requested",
        "booking_request_received",
        "booking_proposed",
        "booking_confirmed",
        "booking_meeting_link",
        "booking_cancelled",
    }
    for mail in mails:
        assert "\n\n\n" not in mail.body_text.split("\n-- \n")[0], (mail.template, mail.body_text)
        for text in (mail.subject, mail.body_text, html_text(mail)):
            found = ENGLISH.findall(text.replace("https://meet.example.org/abc", ""))
            assert not found, (mail.template, found, text)


def test_only_the_mail_with_the_calendar_file_says_it_removes_the_appointment(booking_in, world, db):
    booking_in("cancelled")  # by the teacher: the teacher gets the CANCEL file, the provider only word

    mails = {m.recipient: m for m in outbox(db, "booking_cancelled")}
    says = "Met het bijgevoegde bestand haal je de afspraak uit je agenda."
    assert says in mails[world.teacher.email].body_text and mails[world.teacher.email].attachments
    assert says not in mails[world.provider.email].body_text and not mails[world.provider.email].attachments
    assert says not in mails[world.provider.email].body_html
    assert "\n\n\n" not in mails[world.provider.email].body_text.split("\n-- \n")[0]
