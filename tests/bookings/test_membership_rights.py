"""Organisation rights come from an approved membership only, and a booking is its teacher's.

Each test is one of the leaks found when the portal was tried as an attacker: someone who
picked an existing company or school at sign-up (a *pending* member) must see and do nothing
of that organisation, and a colleague at the same school may read a booking but not act on it.
"""

from __future__ import annotations

import re
from pathlib import Path

from portal.bookings import feed, services
from portal.models import Booking
from tests.bookings.conftest import IN_TEN_DAYS, move_to_past, outbox


def _pending(make, db, role, organisation):
    user = make.user(role, organisation=organisation, membership_status="pending")
    db.session.commit()
    return user


def test_a_pending_provider_sees_no_bookings_of_the_company(world, booking_in, make, db, client_for):
    booking_in("requested", mode="slots")
    pending = _pending(make, db, "provider", world.provider_org)
    http = client_for(pending)

    html = http.get("/mijn/boekingen").get_data(as_text=True)
    assert world.teacher.name not in html and world.school.name not in html
    dashboard = http.get("/mijn/").get_data(as_text=True)
    assert world.teacher.name not in dashboard
    booking = booking_in("requested")
    assert http.get(f"/mijn/boekingen/{booking.id}").status_code == 403


def test_a_pending_provider_gets_no_booking_mail(world, make, db):
    pending = _pending(make, db, "provider", world.provider_org)

    services.book_slot(world.teacher, world.slot, 10)
    db.session.commit()

    recipients = {m.recipient for m in outbox(db, "booking_new_confirmed")} | {
        m.recipient for m in outbox(db, "booking_requested")
    }
    assert world.provider.email in recipients
    assert pending.email not in recipients


def test_a_pending_providers_calendar_feed_carries_nothing(world, booking_in, make, db, client_for):
    booking_in("confirmed", mode="slots")
    pending = _pending(make, db, "provider", world.provider_org)
    client_for(pending).post("/mijn/agenda")
    db.session.refresh(pending)

    assert feed.feed_bookings(pending) == []
    body = client_for(pending).get(f"/agenda/{pending.calendar_token}.ics").get_data(as_text=True)
    assert world.teacher.email not in body and "VEVENT" not in body
    assert feed.feed_bookings(world.provider)  # the approved colleague's feed does carry it


def test_a_pending_provider_cannot_touch_the_companys_offers(world, make, db, client_for):
    pending = _pending(make, db, "provider", world.provider_org)
    http = client_for(pending)
    offer = world.slot_offer

    assert http.get(f"/aanbod/{offer.id}/bewerken").status_code == 403
    response = http.post(f"/aanbod/{offer.id}/bewerken", data={"title": "Overgenomen"})
    assert response.status_code == 403
    assert http.get("/mijn/aanbod").status_code == 403
    db.session.refresh(offer)
    assert offer.title == "Windmolens bouwen"


def test_a_pending_teacher_cannot_book_or_withdraw_a_colleagues_booking(
    world, booking_in, make, db, client_for
):
    booking = booking_in("requested")
    pending = _pending(make, db, "teacher", world.school)
    http = client_for(pending)

    response = http.post(f"/mijn/boekingen/{booking.id}/intrekken", data={"intrekken-reason": "weg"})
    assert response.status_code == 403
    assert db.session.get(Booking, booking.id).status == "requested"
    assert not services.permissions.can_book(pending, world.slot_offer)


def test_a_colleague_reads_but_cannot_withdraw_or_cancel(world, booking_in, make, db, client_for):
    requested = booking_in("requested")
    colleague = make.user("teacher", organisation=world.school)
    db.session.commit()
    http = client_for(colleague)

    assert http.get(f"/mijn/boekingen/{requested.id}").status_code == 200
    response = http.post(f"/mijn/boekingen/{requested.id}/intrekken", data={"intrekken-reason": "x"})
    assert response.status_code == 403
    assert db.session.get(Booking, requested.id).status == "requested"
    page = http.get(f"/mijn/boekingen/{requested.id}").get_data(as_text=True)
    assert f"/mijn/boekingen/{requested.id}/intrekken" not in page


def test_the_schools_admin_may_cancel_a_colleagues_booking(world, booking_in, make, db, client_for):
    confirmed = booking_in("confirmed", mode="slots")
    admin = make.user("teacher", organisation=world.school, is_org_admin=True)
    db.session.commit()

    client_for(admin).post(
        f"/mijn/boekingen/{confirmed.id}/annuleren", data={"annuleren-reason": "Schoolreis verplaatst"}
    )

    assert db.session.get(Booking, confirmed.id).status == "cancelled"


def test_feedback_is_written_only_by_the_booker(world, booking_in, make, db, client_for):
    booking = booking_in("confirmed", mode="slots")
    move_to_past(db, booking)
    admin = make.user("teacher", organisation=world.school, is_org_admin=True)
    db.session.commit()

    response = client_for(admin).post(
        f"/mijn/boekingen/{booking.id}/feedback", data={"rating": "1", "text": "namens collega"}
    )
    assert response.status_code == 403
    client_for(world.teacher).post(
        f"/mijn/boekingen/{booking.id}/feedback", data={"rating": "5", "text": "Top"}
    )
    db.session.refresh(booking)
    assert booking.feedback is not None and booking.feedback.author_id == world.teacher.id
    assert booking.feedback.rating == 5


def test_an_approved_member_has_the_rights_a_pending_one_lacks(world, make, db):
    member = _pending(make, db, "teacher", world.school)
    assert not services.permissions.can_book(member, world.slot_offer)
    member.membership_status = "approved"
    db.session.commit()
    assert services.permissions.can_book(member, world.slot_offer)
    booking = services.request_booking(member, world.request_offer, [(IN_TEN_DAYS, None, "morning")], 20)
    assert booking.school_id == world.school.id


# Every place that grants an organisation's rights asks permissions.acting_organisation_id.
ALLOWED = {
    "permissions.py",  # the rule itself
    "accounts/membership.py",
    "accounts/services.py",
    "accounts/cli.py",  # set the membership
    "accounts/views_members.py",
    "accounts/export.py",  # the person's own data
    "accounts/dashboard.py",
    "models/accounts.py",
}
USER_ORG = re.compile(
    r"\b(user|current_user|teacher|provider|member|actor|person)\."
    r"organisation(_id)?\b(?!\s*=[^=])"
)


def test_no_module_reads_a_users_organisation_around_the_permission_rule():
    root = Path(__file__).resolve().parents[2] / "portal"
    offenders = []
    for path in root.rglob("*.py"):
        relative = path.relative_to(root).as_posix()
        if relative in ALLOWED or relative.startswith("demo/"):
            continue
        for number, line in enumerate(path.read_text().splitlines(), 1):
            if USER_ORG.search(line):
                offenders.append(f"{relative}:{number}: {line.strip()}")
    assert offenders == []
