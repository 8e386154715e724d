"""iCalendar files for bookings: the mail attachment and the private calendar feed.

- UID is stable per booking (``booking-<id>@<host>``), so a calendar updates its entry;
- SEQUENCE is the booking's ``sequence``, raised on every change;
- METHOD:REQUEST on confirmation, METHOD:CANCEL (STATUS:CANCELLED) on cancellation;
- times are Europe/Amsterdam wall clock with TZID and a VTIMEZONE, as Outlook, Google
  and Apple Calendar expect.
"""

from __future__ import annotations

from datetime import timedelta
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from flask import current_app
from flask_babel import gettext as _
from icalendar import Calendar, Event, vCalAddress, vText

from portal.models import Booking, utcnow
from portal.models.statuses import BookingStatus
from portal.offers.venue import Venue, booking_venue

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def calendar_method(booking: Booking) -> str | None:
    """The METHOD of the booking's .ics file: REQUEST once agreed, CANCEL once cancelled,
    None while there is no date to put in a calendar."""
    if booking.starts_at is None:
        return None
    if booking.is_agreed:
        return "REQUEST"
    return "CANCEL" if booking.status == BookingStatus.CANCELLED else None


def booking_uid(booking: Booking) -> str:
    host = urlsplit(current_app.config.get("SITE_URL") or "").hostname or "techniekflevoland.nl"
    return f"booking-{booking.id}@{host}"


def _calendar(method: str | None) -> Calendar:
    cal = Calendar()
    cal.add("prodid", f"-//{current_app.config['SITE_NAME']}//Boekingen//NL")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    if method:
        cal.add("method", method)
    return cal


def booking_event(booking: Booking, cancelled: bool = False, with_attendee: bool = True) -> Event:
    offer = booking.offer
    if booking.starts_at is None:
        raise ValueError(f"booking {booking.id} has no date to put in a calendar")
    starts = booking.starts_at
    ends = booking.ends_at or starts + timedelta(minutes=offer.duration_minutes or 60)
    event = Event()
    event.add("uid", booking_uid(booking))
    event.add("sequence", booking.sequence)
    event.add("dtstamp", utcnow().replace(tzinfo=ZoneInfo("UTC")))
    event.add("dtstart", starts.replace(tzinfo=AMSTERDAM))
    event.add("dtend", ends.replace(tzinfo=AMSTERDAM))
    event.add("summary", f"{offer.title} ({offer.organisation.name})")
    place = booking_venue(booking)
    event.add("description", _description(booking, place))
    if place.location:
        event.add("location", place.location)
    if place.meeting_link:
        event.add("url", place.meeting_link)
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    organizer = vCalAddress(f"mailto:{offer.contact_email or current_app.config['MAIL_DEFAULT_SENDER']}")
    organizer.params["cn"] = vText(offer.organisation.name)
    event.add("organizer", organizer)
    if booking.teacher is not None and with_attendee:
        attendee = vCalAddress(f"mailto:{booking.teacher.email}")
        attendee.params["cn"] = vText(booking.teacher.name)
        attendee.params["role"] = vText("REQ-PARTICIPANT")
        event.add("attendee", attendee)
    return event


def _description(booking: Booking, place: Venue) -> str:
    """The school and group, then the meeting link (or that it follows) and what to prepare."""
    lines = [
        " - ".join(
            part
            for part in (
                booking.school.name,
                _("%(n)s pupils", n=booking.group_size),
                booking.group_name or "",
            )
            if part
        )
    ]
    if place.meeting_link:
        lines.append(_("Link for the online meeting: %(link)s", link=place.meeting_link))
    elif place.link_pending:
        lines.append(_("The link for the online meeting follows."))
    if booking.offer.preparation:
        lines.append(_("Preparation: %(text)s", text=booking.offer.preparation))
    return "\n".join(lines)


def booking_calendar(booking: Booking, method: str = "REQUEST", with_attendee: bool = True) -> bytes:
    """One booking as an .ics attachment; ``method`` is REQUEST or CANCEL. Without
    ``with_attendee`` the teacher's address stays out (for people who may not see it)."""
    cal = _calendar(method)
    cal.add_component(booking_event(booking, cancelled=method == "CANCEL", with_attendee=with_attendee))
    cal.add_missing_timezones()
    return cal.to_ical()


def feed_calendar(bookings: list[Booking], name: str) -> bytes:
    """A subscribable feed (no METHOD) of confirmed and completed bookings."""
    cal = _calendar(None)
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", "Europe/Amsterdam")
    for booking in bookings:
        if booking.starts_at is not None:
            cal.add_component(booking_event(booking))
    cal.add_missing_timezones()
    return cal.to_ical()
