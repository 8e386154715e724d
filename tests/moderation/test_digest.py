"""The daily digest: one mail per daily-coordinator per day, only offers in scope."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from portal.models import OutboxMail
from tests.clock import TODAY


def _mails(db, user):
    return db.session.scalars(select(OutboxMail).where(OutboxMail.user_id == user.id)).all()


@pytest.mark.both_databases
def test_digest_lists_waiting_offers_in_scope_and_runs_once_a_day(runner, db, make, submitted, utrecht_offer):
    daily = make.user("coordinator", notification_prefs={"moderation": "daily"})
    each = make.user("coordinator", notification_prefs={"moderation": "each"})
    db.session.commit()
    result = runner.invoke(args=["moderation", "digest", "--date", "2026-05-04"])
    assert result.exit_code == 0, result.output
    mails = _mails(db, daily)
    assert len(mails) == 1
    assert "Robots bouwen in groep 8" in mails[0].body_text
    assert "Bruggen bouwen in Utrecht" not in mails[0].body_text
    assert "wacht op je beoordeling" in mails[0].subject
    assert _mails(db, each) == []
    runner.invoke(args=["moderation", "digest", "--date", "2026-05-04"])
    assert len(_mails(db, daily)) == 1
    runner.invoke(args=["moderation", "digest", "--date", "2026-05-05"])
    assert len(_mails(db, daily)) == 2


def test_no_digest_when_nothing_waits(runner, db, make):
    make.user("coordinator", notification_prefs={"moderation": "daily"})
    db.session.commit()
    assert runner.invoke(args=["moderation", "digest"]).exit_code == 0
    assert db.session.scalar(select(func.count()).select_from(OutboxMail)) == 0


@pytest.mark.calendar
def test_todays_digest_is_for_the_day_in_amsterdam(runner, db, make, submitted):
    daily = make.user("coordinator", notification_prefs={"moderation": "daily"})
    db.session.commit()
    assert runner.invoke(args=["moderation", "digest"]).exit_code == 0
    (mail,) = _mails(db, daily)
    assert mail.dedupe_key.endswith(f":{TODAY.isoformat()}")


def test_digest_links_are_absolute_and_built_without_a_request(runner, db, make, submitted):
    daily = make.user("coordinator", notification_prefs={"moderation": "daily"})
    db.session.commit()
    assert runner.invoke(args=["moderation", "digest"]).exit_code == 0
    (mail,) = _mails(db, daily)
    review = f"http://portal.test/beheer/aanbod/{submitted.id}"
    assert review in mail.body_text and f'href="{review}"' in mail.body_html
    assert 'href="http://portal.test/beheer/"' in mail.body_html
