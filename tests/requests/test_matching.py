"""Which providers hear of a request: theme, level and served area match, each provider's
own choice (at once, daily digest, off) decides how, and nobody hears of a request twice."""

from __future__ import annotations

from sqlalchemy import func, select

from portal.models import MailFrequency, OutboxMail, RequestNotice, RequestPreference
from portal.models.statuses import TeacherRequestStatus
from portal.requests import matching, notify


def _mailed(db, template="request_new"):
    return sorted(db.session.scalars(select(OutboxMail.recipient).where(OutboxMail.template == template)))


def test_a_request_reaches_providers_that_serve_the_place_and_share_theme_and_level(world, post, db):
    request = post()
    assert request.status == TeacherRequestStatus.OPEN
    assert matching.matching_offer_organisations(request) == {world.near.id, world.online.id}
    assert _mailed(db) == sorted([world.near_staff.email, world.online_staff.email])


def test_an_online_request_reaches_only_providers_that_teach_online(world, post, make):
    request = post(municipality_id=None, online=True)
    assert matching.matching_offer_organisations(request) == {world.online.id}


def test_a_request_without_a_theme_reaches_every_level_match_nearby(world, post):
    request = post(theme=None)
    assert matching.matching_offer_organisations(request) == {
        world.near.id,
        world.online.id,
        world.other_theme.id,
    }


def test_off_hears_nothing_and_a_theme_list_narrows(world, post, db, make):
    db.session.get(RequestPreference, world.online.id).frequency = MailFrequency.OFF
    db.session.get(RequestPreference, world.near.id).theme_ids = [make.term("theme", "ict").id]
    db.session.commit()
    request = post()
    assert matching.matching_providers(request) == {}
    assert _mailed(db) == []


def test_without_a_preference_a_provider_gets_the_daily_digest_once(world, post, db, runner):
    db.session.delete(db.session.get(RequestPreference, world.near.id))
    db.session.commit()
    post(title="Eerste vraag")
    post(title="Tweede vraag")
    assert world.near_staff.email not in _mailed(db)
    result = runner.invoke(args=["requests", "digest"])
    assert result.exit_code == 0, result.output
    digests = db.session.scalars(select(OutboxMail).where(OutboxMail.template == "request_digest")).all()
    assert [d.recipient for d in digests] == [world.near_staff.email]
    assert "Eerste vraag" in digests[0].body_text and "Tweede vraag" in digests[0].body_text
    again = runner.invoke(args=["requests", "digest"])
    assert "digests: 0" in again.output
    assert (
        db.session.scalar(select(func.count(OutboxMail.id)).where(OutboxMail.template == "request_digest"))
        == 1
    )


def test_announcing_twice_tells_nobody_twice(world, post, db):
    request = post()
    before = db.session.scalar(select(func.count(OutboxMail.id)))
    assert notify.announce(request) == 0
    db.session.commit()
    assert db.session.scalar(select(func.count(OutboxMail.id))) == before
    assert db.session.scalar(select(func.count(RequestNotice.id))) == 2


def test_a_teacher_of_an_unverified_school_waits_for_review_and_nobody_is_told_before(
    world, post, make, db, client_for
):
    school = make.school(verified=False, municipality_slug="lelystad")
    teacher = make.user("teacher", organisation=school)
    request = post(teacher=teacher)
    assert request.status == TeacherRequestStatus.SUBMITTED
    assert _mailed(db) == []
    coordinator = make.user("coordinator")
    staff = client_for(coordinator)
    assert request.title in staff.get("/beheer/vragen").get_data(as_text=True)
    assert staff.post(f"/beheer/vragen/{request.id}/goedkeuren").status_code == 303
    db.session.expire_all()
    assert request.status == TeacherRequestStatus.OPEN
    assert _mailed(db) == sorted([world.near_staff.email, world.online_staff.email])
    assert _mailed(db, "request_moderated") == [teacher.email]
