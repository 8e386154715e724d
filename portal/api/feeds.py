"""The public feeds of /aanbod: upcoming dates as iCalendar and new offers as Atom

Both take the /aanbod filters (``portal.search.params``, forgiving as the page is) and
show only published offers and what their public page shows.
"""

from __future__ import annotations

from datetime import timedelta
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from feedgen.feed import FeedGenerator
from flask import current_app
from icalendar import Calendar, Event

from portal.models import Offer, Slot, utcnow
from portal.offers.lifecycle import offer_url
from portal.offers.venue import venue

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
UTC = ZoneInfo("UTC")
MAX_DATES = 500
MAX_ENTRIES = 50


def _host() -> str:
    return urlsplit(current_app.config.get("SITE_URL") or "").hostname or "techniekflevoland.nl"


def dates_calendar(slots: list[Slot], name: str) -> bytes:
    """One VEVENT per date (UID ``slot-<id>@<host>``), Europe/Amsterdam with a VTIMEZONE."""
    cal = Calendar()
    cal.add("prodid", f"-//{current_app.config['SITE_NAME']}//Aanbod//NL")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", "Europe/Amsterdam")
    stamp = utcnow().replace(tzinfo=UTC)
    for slot in slots:
        offer = slot.offer
        url = offer_url(offer)
        event = Event()
        event.add("uid", f"slot-{slot.id}@{_host()}")
        event.add("dtstamp", stamp)
        event.add("dtstart", slot.starts_at.replace(tzinfo=AMSTERDAM))
        event.add("dtend", (slot.ends_at or slot.starts_at + timedelta(hours=1)).replace(tzinfo=AMSTERDAM))
        event.add("summary", f"{offer.title} ({offer.organisation.name})")
        event.add("description", f"{offer.summary}\n\n{url}".strip())
        event.add("url", url)
        place = venue(offer)
        if place.location:
            event.add("location", place.location)
        cal.add_component(event)
    cal.add_missing_timezones()
    return cal.to_ical()


def offers_feed(offers: list[Offer], title: str, self_url: str, page_url: str) -> bytes:
    """An Atom feed of offers, newest publication first."""
    feed = FeedGenerator()
    feed.id(self_url)
    feed.title(title)
    feed.link(href=page_url, rel="alternate")
    feed.link(href=self_url, rel="self")
    feed.language("nl")
    feed.author({"name": current_app.config["SITE_NAME"]})
    feed.updated(max((o.published_at or o.updated_at for o in offers), default=utcnow()).replace(tzinfo=UTC))
    for offer in reversed(offers):  # feedgen puts the last added entry first
        url = offer_url(offer)
        entry = feed.add_entry()
        entry.id(url)
        entry.title(offer.title)
        entry.link(href=url)
        entry.summary(offer.summary or offer.title)
        entry.author({"name": offer.organisation.name})
        entry.published((offer.published_at or offer.created_at).replace(tzinfo=UTC))
        entry.updated(offer.updated_at.replace(tzinfo=UTC))
        for term in offer.themes:
            entry.category(term=term.code, label=term.label)
    return feed.atom_str(pretty=True)
