"""Mail per event: who gets it, in Dutch text and HTML, with the .ics where it belongs."""

from __future__ import annotations

import base64
from datetime import timedelta

import pytest

from portal.bookings import services
from portal.formatting import nldate
from tests.bookings.conftest import IN_TEN_DAYS, at, outbox

pytestmark = pytest.mark.calendar  # dates relative to today: `make test-calendar`


def recipients(db, template):
    return sorted(m.recipient for m in outbox(db, template))


def test_request_mails_the_provider(booking_in, world, db):
    booking_in("requested")
    [mail] = outbox(db, "booking_requested")
    assert mail.recipient == world.provider.email
    assert mail.subject == "Nieuwe aanvraag: Bezoek aan het windpark"
    assert "Basisschool De Test wil je aanbod boeken" in mail.body_text
    assert "Beantwoord de aanvraag" in mail.body_html and "/mijn/boekingen/" in mail.body_html


def test_provider_without_staff_gets_mail_at_the_offer_contact(world, db, make):
    lonely_org = make.company(verified=True)
    offer = make.offer(lonely_org, booking_mode="slots", contact_email="info@alleen.example")
    slot = make.slot(offer)
    services.book_slot(world.teacher, slot, 10)
    db.session.commit()
    assert recipients(db, "booking_requested") == ["info@alleen.example"]


def test_confirmation_mails_the_teacher_with_ics(booking_in, world, db):
    booking_in("confirmed", mode="slots")
    [mail] = outbox(db, "booking_confirmed")
    assert mail.recipient == world.teacher.email
    assert mail.subject == "Bevestigd: Windmolens bouwen"
    assert "Je boeking is bevestigd" in mail.body_text and "Je boeking is bevestigd" in mail.body_html
    [attachment] = mail.attachments
    assert attachment["filename"].endswith(".ics")
    assert "method=REQUEST" in attachment["content_type"]
    assert b"METHOD:REQUEST" in base64.b64decode(attachment["data"])


def test_auto_confirm_mails_teacher_and_informs_provider(world, db):
    world.slot_offer.auto_confirm = True
    db.session.commit()
    services.book_slot(world.teacher, world.slot, 10)
    db.session.commit()
    assert recipients(db, "booking_confirmed") == [world.teacher.email]
    assert recipients(db, "booking_new_confirmed") == [world.provider.email]
    assert outbox(db, "booking_requested") == []


def test_informing_mails_respect_preferences_but_action_mails_do_not(world, db):
    world.provider.notification_prefs = {"booking_updates": False, "reminders": False}
    world.slot_offer.auto_confirm = True
    db.session.commit()
    services.book_slot(world.teacher, world.slot, 10)  # informs only: suppressed
    services.request_booking(world.teacher, world.request_offer, [(IN_TEN_DAYS, None, "morning")], 20)
    db.session.commit()
    assert outbox(db, "booking_new_confirmed") == []
    assert recipients(db, "booking_requested") == [world.provider.email]  # must act: sent


def test_proposal_mails_the_teacher(booking_in, world, db):
    booking_in("proposed")
    [mail] = outbox(db, "booking_proposed")
    assert mail.recipient == world.teacher.email
    assert "Andere datum voorgesteld" in mail.subject
    assert "Liever 's middags" in mail.body_text
    assert "13:00" in mail.body_text


def test_proposal_answer_mails_the_provider(booking_in, world, db):
    booking = booking_in("proposed")
    services.accept_proposal(booking, world.teacher)
    db.session.commit()
    [answer] = outbox(db, "booking_proposal_answered")
    assert answer.recipient == world.provider.email
    assert answer.subject.startswith("Nieuwe datum geaccepteerd")
    assert recipients(db, "booking_confirmed") == [world.teacher.email]


def test_decline_mails_the_teacher_with_the_reason(booking_in, world, db):
    booking_in("declined")
    [mail] = outbox(db, "booking_declined")
    assert mail.recipient == world.teacher.email
    assert "Geen tijd" in mail.body_text and "Geen tijd" in mail.body_html


def test_cancellation_by_teacher_mails_provider_and_teacher_gets_ics_cancel(booking_in, world, db):
    booking_in("cancelled")
    mails = outbox(db, "booking_cancelled")
    assert sorted(m.recipient for m in mails) == sorted([world.teacher.email, world.provider.email])
    to_teacher = next(m for m in mails if m.recipient == world.teacher.email)
    assert b"METHOD:CANCEL" in base64.b64decode(to_teacher.attachments[0]["data"])
    to_provider = next(m for m in mails if m.recipient == world.provider.email)
    assert "De school heeft deze boeking geannuleerd" in to_provider.body_text
    assert "Zieke klas" in to_provider.body_text


def test_cancellation_by_provider_mails_the_teacher(booking_in, world, db):
    booking = booking_in("confirmed", mode="slots")
    services.cancel(booking, world.provider, "Storm")
    db.session.commit()
    [mail] = outbox(db, "booking_cancelled")
    assert mail.recipient == world.teacher.email
    assert "De aanbieder heeft deze boeking geannuleerd" in mail.body_text


def test_mail_html_and_text_are_dutch(booking_in, db):
    booking_in("confirmed")
    [mail] = outbox(db, "booking_confirmed")
    assert mail.body_text.startswith("Hallo Sanne Docent,")
    assert "Bekijk de boeking" in mail.body_html
    assert at(IN_TEN_DAYS, 9).strftime("%Y") in mail.body_text


def test_the_new_date_mail_shows_only_the_proposed_date(world, db):
    booking = services.request_booking(
        world.teacher, world.request_offer, [(IN_TEN_DAYS, None, "morning")], 20
    )
    db.session.commit()
    later = IN_TEN_DAYS + timedelta(days=3)
    services.propose(booking, world.provider, at(later, 13), at(later, 15), "Liever later")
    db.session.commit()

    [mail] = outbox(db, "booking_proposed")
    when = next(line for line in mail.body_text.splitlines() if line.startswith("Wanneer:"))
    assert nldate(later, "d MMMM y") in when and "13:00 - 15:00" in when and "voorgesteld" in when
    assert nldate(IN_TEN_DAYS, "d MMMM y") not in when
