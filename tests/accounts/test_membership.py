"""An organisation chooses who acts for it: requests, approval, refusal, removal, admin right."""

from __future__ import annotations

from flask_migrate import upgrade
from sqlalchemy import select, text

from portal import create_app, pagecache
from portal.extensions import db as _db
from portal.models import User
from tests.conftest import base_config


def _org_with_admin(make, db, kind="company"):
    organisation = make.company(name="Windpark Noord") if kind == "company" else make.school()
    role = "provider" if kind == "company" else "teacher"
    admin = make.user(role, organisation=organisation, is_org_admin=True, name="Ada Admin")
    newcomer = make.user(role, organisation=organisation, membership_status="pending", name="Nico Nieuw")
    db.session.commit()
    return organisation, admin, newcomer


def _members_url(organisation, person=None, action=None):
    base = f"/organisaties/{organisation.id}/leden"
    return base if person is None else f"{base}/{person.id}/{action}"


def test_the_admin_sees_the_request_and_approves_it(make, db, client_for, outbox):
    organisation, admin, newcomer = _org_with_admin(make, db)
    http = client_for(admin)

    page = http.get(_members_url(organisation)).get_data(as_text=True)
    assert "Nico Nieuw" in page and "Goedkeuren" in page
    http.post(_members_url(organisation, newcomer, "goedkeuren"))

    db.session.refresh(newcomer)
    assert newcomer.membership_status == "approved"
    assert [m.recipient for m in outbox("membership_approved")] == [newcomer.email]


def test_a_refusal_detaches_the_person_and_mails_the_reason(make, db, client_for, outbox):
    organisation, admin, newcomer = _org_with_admin(make, db)

    client_for(admin).post(
        _members_url(organisation, newcomer, "weigeren"), data={"reason": "Wij kennen u niet"}
    )

    db.session.refresh(newcomer)
    assert newcomer.organisation_id is None and newcomer.membership_status is None
    mail = outbox("membership_refused")[0]
    assert mail.recipient == newcomer.email and "Wij kennen u niet" in mail.body_text


def test_a_plain_member_or_a_pending_one_cannot_decide(make, db, client_for):
    organisation, _admin, newcomer = _org_with_admin(make, db)
    member = make.user("provider", organisation=organisation)
    db.session.commit()

    for person in (member, newcomer):
        response = client_for(person).post(_members_url(organisation, newcomer, "goedkeuren"))
        assert response.status_code == 403
    assert client_for(newcomer).get(_members_url(organisation)).status_code == 403
    db.session.refresh(newcomer)
    assert newcomer.membership_status == "pending"


def test_the_admin_removes_a_member_and_passes_on_the_admin_right(make, db, client_for, outbox):
    organisation, admin, _newcomer = _org_with_admin(make, db)
    member = make.user("provider", organisation=organisation, name="Mo Medewerker")
    leaver = make.user("provider", organisation=organisation, name="Lies Vertrekt")
    db.session.commit()
    http = client_for(admin)

    http.post(_members_url(organisation, leaver, "verwijderen"))
    http.post(_members_url(organisation, member, "beheerder"))
    http.post(_members_url(organisation, admin, "geen-beheerder"))

    db.session.refresh(leaver), db.session.refresh(member), db.session.refresh(admin)
    assert leaver.organisation_id is None
    assert [m.recipient for m in outbox("membership_removed")] == [leaver.email]
    assert member.is_org_admin and not admin.is_org_admin


def test_the_last_admin_keeps_the_right(make, db, client_for):
    organisation, admin, _ = _org_with_admin(make, db)

    response = client_for(admin).post(
        _members_url(organisation, admin, "geen-beheerder"), follow_redirects=True
    )

    db.session.refresh(admin)
    assert admin.is_org_admin
    assert "minstens één beheerder" in response.get_data(as_text=True)


def test_a_coordinator_decides_only_for_an_organisation_without_admin(make, db, client_for):
    coordinator = make.user("coordinator")  # Flevoland; the factories' organisations are in Almere
    organisation, _admin, newcomer = _org_with_admin(make, db)
    orphan = make.company(name="Zonder Beheerder BV")
    lonely = make.user("provider", organisation=orphan, membership_status="pending")
    outsider = make.user("coordinator", region=make.region("utrecht"))
    db.session.commit()
    http = client_for(coordinator)

    assert http.post(_members_url(organisation, newcomer, "goedkeuren")).status_code == 403
    assert client_for(outsider).post(_members_url(orphan, lonely, "goedkeuren")).status_code == 403
    http.post(_members_url(orphan, lonely, "goedkeuren"))

    db.session.refresh(lonely), db.session.refresh(newcomer)
    assert lonely.membership_status == "approved" and newcomer.membership_status == "pending"


def test_a_request_to_an_organisation_without_admin_goes_to_its_coordinators(
    client, make, db, registration, outbox
):
    coordinator = make.user("coordinator")
    school = make.school(name="OBS Zonder Beheer")
    db.session.commit()

    client.post(
        "/registreren", data=registration(school_mode="existing", school_id=str(school.id), new_name="")
    )

    assert [m.recipient for m in outbox("membership_requested")] == [coordinator.email]


def test_someone_without_an_organisation_asks_to_join_one_later(make, db, client_for, outbox):
    organisation, admin, _ = _org_with_admin(make, db)
    person = make.user("provider", organisation=None)
    db.session.commit()
    http = client_for(person)

    assert "Vraag toegang" in http.get("/mijn/organisatie").get_data(as_text=True)
    http.post("/mijn/organisatie", data={"organisation_id": str(organisation.id)})

    db.session.refresh(person)
    assert person.organisation_id == organisation.id and person.membership_status == "pending"
    assert admin.email in [m.recipient for m in outbox("membership_requested")]
    assert "Wacht op goedkeuring" in http.get("/mijn/organisatie").get_data(as_text=True)


def test_asking_to_join_again_is_refused_and_changes_nothing(make, db, client_for, outbox):
    """A second request (a double click, an old tab) lands back on the page with the reason."""
    organisation, _admin, newcomer = _org_with_admin(make, db)
    other = make.company(name="Ander Bedrijf BV")
    db.session.commit()
    http = client_for(newcomer)

    response = http.post(
        "/mijn/organisatie",
        data={"organisation_id": str(other.id)},
        headers={"Referer": "http://portal.test/mijn/organisatie"},
    )

    assert response.status_code == 303 and response.location == "/mijn/organisatie"
    assert "Je hoort al bij een organisatie" in http.get(response.location).get_data(as_text=True)
    db.session.refresh(newcomer)
    assert newcomer.organisation_id == organisation.id
    assert outbox("membership_requested") == []


def test_the_migration_approves_confirmed_members_and_makes_the_earliest_admin(tmp_path):
    app = create_app(base_config(tmp_path, f"sqlite:///{tmp_path / 'm.sqlite3'}"))
    with app.app_context():
        upgrade(revision="0003_search_postgres")
        session = _db.session
        # rows written at the schema of 0003, before the data version table exists (0013)
        with _db.engine.connect() as conn, pagecache.paused(conn):
            conn.execute(
                text(
                    "INSERT INTO organisation (id, kind, name, verified, created_at) "
                    "VALUES (1, 'company', 'A', false, '2026-01-01')"
                )
            )
            people = [(1, None, True), (2, "2026-01-02", True), (3, "2026-01-03", True)]
            people.append((4, "2026-01-04", False))
            for uid, confirmed, active in people:
                conn.execute(
                    text(
                        "INSERT INTO user (id, email, name, role, organisation_id, login_token, "
                        "confirmed_at, active, created_at, notification_prefs) VALUES (:id, :email, 'U', "
                        "'provider', 1, :token, :confirmed, :active, '2026-01-01', '{}')"
                    ),
                    {
                        "id": uid,
                        "email": f"u{uid}@x.example",
                        "token": f"t{uid}",
                        "confirmed": confirmed,
                        "active": active,
                    },
                )
            conn.commit()
        upgrade()
        rows = session.execute(
            select(User.id, User.membership_status, User.is_org_admin).order_by(User.id)
        ).all()
        _db.engine.dispose()
    assert [tuple(r) for r in rows] == [
        (1, "pending", False),
        (2, "approved", True),
        (3, "approved", False),
        (4, "pending", False),
    ]


def test_the_dashboard_tells_a_pending_member_and_an_admin(make, db, client_for):
    organisation, admin, newcomer = _org_with_admin(make, db)

    waiting = client_for(newcomer).get("/mijn/").get_data(as_text=True)
    assert "Wacht op goedkeuring" in waiting
    asked = client_for(admin).get("/mijn/").get_data(as_text=True)
    assert "1 persoon vraagt om namens Windpark Noord te werken." in asked


def test_a_coordinator_reaches_the_members_page_of_an_organisation_without_admin(make, db, client_for):
    coordinator = make.user("coordinator")
    orphan = make.company(name="Zonder Beheerder BV")
    make.user("provider", organisation=orphan, membership_status="pending")
    db.session.commit()

    page = client_for(coordinator).get(f"/beheer/organisaties/{orphan.id}").get_data(as_text=True)

    assert "1 aanvraag om lid te worden" in page and "Leden beheren" in page
    assert f"/organisaties/{orphan.id}/leden" in page
