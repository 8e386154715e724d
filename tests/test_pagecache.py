"""The page caches never show stale data: an edit shows up on the very next request.

The home page and /aanbod are kept per process for visitors who are not logged in, and the
facet labels for everyone, keyed on the data version (``portal/pagecache.py``). Each test
first loads the page (so it is cached), changes something the way the portal does, and
loads it again.
"""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from sqlalchemy import insert, select, update

from portal import pagecache
from portal.models import DataVersion, Municipality, Slot, Term
from portal.models.statuses import OfferStatus
from tests.clock import AMSTERDAM

pytestmark = pytest.mark.both_databases


@pytest.fixture
def app_config(app_config):
    """Pages are kept at once (the settle time has its own test)."""
    return {**app_config, "PAGE_CACHE_SETTLE_SECONDS": 0}


@pytest.fixture(autouse=True)
def version_row(app, db):
    """PostgreSQL tests empty every table between tests: put the version row back."""
    if db.session.get(DataVersion, 1) is None:
        db.session.execute(insert(DataVersion).values(id=1, version=1))
        db.session.commit()


@pytest.fixture
def robot(make, db):
    offer = make.offer(title="Robots bouwen met Lely", featured=True)
    db.session.commit()
    return offer


def cached_pages(app) -> int:
    return len(app.extensions["portal_pagecache"].pages)


def version(db) -> int:
    db.session.rollback()  # a fresh read
    return db.session.scalar(select(DataVersion.version).where(DataVersion.id == 1))


def test_the_anonymous_home_page_is_served_from_the_cache(app, client, robot):
    first = client.get("/")
    assert "Robots bouwen met Lely" in first.text and cached_pages(app) == 1
    assert client.get("/").text == first.text


def test_an_edited_title_shows_on_the_next_request(client, db, robot):
    assert "Robots bouwen met Lely" in client.get("/").text
    assert "Robots bouwen met Lely" in client.get("/aanbod?q=robots").text
    robot.title = "Lasrobots programmeren"
    db.session.commit()
    assert "Lasrobots programmeren" in client.get("/").text
    found = client.get("/aanbod?q=robots").text
    assert "Lasrobots programmeren" in found and "Robots bouwen met Lely" not in found


def test_an_offer_taken_offline_disappears_at_once(client, db, robot):
    assert "Robots bouwen met Lely" in client.get("/aanbod?q=robots").text
    robot.status = OfferStatus.ARCHIVED
    db.session.commit()
    assert "Robots bouwen met Lely" not in client.get("/aanbod?q=robots").text
    assert "Robots bouwen met Lely" not in client.get("/").text


def test_a_new_date_shows_on_the_card(client, db, make, robot):
    robot.booking_mode = "slots"
    db.session.commit()
    assert "Geen data gepland" in client.get("/").text
    make.slot(robot, days_ahead=20)
    db.session.commit()
    assert "Geen data gepland" not in client.get("/").text


def test_a_full_slot_booked_by_a_plain_update_shows_at_once(client, db, make, robot):
    """Capacity is taken with a Core ``UPDATE`` (no ORM object changes): it still counts."""
    robot.booking_mode = "slots"
    slot = make.slot(robot, days_ahead=20, capacity=10)
    db.session.commit()
    assert "Geen data gepland" not in client.get("/").text
    before = version(db)
    db.session.execute(update(Slot).where(Slot.id == slot.id).values(booked=Slot.capacity))
    db.session.commit()
    assert version(db) > before
    assert "Geen data gepland" in client.get("/").text


def test_a_renamed_term_shows_in_the_filters(client, db, robot):
    term = db.session.scalar(select(Term).where(Term.vocabulary == "theme", Term.code == "ict"))
    robot.terms = [term]
    db.session.commit()
    assert term.label in client.get("/aanbod").text
    term.label = "Programmeren en data"
    db.session.commit()
    assert "Programmeren en data" in client.get("/aanbod").text


def test_a_renamed_municipality_shows_in_the_filters(client, db, make):
    almere = db.session.scalar(select(Municipality).where(Municipality.slug == "almere"))
    make.offer(municipality=almere)
    db.session.commit()
    assert "Almere" in client.get("/aanbod").text
    almere.name = "Almere Poort"
    db.session.commit()
    assert "Almere Poort" in client.get("/aanbod").text


def test_facet_labels_for_logged_in_people_follow_edits_too(client, db, login_as, robot):
    login_as("teacher")
    term = db.session.scalar(select(Term).where(Term.vocabulary == "theme", Term.code == "ict"))
    robot.terms = [term]
    db.session.commit()
    assert term.label in client.get("/aanbod?niveau=alle").text
    term.label = "Digitale techniek"
    db.session.commit()
    assert "Digitale techniek" in client.get("/aanbod?niveau=alle").text


def test_a_rolled_back_change_leaves_the_version(db, robot):
    before = version(db)
    robot.title = "Niet bewaard"
    db.session.flush()
    db.session.rollback()
    assert version(db) == before
    robot.title = "Wel bewaard"
    db.session.commit()
    assert version(db) > before  # the edit, and again once the index took it


def test_writes_that_no_page_shows_leave_the_version(db, robot):
    before = version(db)
    db.session.execute(update(DataVersion).values(version=DataVersion.version))  # the counter itself
    db.session.commit()
    assert version(db) == before


def test_a_logged_in_person_never_gets_the_visitors_page(app, client, login_as, robot):
    anonymous = client.get("/").text
    login_as("teacher", name="Juf Ineke")
    mine = client.get("/").text
    assert "Juf Ineke" in mine and "Juf Ineke" not in anonymous
    assert cached_pages(app) == 1  # only the visitors' page


def test_a_person_who_logs_out_gets_no_personal_page(app, client_for, make, robot):
    teacher = client_for(make.user("teacher", name="Meester Bram"))
    assert "Meester Bram" in teacher.get("/").text
    assert cached_pages(app) == 0
    assert "Meester Bram" not in app.test_client().get("/").text


def test_flashed_messages_show_once_and_are_not_cached(client, robot):
    client.get("/")
    with client.session_transaction() as session:
        session["_flashes"] = [("success", "Je bent uitgelogd.")]
    assert "Je bent uitgelogd." in client.get("/").text
    assert "Je bent uitgelogd." not in client.get("/").text


def test_a_failed_search_is_not_kept(client, monkeypatch, robot):
    from portal.search import service

    def broken(params):
        raise RuntimeError("index on fire")

    monkeypatch.setattr(service, "search", broken)
    assert "Zoeken lukt nu even niet" in client.get("/aanbod?q=robots").text
    monkeypatch.undo()
    page = client.get("/aanbod?q=robots").text
    assert "Zoeken lukt nu even niet" not in page and "Robots bouwen met Lely" in page


def test_the_page_waits_for_the_index_before_it_is_kept(app, client, db, robot, monkeypatch):
    """While an index change waits in the queue, pages are built fresh and not kept."""
    from portal.search import sync

    monkeypatch.setattr(sync, "sync_pending", lambda limit=5000: 0)  # the index is busy
    robot.title = "Lasrobots programmeren"
    db.session.commit()
    client.get("/aanbod?q=robots")
    assert cached_pages(app) == 0
    monkeypatch.undo()
    sync.sync_pending()
    assert "Lasrobots programmeren" in client.get("/aanbod?q=robots").text


def test_dates_that_pass_leave_the_card(client, db, make, robot, time_machine):
    robot.booking_mode = "slots"
    slot = make.slot(robot, days_ahead=1)
    db.session.commit()
    assert "Geen data gepland" not in client.get("/").text
    starts = slot.starts_at.replace(tzinfo=AMSTERDAM)
    time_machine.move_to(starts - timedelta(seconds=30), tick=False)
    assert "Geen data gepland" not in client.get("/").text
    time_machine.move_to(starts + timedelta(seconds=30), tick=False)
    assert "Geen data gepland" in client.get("/").text


def test_each_visitor_gets_their_own_csrf_token(app, robot):
    app.config["WTF_CSRF_ENABLED"] = True
    first, second = app.test_client(), app.test_client()
    token = re.compile(r'name="csrf_token" value="([^"]+)"')
    mine = token.search(first.get("/").text).group(1)
    theirs = token.search(second.get("/").text).group(1)  # served from the cache
    assert mine != theirs
    answer = second.post("/taal/en", data={"csrf_token": theirs, "next": "/"})
    assert answer.status_code == 302


def test_pages_are_kept_only_once_a_change_has_settled(app, client, db, robot, monkeypatch):
    """Search synonyms reach other processes within seconds: until a new version has stood
    that long, pages are built fresh."""
    app.config["PAGE_CACHE_SETTLE_SECONDS"] = 3
    now = [1000.0]
    monkeypatch.setattr(pagecache, "_monotonic", lambda: now[0])
    client.get("/")
    now[0] += 1
    client.get("/")
    assert cached_pages(app) == 0
    now[0] += 2.5
    client.get("/")
    assert cached_pages(app) == 1
    robot.title = "Lasrobots programmeren"
    db.session.commit()
    assert "Lasrobots programmeren" in client.get("/").text
    assert cached_pages(app) == 1  # the old page only: the new version has not settled


def test_the_cache_is_bounded(app, client, robot):
    app.config["PAGE_CACHE_ENTRIES"] = 3
    for n in range(6):
        client.get(f"/aanbod?q=robots&pagina={n + 1}")
    assert cached_pages(app) == 3
