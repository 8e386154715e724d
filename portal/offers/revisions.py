"""Snapshots of an offer's public fields (OfferRevision) and the moderation diff.

A snapshot is a JSON-able dict of every field a visitor sees. ``apply_snapshot`` writes
one back onto the Offer row (used when a pending edit is approved); ``changes`` compares
two snapshots as readable (label, old, new) rows for the moderation page, and ``readable``
lists every field of one snapshot (the review of an offer that was never approved).

Two snapshots are compared by what a reader sees, not by how the value was stored: a form
posts a textarea with CRLF line ends where the database holds LF, a free offer is
``price_cents`` None after the form and 0 after an import, an older revision lacks a field
that was added later (``preparation``), and an empty text may be None or "". None of these is
a change (``same``); only a field whose value a person would read differently is.
"""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from portal.extensions import db
from portal.formatting import euro, nldate
from portal.models import Municipality, Offer, OfferRevision, Term
from portal.offers.choices import label_of
from portal.offers.slugs import slugify

# field -> label shown in the moderation diff (order = order on the page)
FIELD_LABELS = {
    "kind": _l("Kind"),
    "title": _l("Title"),
    "summary": _l("Summary"),
    "description": _l("Description"),
    "preparation": _l("Preparation for the class"),
    "term_ids": _l("Audiences, profiles and themes"),
    "municipality_id": _l("Municipality"),
    "location_mode": _l("Location"),
    "address": _l("Address"),
    "serves_within_km": _l("Comes to schools within (km)"),
    "duration_minutes": _l("Duration (minutes)"),
    "group_min": _l("Minimum group size"),
    "group_max": _l("Maximum group size"),
    "price_cents": _l("Price"),
    "price_note": _l("Price note"),
    "contact_name": _l("Contact person"),
    "contact_email": _l("Contact e-mail"),
    "contact_phone": _l("Contact phone"),
    "vog_available": _l("Certificate of conduct (VOG)"),
    "booking_mode": _l("Booking mode"),
    "capacity_unit": _l("Capacity counted in"),
    "auto_confirm": _l("Confirm bookings automatically"),
    "available_until": _l("Available until"),
}
PLAIN_FIELDS = [f for f in FIELD_LABELS if f not in ("term_ids", "available_until")]


def snapshot(offer: Offer | SimpleNamespace) -> dict:
    """The offer row's (or an edit's) public fields as a JSON-able dict."""
    data = {name: getattr(offer, name) for name in PLAIN_FIELDS}
    data["term_ids"] = sorted(t.id for t in offer.terms)
    data["available_until"] = offer.available_until.isoformat() if offer.available_until else None
    return data


def apply_snapshot(offer: Offer, data: dict) -> None:
    """Write a snapshot back onto the row (the slug follows the title)."""
    for name in PLAIN_FIELDS:
        if name in data:
            setattr(offer, name, data[name])
    if data.get("available_until"):
        offer.available_until = date.fromisoformat(data["available_until"])
    else:
        offer.available_until = None
    if "term_ids" in data:
        ids = data["term_ids"] or []
        offer.terms = list(db.session.scalars(select(Term).where(Term.id.in_(ids)))) if ids else []
    offer.slug = slugify(offer.title)


def add_revision(offer: Offer, actor, data: dict, approved: bool) -> OfferRevision:
    number = (
        db.session.scalar(select(func.max(OfferRevision.number)).where(OfferRevision.offer_id == offer.id))
        or 0
    ) + 1
    revision = OfferRevision(
        offer_id=offer.id,
        number=number,
        data=data,
        approved=approved,
        created_by_id=getattr(actor, "id", None),
    )
    db.session.add(revision)
    return revision


def latest_revision(offer: Offer, approved: bool | None = None) -> OfferRevision | None:
    query = select(OfferRevision).where(OfferRevision.offer_id == offer.id)
    if approved is not None:
        query = query.where(OfferRevision.approved.is_(approved))
    return db.session.scalar(query.order_by(OfferRevision.number.desc()).limit(1))


def pending_revision(offer: Offer) -> OfferRevision | None:
    """The newest unapproved revision made after the last approved one, if any."""
    if offer.id is None:
        return None
    newest = latest_revision(offer)
    return newest if newest is not None and not newest.approved else None


BOOLEAN_FIELDS = ("vog_available", "auto_confirm")


def canonical(name: str, value):
    """The value as a reader tells it apart: text without CR or outer whitespace, free as
    None, an empty value as None, a flag as a bool, terms as a sorted list."""
    if name in BOOLEAN_FIELDS:
        return bool(value)
    if isinstance(value, str):
        value = value.replace("\r\n", "\n").replace("\r", "\n").strip()
    if name == "price_cents" and not value:
        return None  # None and 0 both mean "free"
    if name == "term_ids" and value:
        return sorted(int(i) for i in value)
    if value in ("", [], None):
        return None
    return value


def same(old: dict, new: dict) -> bool:
    """Two snapshots a reader cannot tell apart."""
    return not any(_differs(name, old, new) for name in FIELD_LABELS)


def _differs(name: str, old: dict, new: dict) -> bool:
    return canonical(name, old.get(name)) != canonical(name, new.get(name))


def changes(old: dict, new: dict) -> list[tuple[str, str, str]]:
    """(label, old, new) for every field a reader would see changed, in page order."""
    return [
        (str(label), display(name, old.get(name)), display(name, new.get(name)))
        for name, label in FIELD_LABELS.items()
        if _differs(name, old, new)
    ]


def readable(data: dict) -> list[tuple[str, str, str]]:
    """(field name, label, text) for every field of a snapshot, in page order."""
    return [(name, str(label), display(name, data.get(name))) for name, label in FIELD_LABELS.items()]


def display(name: str, value) -> str:
    """A snapshot value as a person reads it."""
    value = canonical(name, value)
    if name == "price_cents":
        return euro(value)
    if value is None:
        return "-"
    if name == "term_ids":
        terms = db.session.scalars(select(Term).where(Term.id.in_(value)).order_by(Term.position))
        return ", ".join(t.label for t in terms)
    if name == "municipality_id":
        municipality = db.session.get(Municipality, value)
        return municipality.name if municipality else "-"
    if name == "available_until":
        return nldate(value if isinstance(value, date) else date.fromisoformat(value), "d MMMM y")
    if isinstance(value, bool):
        return str(_l("Yes") if value else _l("No"))
    if name in ("kind", "location_mode", "booking_mode", "capacity_unit"):
        return label_of(name, value)
    return str(value)
