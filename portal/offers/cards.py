"""What an offer card shows (home page and /aanbod): image or placeholder, next dates or
"on request", levels and profiles, place or "comes to your school" with the distance from
the teacher's school, price, duration, and whether it fits the levels the page is about.

Where it happens comes from ``venue`` (the one rule); the distance is municipality to
municipality (``portal.distance``) and only where the class travels to.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from flask_babel import gettext as _
from flask_babel import ngettext
from sqlalchemy.orm import joinedload, selectinload

from portal.distance import km_between
from portal.formatting import euro
from portal.models import Attachment, Municipality, Offer, Organisation, local_now
from portal.offers.venue import venue
from portal.permissions import acting_organisation
from portal.search.fit import Fit, short_label, short_labels

SHOWN_DATES = 2
PLACEHOLDERS = {
    "guest_lesson": "img/offer-guest-lesson.svg",
    "company_visit": "img/offer-company-visit.svg",
    "material": "img/offer-material.svg",
    "guest_teacher": "img/offer-guest-teacher.svg",
    "facility": "img/offer-facility.svg",
}
# What a card reads of an offer, loaded with the offers (a list of cards, a few queries):
# the one-per-offer rows joined to the offer's own query, the lists in one query each.
CARD_LOADING = (
    joinedload(Offer.organisation).joinedload(Organisation.municipality),
    joinedload(Offer.municipality),
    selectinload(Offer.terms),
    selectinload(Offer.slots),
    selectinload(Offer.attachments),
)


@dataclass(frozen=True)
class Card:
    image: Attachment | None
    placeholder: str
    dates: list[date] = field(default_factory=list)
    more_dates: int = 0  # open dates after the ones shown
    when: str | None = None  # instead of dates: "on request", "no dates planned", ...
    levels: list[str] = field(default_factory=list)
    profiles: list[str] = field(default_factory=list)
    place: str | None = None
    km: int | None = None
    km_from: str | None = None  # the place ``km`` counts from, when it is not the school's
    price: str = ""
    duration: str | None = None
    misfit: str | None = None  # "Not for vmbo BB"


def first_image(offer: Offer) -> Attachment | None:
    """The card's image: never a file that still waits for review."""
    return next(
        (a for a in offer.attachments if a.kind == "image" and a.thumbnail_name and not a.awaiting_review),
        None,
    )


def duration_text(minutes: int | None) -> str | None:
    """ "45 min", "1 uur", "1,5 uur", "1 uur 45 min"."""
    if not minutes or minutes <= 0:
        return None
    hours, rest = divmod(minutes, 60)
    if not hours:
        return _("%(n)d min", n=rest)
    if not rest:
        return ngettext("%(num)d hour", "%(num)d hours", hours)
    if rest == 30:
        return _("%(n)d.5 hours", n=hours)
    return ngettext("%(num)d hour %(min)d min", "%(num)d hours %(min)d min", hours, min=rest)


def _dates(offer: Offer, now: datetime) -> tuple[list[date], int, str | None]:
    """(the next open dates shown, how many more, the text instead of dates)."""
    if offer.booking_mode == "request":
        return [], 0, _("On request")
    if offer.booking_mode != "slots":
        return [], 0, _("Available any time")
    days = sorted({s.starts_at.date() for s in offer.slots if s.starts_at > now and not s.is_full})
    if not days:
        return [], 0, _("No dates planned")
    return days[:SHOWN_DATES], len(days) - SHOWN_DATES if len(days) > SHOWN_DATES else 0, None


def _place(offer: Offer, home: Municipality | None) -> tuple[str | None, int | None]:
    """(where, km from ``home``, the school's municipality or the one searched from):
    "Comes to your school", "Online", or the town."""
    where = venue(offer)
    if where.at_school:
        text = _("Comes to your school")
        return (_("%(place)s, or online", place=text) if where.online else text), None
    if where.label is None or offer.location_mode == "online":
        return (_("Online") if where.online else None), None
    town: Municipality | None = offer.municipality or offer.organisation.municipality
    if town is None:
        return where.label, None
    km = km_between(home, town) if home is not None else None
    return (_("%(place)s, or online", place=town.name) if where.online else town.name), km


def card(
    offer: Offer, school: Organisation | None = None, fit: Fit | None = None, now=None, home=None
) -> Card:
    """``home``: the municipality distances count from (default: the school's)."""
    image = first_image(offer)
    dates, more, when = _dates(offer, now or local_now())
    school_place = school.municipality if school is not None else None
    place, km = _place(offer, home or school_place)
    km_from = home.name if home is not None and home is not school_place else None
    return Card(
        image=image,
        placeholder=PLACEHOLDERS.get(offer.kind, PLACEHOLDERS["guest_lesson"]),
        dates=dates,
        more_dates=more,
        when=when,
        levels=short_labels(offer.audiences),
        profiles=[short_label(t) for t in offer.profiles],
        place=place,
        km=km,
        km_from=km_from,
        price=euro(offer.price_cents),
        duration=duration_text(offer.duration_minutes),
        misfit=fit.notice(offer) if fit is not None else None,
    )


def viewer_school(user) -> Organisation | None:
    """The school the distances are measured from: a teacher's (approved) school."""
    if not getattr(user, "is_authenticated", False) or user.role != "teacher":
        return None
    school = acting_organisation(user)
    return school if school is not None and school.kind == "school" else None


def cards_for(offers, user, fit: Fit | None = None, home: Municipality | None = None) -> dict[int, Card]:
    """offer id -> Card, as ``user`` sees it (distance from ``home``, the place a search
    counts from, else from their school; ``fit``)."""
    school = viewer_school(user)
    now = local_now()
    return {o.id: card(o, school, fit, now, home) for o in offers}
