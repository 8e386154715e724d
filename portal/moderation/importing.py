"""Reading an offer import file (JSON or CSV) into clean rows, and writing one row.

``read_rows`` turns a file into ``(line, raw dict)`` pairs (JSON: position in the list,
counting from 1; CSV: the line in the file). ``import_row`` validates one raw row and
creates or updates the offer with that ``external_id``; it raises ``RowError`` with a
readable reason. The command in ``importer.py`` runs each row in a savepoint.
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func, select

from portal.exceptions import DomainError
from portal.extensions import db
from portal.models import Municipality, Offer, Organisation, Slot, Term, utcnow
from portal.models.bookings import Booking
from portal.models.statuses import OfferStatus
from portal.moderation.import_fields import clean_row
from portal.offers import revisions
from portal.offers.lifecycle import record
from portal.offers.services import normalise
from portal.offers.slugs import slugify


class ImportFileError(DomainError):
    """The file as a whole cannot be read (wrong type, broken JSON, not a list)."""


@dataclass
class RowResult:
    line: int
    external_id: str
    outcome: str  # "created" | "updated"
    kept_slots: int = 0


LIST_FIELDS = ("audiences", "profiles", "themes")
PROVIDER_FIELDS = ("name", "municipality", "email", "website")


def read_rows(path: str | Path) -> list[tuple[int, object]]:
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".json":
        return _read_json(path)
    if suffix == ".csv":
        return _read_csv(path)
    raise ImportFileError(f"{path.name}: use a .json or .csv file")


def _read_json(path: Path) -> list[tuple[int, object]]:
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ImportFileError(f"{path.name} is not valid JSON: {error}") from error
    if not isinstance(data, list):
        raise ImportFileError(f"{path.name}: expected a JSON list of offers")
    return [(index + 1, item) for index, item in enumerate(data)]


def _read_csv(path: Path) -> list[tuple[int, object]]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as error:
        raise ImportFileError(f"{path.name} is not UTF-8 text: {error}") from error
    header = text.split("\n", 1)[0]
    delimiter = max(",;\t", key=header.count)  # Dutch spreadsheets often save with ";"
    reader = csv.DictReader(text.splitlines(keepends=True), delimiter=delimiter)
    if not reader.fieldnames or "external_id" not in [f.strip() for f in reader.fieldnames]:
        raise ImportFileError(
            f"{path.name}: the first line must name the columns (external_id, kind, title, ...)"
        )
    rows: list[tuple[int, object]] = []
    for cells in reader:
        rows.append((reader.line_num, csv_to_row(cells)))
    return rows


def csv_to_row(cells: dict) -> dict:
    """A flat CSV record -> the JSON row shape (provider object, lists, slot objects)."""
    row: dict = {}
    provider: dict = {}
    for key, value in cells.items():
        if key is None:  # more cells than the header names
            row["_extra_cells"] = value
            continue
        key, value = key.strip(), (value or "").strip()
        if key.startswith("provider_") and key[9:] in PROVIDER_FIELDS:
            provider[key[9:]] = value
        elif key in LIST_FIELDS:
            row[key] = [part.strip() for part in value.split(";") if part.strip()]
        elif key == "slots":
            row[key] = [_csv_slot(part) for part in value.split(";") if part.strip()]
        elif value != "":
            row[key] = value
    row["provider"] = provider
    return row


def _csv_slot(text: str) -> dict:
    parts = [p.strip() for p in text.split("/")]
    keys = ("start", "end", "capacity")
    return {k: v for k, v in zip(keys, parts, strict=False)} | {"_raw": text.strip()}


# Writing ---------------------------------------------------------------------------------
class Lookups:
    """Terms and municipalities by code, slug or (case-insensitive) name, read once."""

    def __init__(self):
        self.terms: dict[str, dict[str, Term]] = {}
        for term in db.session.scalars(select(Term)):
            by_key = self.terms.setdefault(term.vocabulary, {})
            by_key[term.code.lower()] = term
            by_key.setdefault(term.label.lower(), term)
        self.municipalities: dict[str, Municipality] = {}
        for municipality in db.session.scalars(select(Municipality)):
            self.municipalities[municipality.slug.lower()] = municipality
            self.municipalities.setdefault(municipality.name.lower(), municipality)


def import_row(raw, lookups: Lookups, history: bool = True) -> RowResult:
    """Create or update one offer. ``history=False`` leaves the status history to the
    caller (the demo seed writes a realistic one)."""
    data = clean_row(raw, lookups)
    organisation = provider_for(data["provider"], data["municipality"])
    offer = db.session.scalar(select(Offer).where(Offer.external_id == data["external_id"]))
    created = offer is None
    if offer is None:
        offer = Offer(external_id=data["external_id"], organisation=organisation)
        db.session.add(offer)
    offer.organisation = organisation
    _assign(offer, data)
    kept = _replace_slots(offer, data["slots"])
    db.session.flush()
    _set_status(offer, data["status"], created, history)
    db.session.flush()
    return RowResult(0, data["external_id"], "created" if created else "updated", kept)


def provider_for(provider: dict, offer_municipality: Municipality | None) -> Organisation:
    """The company with this name (case-insensitive), created when missing."""
    name = provider["name"]
    organisation = db.session.scalar(
        select(Organisation)
        .where(Organisation.kind == "company", func.lower(Organisation.name) == name.lower())
        .order_by(Organisation.id)
        .limit(1)
    )
    if organisation is None:
        organisation = Organisation(
            kind="company",
            name=name,
            verified=False,
            municipality=provider["municipality"] or offer_municipality,
        )
        db.session.add(organisation)
    organisation.email = organisation.email or provider["email"]
    organisation.website = organisation.website or provider["website"]
    if organisation.municipality is None:
        organisation.municipality = provider["municipality"] or offer_municipality
    return organisation


def _assign(offer: Offer, data: dict) -> None:
    for name in (
        "kind",
        "title",
        "summary",
        "description",
        "municipality",
        "location_mode",
        "duration_minutes",
        "group_min",
        "group_max",
        "price_cents",
        "booking_mode",
    ):
        setattr(offer, name, data[name])
    offer.terms = data["terms"]
    offer.slug = slugify(offer.title)
    normalise(offer)
    if offer.id is not None:  # a review page opened before the import is out of date
        offer.version = Offer.version + 1


def _slot_has_bookings(slot: Slot) -> bool:
    if slot.booked:
        return True
    if slot.id is None:
        return False
    return bool(db.session.scalar(select(func.count()).where(Booking.slot_id == slot.id)))


def _replace_slots(offer: Offer, slots: list[dict]) -> int:
    """Replace the slots nobody booked; keep booked ones (and skip a new slot that starts
    at the same moment as a kept one). Returns how many booked slots were kept."""
    kept = [slot for slot in offer.slots if _slot_has_bookings(slot)]
    offer.slots = list(kept)
    taken = {slot.starts_at for slot in kept}
    for item in slots:
        if item["start"] not in taken:
            offer.slots.append(
                Slot(starts_at=item["start"], ends_at=item["end"], capacity=item["capacity"], booked=0)
            )
    return len(kept)


def _set_status(offer: Offer, status: OfferStatus, created: bool, history: bool = True) -> None:
    if history and (created or offer.status != status):
        change = record(offer, None, status, "import", "import")
        if created:
            change.from_status = None
    offer.status = status
    now = utcnow()
    if status == OfferStatus.PUBLISHED:
        offer.published_at = offer.published_at or now
        offer.rejection_reason = None
        approved = revisions.latest_revision(offer, approved=True)
        current = revisions.snapshot(offer)
        if approved is None or approved.data != current:
            revisions.add_revision(offer, None, current, approved=True)
    elif status == OfferStatus.SUBMITTED:
        offer.submitted_at = offer.submitted_at or now
    elif status == OfferStatus.ARCHIVED:
        offer.archived_at = offer.archived_at or now
