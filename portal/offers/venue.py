"""Where an offer takes place: the one rule every page, mail and calendar file asks.

A guest lesson (and a guest teacher) comes to the school: with a booking, the place is the
school's name and address; without one (the offer page), "at your school". A company visit or
a facility takes place at the provider: the offer's address, else the organisation's. Teaching
material has no place of its own, unless it names an address (to pick it up). An online offer
is online; a hybrid one is at that place or online.

For a booking (``booking_venue``), an online offer carries the meeting link once the
provider gave it, and says "de link volgt" until then; a hybrid offer whose booking got a
meeting link takes place online.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l

from portal.models import Booking, Offer, Organisation

AT_THE_SCHOOL = frozenset({"guest_lesson", "guest_teacher"})
AT_THE_PROVIDER = frozenset({"company_visit", "facility"})


@dataclass(frozen=True)
class Venue:
    """``label`` for people ("Op school: OBS De Polder, Dijk 1, Lelystad"); ``location`` for a
    calendar's LOCATION (the plain place, "Online" or the meeting link); None when there is
    no place. ``meeting_link``: the link of an online booking; ``link_pending``: an online
    booking whose link is not known yet."""

    label: str | None
    location: str | None
    at_school: bool = False
    online: bool = False
    meeting_link: str | None = None
    link_pending: bool = False


def _address_of(organisation: Organisation | None) -> str:
    """ "Street 1, 1234 AB Town" from what the organisation filled in (parts may be missing)."""
    if organisation is None:
        return ""
    street = organisation.address or ""
    town = organisation.municipality.name if organisation.municipality else ""
    if town and town.lower() in street.lower():
        town = ""
    town = " ".join(p for p in (organisation.postcode, town) if p)
    return ", ".join(p for p in (street, town) if p)


def _provider_place(offer: Offer) -> str:
    """The offer's own address (with its municipality), else the organisation's."""
    if not offer.address:
        return _address_of(offer.organisation) or (offer.municipality.name if offer.municipality else "")
    town = offer.municipality.name if offer.municipality else ""
    if town and town.lower() not in offer.address.lower():
        return f"{offer.address}, {town}"
    return offer.address


def booking_venue(booking: Booking) -> Venue:
    """Where a booking takes place: the school, the provider, or online with its link."""
    offer = booking.offer
    link = booking.meeting_link or None
    if offer.location_mode == "online" or (offer.location_mode == "hybrid" and link):
        if link:
            return Venue(str(_l("Online: %(link)s", link=link)), link, online=True, meeting_link=link)
        return Venue(str(_l("Online (the link follows)")), "Online", online=True, link_pending=True)
    return venue(offer, booking.school)


def venue(offer: Offer, school: Organisation | None = None) -> Venue:
    """Where ``offer`` takes place, for a booking by ``school`` when given (a booking's own
    place, with its meeting link: ``booking_venue``)."""
    if offer.location_mode == "online":
        return Venue(str(_l("Online")), "Online", online=True)
    hybrid = offer.location_mode == "hybrid"
    if offer.kind in AT_THE_SCHOOL:
        return _at_school(school, hybrid)
    if offer.kind in AT_THE_PROVIDER or offer.address:  # material with a pick-up address too
        place = _provider_place(offer)
        label = str(_l("At %(provider)s: %(place)s", provider=offer.organisation.name, place=place))
        if hybrid:
            label = str(_l("%(place)s, or online", place=label))
        return Venue(
            label, f"{offer.organisation.name}, {place}" if place else offer.organisation.name, online=hybrid
        )
    if hybrid:
        return Venue(str(_l("Online")), "Online", online=True)
    return Venue(None, None)


def _at_school(school: Organisation | None, hybrid: bool) -> Venue:
    if school is None:
        label = str(_l("At your school (the provider comes to you)"))
        return Venue(
            str(_l("%(place)s, or online", place=label)) if hybrid else label,
            None,
            at_school=True,
            online=hybrid,
        )
    address = _address_of(school)
    place = f"{school.name}, {address}" if address else school.name
    label = str(_l("At the school: %(place)s", place=place))
    if hybrid:
        label = str(_l("%(place)s, or online", place=label))
    return Venue(label, place, at_school=True, online=hybrid)
