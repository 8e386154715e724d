"""/aanbod.ics (upcoming dates of published offers) and /aanbod.atom (new offers): both parse,
take the /aanbod filters and show nothing unpublished."""

from __future__ import annotations

import feedparser
from icalendar import Calendar

from tests.api.conftest import school_day


def events(client, query: str = "") -> list:
    response = client.get("/aanbod.ics" + query)
    assert response.status_code == 200 and response.mimetype == "text/calendar"
    return list(Calendar.from_ical(response.get_data()).walk("VEVENT"))


def test_ics_lists_upcoming_dates_of_published_offers_only(client, world, make, db):
    lassen = world.published[1]
    make.slot(lassen, capacity=8, start=school_day(-3))  # past: not listed
    db.session.commit()
    found = events(client)
    assert len(found) == 2  # the two future dates; not the draft's date
    assert all(str(e["summary"]).startswith("Lassen voor beginners") for e in found)
    assert [e.decoded("dtstart").date() for e in found] == sorted(e.decoded("dtstart").date() for e in found)
    assert str(found[0]["dtstart"].params["TZID"]) == "Europe/Amsterdam"
    assert str(found[0]["url"]).endswith(f"/aanbod/{lassen.id}-{lassen.slug}")
    assert len({str(e["uid"]) for e in found}) == 2
    body = client.get("/aanbod.ics").get_data(as_text=True)
    assert "Geheim" not in body and "karel@" not in body.lower() and "Pieter" not in body


def test_ics_takes_the_aanbod_filters(client, world, make, db):
    robots = world.published[0]
    robots.booking_mode = "slots"
    make.slot(robots, capacity=20, days_ahead=5)
    db.session.commit()
    assert len(events(client)) == 3
    assert len(events(client, "?thema=productie-robotica")) == 1
    assert len(events(client, "?doelgroep=vmbo-bb")) == 2
    assert len(events(client, "?q=lassen")) == 2
    # gemeente= is where an offer serves: the visit in Lelystad is a class trip from Dronten
    # (17 km), neither it nor the guest lesson from Almere reaches Den Helder.
    assert len(events(client, "?gemeente=dronten")) == 2
    assert len(events(client, "?gemeente=den-helder")) == 0
    assert len(events(client, "?thema=bestaat-niet")) == 3  # forgiving like the page: unknown is left out


def test_atom_feed_parses_and_lists_new_published_offers(client, world):
    response = client.get("/aanbod.atom")
    assert response.status_code == 200 and response.mimetype == "application/atom+xml"
    feed = feedparser.parse(response.get_data())
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    titles = [e.title for e in feed.entries]
    assert sorted(titles) == sorted(o.title for o in world.published)
    assert all(e.link.startswith("http://portal.test/aanbod/") for e in feed.entries)
    themed = feedparser.parse(client.get("/aanbod.atom?thema=bouw").get_data())
    assert [e.title for e in themed.entries] == ["Lassen voor beginners"]
    assert "Geheim" not in response.get_data(as_text=True)


def test_atom_feed_newest_first(client, world, db):
    from datetime import timedelta

    for n, offer in enumerate(world.published):
        offer.published_at = offer.published_at - timedelta(days=10 - n)
    db.session.commit()
    feed = feedparser.parse(client.get("/aanbod.atom").get_data())
    assert [e.title for e in feed.entries] == [o.title for o in reversed(world.published)]


def test_aanbod_page_links_to_both_feeds(client, world):
    html = client.get("/aanbod?thema=bouw").get_data(as_text=True)
    assert 'rel="alternate" type="text/calendar"' in html and "/aanbod.ics?thema=bouw" in html
    assert 'rel="alternate" type="application/atom+xml"' in html and "/aanbod.atom?thema=bouw" in html
