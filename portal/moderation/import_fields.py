"""Validation of one import row: raw values in, clean model-ready values out.

Every problem raises ``RowError`` with a reason a coordinator understands ("kind 'x' is
not one of ..."); the importer prefixes it with the line number.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal, InvalidOperation

from portal.exceptions import DomainError
from portal.models.offers import BOOKING_MODES, OFFER_KINDS
from portal.models.statuses import OfferStatus

# An import brings offers as they are elsewhere; a rejection is a decision taken here.
IMPORT_STATUSES = tuple(status for status in OfferStatus if status != OfferStatus.REJECTED)
VOCABULARY_OF = {"audiences": "audience", "profiles": "profile", "themes": "theme"}
TRUE = {"true", "1", "yes", "ja", "y", "j", "waar", "online"}
FALSE = {"false", "0", "no", "nee", "n", "onwaar", ""}


class RowError(DomainError):
    """One row cannot be imported; ``str(error)`` says why."""


def _text(raw: dict, name: str, max_length: int, required: bool = False) -> str:
    value = raw.get(name)
    value = "" if value is None else str(value).strip()
    if required and not value:
        raise RowError(f"{name} is required")
    if len(value) > max_length:
        raise RowError(f"{name} is longer than {max_length} characters")
    return value


def _int(raw: dict, name: str, minimum: int = 0) -> int | None:
    value = raw.get(name)
    if value is None or str(value).strip() == "":
        return None
    if isinstance(value, bool):
        raise RowError(f"{name} must be a whole number, not {value!r}")
    try:
        number = int(str(value).strip())
    except ValueError:
        raise RowError(f"{name} must be a whole number, not {value!r}") from None
    if number < minimum:
        raise RowError(f"{name} must be at least {minimum}")
    return number


def _bool(raw: dict, name: str) -> bool:
    value = raw.get(name)
    if isinstance(value, bool):
        return value
    text = "" if value is None else str(value).strip().lower()
    if text in TRUE:
        return True
    if text in FALSE:
        return False
    raise RowError(f"{name} must be true or false, not {value!r}")


def _price_cents(raw: dict) -> int:
    value = raw.get("price_eur")
    if value is None or str(value).strip() == "":
        return 0
    try:
        amount = Decimal(str(value).strip().replace("€", "").replace(",", "."))
    except InvalidOperation:
        raise RowError(f"price_eur must be an amount in euros like 12.50, not {value!r}") from None
    if amount < 0:
        raise RowError("price_eur cannot be negative")
    return int((amount * 100).quantize(Decimal("1")))


def _choice(raw: dict, name: str, choices, default: str) -> str:
    value = str(raw.get(name) or default).strip().lower()
    if not value:
        raise RowError(f"{name} is required")
    if value not in choices:
        raise RowError(f"{name} {value!r} is not one of: {', '.join(choices)}")
    return value


def _as_list(value) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [part.strip() for part in value.split(";") if part.strip()]
    if isinstance(value, list):
        return [str(part).strip() for part in value if str(part).strip()]
    raise RowError(f"expected a list, not {value!r}")


def _terms(raw: dict, lookups) -> list:
    terms = []
    for field, vocabulary in VOCABULARY_OF.items():
        known = lookups.terms.get(vocabulary, {})
        for item in _as_list(raw.get(field)):
            term = known.get(item.lower())
            if term is None:
                raise RowError(f"{field}: unknown code or label {item!r}")
            if term not in terms:
                terms.append(term)
    return terms


def _municipality(value, lookups, field: str):
    text = "" if value is None else str(value).strip()
    if not text:
        return None
    municipality = lookups.municipalities.get(text.lower())
    if municipality is None:
        raise RowError(f"{field}: unknown municipality {text!r}")
    return municipality


def _datetime(value, what: str) -> datetime:
    try:
        moment = datetime.fromisoformat(str(value).strip())
    except ValueError:
        raise RowError(f"{what} {value!r} is not an ISO date and time like 2026-03-12T09:30") from None
    return moment.replace(tzinfo=None)


def _slots(raw: dict) -> list[dict]:
    items = raw.get("slots") or []
    if not isinstance(items, list):
        raise RowError("slots must be a list")
    slots = []
    for number, item in enumerate(items, start=1):
        if not isinstance(item, dict) or not item.get("start") or not item.get("end"):
            raise RowError(f"slot {number} needs a start, an end and a capacity")
        start = _datetime(item["start"], f"slot {number} start")
        end = _datetime(item["end"], f"slot {number} end")
        if end <= start:
            raise RowError(f"slot {number} ends before it starts")
        capacity = _int({"capacity": item.get("capacity")}, "capacity", 1)
        if capacity is None:
            raise RowError(f"slot {number} needs a capacity")
        slots.append({"start": start, "end": end, "capacity": capacity})
    return slots


def _provider(raw: dict, lookups) -> dict:
    provider = raw.get("provider")
    if not isinstance(provider, dict):
        raise RowError("provider must be an object with at least a name")
    return {
        "name": _text(provider, "name", 200, required=True),
        "municipality": _municipality(provider.get("municipality"), lookups, "provider municipality"),
        "email": _text(provider, "email", 200) or None,
        "website": _text(provider, "website", 200) or None,
    }


def clean_row(raw, lookups) -> dict:
    """Validate one row; returns model-ready values or raises ``RowError``."""
    if not isinstance(raw, dict):
        raise RowError("each offer must be an object with named fields")
    if raw.get("_extra_cells"):
        raise RowError("this line has more cells than the header has columns")
    data = {
        "external_id": _text(raw, "external_id", 120, required=True),
        "kind": _choice(raw, "kind", OFFER_KINDS, ""),
        "title": _text(raw, "title", 160, required=True),
        "summary": _text(raw, "summary", 400),
        "description": _text(raw, "description", 20000),
        "provider": _provider(raw, lookups),
        "terms": _terms(raw, lookups),
        "municipality": _municipality(raw.get("municipality"), lookups, "municipality"),
        "duration_minutes": _int(raw, "duration_minutes", 1),
        "group_min": _int(raw, "group_min", 1),
        "group_max": _int(raw, "group_max", 1),
        "price_cents": _price_cents(raw),
        "slots": _slots(raw),
        "status": OfferStatus(_choice(raw, "status", IMPORT_STATUSES, OfferStatus.PUBLISHED)),
    }
    online = _bool(raw, "online")
    if not online and data["municipality"] is None:
        raise RowError("municipality is required unless the offer is online")
    data["location_mode"] = ("hybrid" if data["municipality"] else "online") if online else "onsite"
    if data["group_min"] and data["group_max"] and data["group_max"] < data["group_min"]:
        raise RowError("group_max is smaller than group_min")
    default_mode = "slots" if data["slots"] else "request"
    data["booking_mode"] = _choice(raw, "booking_mode", BOOKING_MODES, default_mode)
    if data["booking_mode"] == "download" and data["kind"] != "material":
        raise RowError("booking_mode download is only for kind material")
    if data["booking_mode"] != "slots" and data["slots"]:
        raise RowError("slots are only for booking_mode slots")
    return data
