"""What the short list and the comparison show of an offer: plain texts, one per fact, so
the list card and each column of the comparison say the same thing in the same words."""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import gettext as _

from portal.formatting import euro, nldate, nldatetime
from portal.models import Offer
from portal.offers.choices import label_of
from portal.offers.slots import upcoming
from portal.offers.venue import venue

NEXT_DATES = 3
NOTHING = "–"


@dataclass(frozen=True)
class Row:
    """One line of the comparison: the fact's name and its text for each offer."""

    label: str
    cells: list[list[str]]  # per offer, one or more lines


def next_dates(offer: Offer, limit: int = NEXT_DATES) -> list[str]:
    """The next dates with places, or how the offer is planned when it has no fixed dates."""
    if offer.booking_mode == "request":
        return [_("On request")]
    if offer.booking_mode == "download":
        return [_("Available any time")]
    dates = [s for s in upcoming(offer) if not s.is_full][:limit]
    if not dates:
        return [_("No dates planned")]
    return [nldatetime(s.starts_at, "EEE d MMM y, HH:mm") for s in dates]


def short_place(offer: Offer) -> str:
    """Where, in a few words: "Comes to your school", a town, or "Online"."""
    where = venue(offer)
    if where.at_school:
        text = _("Comes to your school")
    elif offer.location_mode == "online":
        return _("Online")
    else:
        text = offer.municipality.name if offer.municipality else (where.label or NOTHING)
    return _("%(place)s, or online", place=text) if offer.location_mode == "hybrid" else text


def group_size(offer: Offer) -> str:
    if offer.group_min and offer.group_max:
        return _("%(min)s to %(max)s pupils", min=offer.group_min, max=offer.group_max)
    if offer.group_max:
        return _("up to %(max)s pupils", max=offer.group_max)
    if offer.group_min:
        return _("at least %(min)s pupils", min=offer.group_min)
    return NOTHING


def price(offer: Offer) -> list[str]:
    lines = [euro(offer.price_cents).capitalize()]
    return [*lines, offer.price_note] if offer.price_note else lines


def _terms(terms) -> list[str]:
    return [", ".join(str(t) for t in terms)] if terms else [NOTHING]


def rows(offers: list[Offer]) -> list[Row]:
    """The comparison, fact by fact (the offer's title and link head each column)."""
    facts = [
        (_("Kind"), lambda o: [label_of("kind", o.kind)]),
        (_("Provider"), lambda o: [o.organisation.name]),
        (_("Where"), lambda o: [venue(o).label or NOTHING]),
        (_("Audiences"), lambda o: _terms(o.audiences)),
        (_("vmbo profiles"), lambda o: _terms(o.profiles)),
        (_("Themes"), lambda o: _terms(o.themes)),
        (
            _("Duration"),
            lambda o: [_("%(n)s minutes", n=o.duration_minutes) if o.duration_minutes else NOTHING],
        ),
        (_("Group size"), lambda o: [group_size(o)]),
        (_("Price"), price),
        (_("Next dates"), next_dates),
        (_("Booking"), lambda o: [label_of("booking_mode", o.booking_mode)]),
    ]
    if any(o.available_until for o in offers):
        facts.append(
            (_("Available until"), lambda o: [nldate(o.available_until) if o.available_until else NOTHING])
        )
    return [Row(label, [fact(offer) for offer in offers]) for label, fact in facts]
