"""Demo offers: 69 fictional guest lessons, visits, materials, guest teachers and facilities.

The data lives in ``offers.json`` (the import format of docs/IMPORT.md plus a few demo-only
keys: ``slot_plan`` [days ahead, "HH:MM", capacity, booked], ``featured``, ``vog``,
``rejection_reason``, ``pending`` (a resubmitted offer's new text), ``edit`` (a
published offer's edit waiting for review) and ``image`` (an illustration drawn at seed
time, ``images.py``)). Rows are written through the importer and
then given a believable status history. Idempotent: an existing ``external_id`` is skipped.
"""

from __future__ import annotations

import json
from datetime import date, datetime, time, timedelta
from pathlib import Path

from sqlalchemy import select

from portal.demo.images import add_demo_image
from portal.demo.offer_history import finish_offer
from portal.models import Offer, local_now, utcnow
from portal.models.statuses import OfferStatus
from portal.moderation.importing import Lookups, import_row

DATA = Path(__file__).with_name("offers.json")
DEMO_KEYS = ("slot_plan", "featured", "vog", "rejection_reason", "pending", "edit", "image")
ADDRESSES = {
    "almere": "Transformatorweg 12, Almere",
    "dronten": "De Zuiderzee 8, Dronten",
    "lelystad": "Zuigerplasdreef 4, Lelystad",
    "noordoostpolder": "Kasweg 21, Emmeloord",
    "urk": "Westwal 30, Urk",
    "zeewolde": "Horsterweg 5, Zeewolde",
}


def load_rows() -> list[dict]:
    return json.loads(DATA.read_text(encoding="utf-8"))


def school_day(today: date, days_ahead: int) -> date:
    """``days_ahead`` from today, moved forward to a Monday-Friday."""
    day = today + timedelta(days=days_ahead)
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return day


def import_shape(row: dict, today: date) -> dict:
    """A demo row -> an import row: slot plan to ISO slots, demo-only keys dropped."""
    raw = {k: v for k, v in row.items() if k not in DEMO_KEYS}
    minutes = row.get("duration_minutes") or 90
    slots = []
    for days, clock, capacity, _booked in row.get("slot_plan") or []:
        start = datetime.combine(school_day(today, days), time.fromisoformat(clock))
        slots.append(
            {
                "start": start.isoformat(),
                "end": (start + timedelta(minutes=minutes)).isoformat(),
                "capacity": capacity,
            }
        )
    raw["slots"] = slots
    # The history (offer_history.py) walks each offer to its final status.
    if row.get("pending") or row.get("edit"):
        raw["status"] = OfferStatus.PUBLISHED  # approved once: the approved revision is the old text
    elif row["status"] == OfferStatus.REJECTED:
        raw["status"] = OfferStatus.DRAFT
    return raw


def seed_offers(session, made: dict) -> None:
    rows = load_rows()
    existing = set(
        session.scalars(
            select(Offer.external_id).where(Offer.external_id.in_([r["external_id"] for r in rows]))
        )
    )
    lookups = Lookups()
    today = local_now().date()  # slot times are Amsterdam wall-clock times
    users = made.get("users", {})
    for index, row in enumerate(rows):
        if row["external_id"] in existing:
            continue
        import_row(import_shape(row, today), lookups, history=False)
        offer = session.scalar(select(Offer).where(Offer.external_id == row["external_id"]))
        _details(offer, row)
        if row.get("image"):
            add_demo_image(offer, row["image"])
        finish_offer(offer, row, users, started=utcnow() - timedelta(days=120 - index))
    session.flush()
    made["offers"] = list(
        session.scalars(
            select(Offer)
            .where(Offer.external_id.in_([r["external_id"] for r in rows]))
            .order_by(Offer.external_id)
        )
    )


def _details(offer: Offer, row: dict) -> None:
    """What the import format does not carry: contact, address, VOG, booked places."""
    offer.vog_available = bool(row.get("vog"))
    offer.featured = bool(row.get("featured"))
    members = [m for m in offer.organisation.members if m.role == "provider"]
    offer.created_by = members[0] if members else None
    offer.contact_name = members[0].name if members else "Team Onderwijs"
    offer.contact_email = offer.organisation.email
    if offer.location_mode != "online" and offer.municipality is not None:
        offer.address = ADDRESSES.get(offer.municipality.slug)
    plan = row.get("slot_plan") or []
    if plan and max(p[2] for p in plan) <= 3:
        offer.capacity_unit = "groups"
    for slot, (_days, _clock, _capacity, booked) in zip(offer.slots, plan, strict=False):
        slot.booked = booked
