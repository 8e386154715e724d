"""``alerts send``: what a digest holds, when it is sent, and that it is sent once."""

from __future__ import annotations

import pytest

from portal.models import SavedSearch
from portal.offers import lifecycle
from tests.alerts.conftest import alert_mails


def terms(make, *pairs):
    return [make.term(vocabulary, code) for vocabulary, code in pairs]


@pytest.mark.both_databases
def test_a_digest_lists_the_new_offers_that_match_and_only_those(
    db, make, teacher, saved, publish, later, send
):
    old = publish("Robots bouwen met de klas (al bekend)")
    search = saved(teacher, "q=robots", name="Robots")
    energy = publish("Zonnepanelen op het dak")  # new, but does not match
    robot = publish("Een robot programmeren", summary="Leerlingen programmeren een robotarm.")
    company = make.company(name="Lasbedrijf Urk", municipality=make.municipality("urk"), verified=True)
    second = publish("Robotlassen in de werkplaats", organisation=company)
    later(days=1)

    output = send()

    assert "mails queued: 1" in output
    [mail] = alert_mails(db, teacher)
    assert mail.recipient == teacher.email
    assert mail.subject == "2 nieuwe aanbiedingen voor je zoekopdracht “Robots”"
    for text in (mail.body_text, mail.body_html):
        assert robot.title in text and second.title in text
        assert "Lasbedrijf Urk" in text and "Urk" in text
        assert f"http://portal.test/aanbod/{second.id}-" in text
        assert energy.title not in text and old.title not in text
    # newest first, and a link to the search sorted by date
    assert mail.body_text.index(second.title) < mail.body_text.index(robot.title)
    assert "http://portal.test/aanbod?q=robots&amp;sorteer=nieuw" in mail.body_html
    assert "Hallo Sanne de Vries" in mail.body_text
    db.session.refresh(search)
    assert search.last_sent_at is not None


def test_filters_of_the_saved_search_apply(db, make, teacher, saved, publish, later, send):
    almere, urk = make.municipality("almere"), make.municipality("urk")
    saved(teacher, "thema=energietransitie&gemeente=almere", name="Energie in Almere")
    hit = publish("Windmolens", municipality=almere, terms=terms(make, ("theme", "energietransitie")))
    publish("Windmolens op Urk", municipality=urk, terms=terms(make, ("theme", "energietransitie")))
    publish("Robots in Almere", municipality=almere, terms=terms(make, ("theme", "ict")))
    later(days=1)

    send()

    [mail] = alert_mails(db, teacher)
    assert "Windmolens\n" in mail.body_text and "Urk" not in mail.body_text
    assert "Robots in Almere" not in mail.body_text
    assert mail.subject == "1 nieuwe aanbieding voor je zoekopdracht “Energie in Almere”"
    assert hit.title in mail.body_html


@pytest.mark.both_databases
def test_a_second_run_sends_nothing(db, teacher, saved, publish, later, send):
    saved(teacher, "q=robot")
    publish("Robot bouwen")
    later(days=1)
    send()
    assert len(alert_mails(db)) == 1

    output = send()

    assert "mails queued: 0" in output and len(alert_mails(db)) == 1


def test_nothing_new_sends_nothing_and_the_search_is_checked_all_the_same(
    db, teacher, saved, publish, later, send
):
    search = saved(teacher, "q=robot")
    publish("Zonnepanelen")
    later(days=1)

    send()

    assert alert_mails(db) == []
    db.session.refresh(search)
    assert search.last_sent_at is None and search.checked_until > search.created_at


def test_daily_mails_once_a_day_with_what_is_new_since_the_last_mail(
    db, teacher, saved, publish, later, send
):
    saved(teacher, "q=robot", frequency="daily")
    publish("Robot een")
    later(days=1)
    send()
    publish("Robot twee")  # after this morning's mail
    later(hours=3)
    send()  # the same day: not due again
    assert len(alert_mails(db)) == 1

    later(days=1)
    send()

    first, second = alert_mails(db)
    assert "Robot een" in first.body_text and "Robot twee" not in first.body_text
    assert "Robot twee" in second.body_text and "Robot een" not in second.body_text


def test_weekly_mails_after_seven_days_with_the_whole_week(db, teacher, saved, publish, later, send):
    saved(teacher, "q=robot", frequency="weekly")
    publish("Robot maandag")
    for _day in range(6):
        later(days=1)
        send()
        assert alert_mails(db) == []
        publish(f"Robot dag {_day}")

    later(days=1)
    send()

    [mail] = alert_mails(db)
    assert "Robot maandag" in mail.body_text and "Robot dag 5" in mail.body_text
    assert mail.subject.startswith("7 nieuwe aanbiedingen")


def test_a_republished_offer_counts_as_new(db, make, teacher, saved, publish, later, send):
    offer = publish("Robot terug van weggeweest")
    later(days=1)
    saved(teacher, "q=robot")
    admin = make.user("admin")
    lifecycle.unpublish(offer, admin, "Even offline")
    db.session.commit()
    lifecycle.submit(offer, admin)  # a verified organisation publishes directly
    db.session.commit()
    later(days=1)

    send()

    [mail] = alert_mails(db)
    assert offer.title in mail.body_text


def test_paused_searches_and_inactive_accounts_get_no_mail(db, make, teacher, saved, publish, later, send):
    saved(teacher, "q=robot", paused_at=teacher.created_at)
    gone = make.user("teacher", active=False)
    db.session.commit()
    saved(gone, "q=robot")
    publish("Robot")
    later(days=1)

    send()

    assert alert_mails(db) == []


def test_a_long_digest_lists_ten_and_links_to_the_rest(db, teacher, saved, publish, later, send):
    saved(teacher, "q=robot", name="Robots")
    for n in range(13):
        publish(f"Robot nummer {n}")
    later(days=1)

    send()

    [mail] = alert_mails(db)
    assert mail.subject.startswith("13 nieuwe")
    assert mail.body_text.count("Robot nummer") == 10
    assert "En nog 3:" in mail.body_text


def test_identical_searches_of_different_people_each_get_their_mail(db, make, saved, publish, later, send):
    people = [make.user("teacher") for _ in range(3)]
    db.session.commit()
    for person in people:
        saved(person, "q=robot&niveau=alle" if person is people[0] else "q=robot")
    publish("Robot")
    later(days=1)

    output = send()

    assert "distinct searches run: 1" in output
    assert sorted(m.user_id for m in alert_mails(db)) == sorted(p.id for p in people)


def test_a_deleted_search_mails_nothing(db, teacher, saved, publish, later, send):
    search = saved(teacher, "q=robot")
    publish("Robot")
    db.session.delete(db.session.get(SavedSearch, search.id))
    db.session.commit()
    later(days=1)
    send()
    assert alert_mails(db) == []


def test_each_person_gets_their_own_name_search_name_and_link_escaped_in_html(
    db, make, saved, publish, later, send
):
    ann = make.user("teacher", name="Ann <b>de</b> Wit")
    bob = make.user("teacher", name="Bob & Co")
    db.session.commit()
    saved(ann, "q=robot", name="Robots & <lassen>")
    saved(bob, "q=robot", name="Robots")
    publish("Robot")
    later(days=1)

    send()

    mails = {m.user_id: m for m in alert_mails(db)}
    first, second = mails[ann.id], mails[bob.id]
    assert "Hallo Ann <b>de</b> Wit," in first.body_text and "“Robots & <lassen>”" in first.subject
    assert "Hallo Ann &lt;b&gt;de&lt;/b&gt; Wit," in first.body_html
    assert "Robots &amp; &lt;lassen&gt;" in first.body_html and "<lassen>" not in first.body_html
    assert "Hallo Bob & Co," in second.body_text and "Bob &amp; Co" in second.body_html
    assert first.headers["List-Unsubscribe"] != second.headers["List-Unsubscribe"]
    assert first.headers["List-Unsubscribe"].strip("<>") in first.body_text
    assert first.message_id != second.message_id
