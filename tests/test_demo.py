"""``seed-demo`` fills an empty portal once; running it again changes nothing."""

from __future__ import annotations

from sqlalchemy import func, select

from portal.models import Municipality, Offer, Organisation, Region, TeacherRequest, User
from portal.models.statuses import TeacherRequestStatus


def counts(db):
    return {
        m.__name__: db.session.scalar(select(func.count()).select_from(m))
        for m in (User, Organisation, Offer, TeacherRequest)
    }


def test_seed_demo_is_idempotent_and_covers_every_role_and_municipality(runner, db):
    result = runner.invoke(args=["seed-demo"])
    assert result.exit_code == 0, result.output
    assert "docent@demo.techniekflevoland.nl" in result.output
    first = counts(db)
    assert runner.invoke(args=["seed-demo"]).exit_code == 0
    assert counts(db) == first
    # Requests: open (with and without answers), booked and closed.
    requests = db.session.scalars(select(TeacherRequest)).all()
    assert {r.status for r in requests} == {
        TeacherRequestStatus.OPEN,
        TeacherRequestStatus.BOOKED,
        TeacherRequestStatus.CLOSED,
    }
    assert any(r.answers and r.status == TeacherRequestStatus.OPEN for r in requests)
    roles = set(db.session.scalars(select(User.role)))
    assert roles == {"teacher", "provider", "coordinator", "admin"}
    # The demo plays in Flevoland; the rest of the landsdeel is reference data without schools.
    flevoland = select(Municipality).join(Region).where(Region.slug == "flevoland")
    for municipality in db.session.scalars(flevoland):
        schools = {
            o.sector
            for o in db.session.scalars(
                select(Organisation).where(
                    Organisation.kind == "school", Organisation.municipality_id == municipality.id
                )
            )
        }
        assert schools == {"po", "vo"}, municipality.name


def test_demo_schools_pass_the_registration_rules():
    from portal.accounts.services import valid_brin
    from portal.demo.accounts import SCHOOLS

    assert all(valid_brin(brin) for _, _, brin, _ in SCHOOLS)
