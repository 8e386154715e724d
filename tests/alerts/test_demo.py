"""The demo teacher has saved searches, and ``alerts send`` runs over the demo data."""

from __future__ import annotations

from sqlalchemy import select

from portal.models import SavedSearch, User
from tests.alerts.conftest import alert_mails


def test_the_demo_teacher_has_saved_searches_that_the_job_can_run(runner, db, later, send):
    assert runner.invoke(args=["seed-demo"]).exit_code == 0
    teacher = db.session.scalar(select(User).where(User.email == "docent@demo.techniekflevoland.nl"))
    names = set(db.session.scalars(select(SavedSearch.name).where(SavedSearch.user_id == teacher.id)))
    assert names == {"Energie en duurzaamheid", "Robots"}
    later(days=1)

    output = send()

    assert "due searches: 1" in output  # the daily one; the weekly one is checked next week
    assert all(m.user_id == teacher.id for m in alert_mails(db))
