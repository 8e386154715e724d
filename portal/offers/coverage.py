"""Which municipalities an offer serves: coverage is not only where the provider sits.

The one rule (used by white spots, reports, the region filter on ``/aanbod``):

* **online** (``location_mode`` "online" or "hybrid") and **teaching material**: every
  municipality; a hybrid offer can always be followed online.
* **guest lesson** and **guest teacher** (someone comes to the school): the municipalities
  whose centre lies within ``offer.serves_within_km`` of the offer's municipality (centre to
  centre, ``portal.distance``), ``DEFAULT_SERVES_WITHIN_KM`` when the provider left it empty.
* **company visit** and **facility** (the class travels): the offer's own municipality and
  those within ``CLASS_TRAVEL_KM``, about half an hour by coach one way, what a school plans
  for a morning's trip; a provider does not set it, the class decides how far it goes.

The offer's own municipality is always served. An offer on site without a municipality serves
nothing (it cannot be placed); a municipality without a centre is served only as the offer's
own municipality or by online offers and materials.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol

from sqlalchemy import Select, select

from portal.distance import km_between
from portal.extensions import db
from portal.models import Municipality, Offer

DEFAULT_SERVES_WITHIN_KM = 25
CLASS_TRAVEL_KM = 25
# Kinds where the provider comes to the school (the reach is theirs to set).
COMES_TO_SCHOOL = ("guest_lesson", "guest_teacher")
EVERYWHERE_MODES = ("online", "hybrid")


class ServingOffer(Protocol):
    kind: str
    location_mode: str
    municipality_id: int | None
    serves_within_km: int | None


class Place(Protocol):
    id: int
    latitude: float | None
    longitude: float | None


def reach_km(offer: ServingOffer) -> int | None:
    """How far (km, centre to centre) an offer reaches, or None when it reaches everyone."""
    if offer.kind == "material" or offer.location_mode in EVERYWHERE_MODES:
        return None
    if offer.kind in COMES_TO_SCHOOL:
        return offer.serves_within_km if offer.serves_within_km is not None else DEFAULT_SERVES_WITHIN_KM
    return CLASS_TRAVEL_KM


def served_municipality_ids(offer: ServingOffer, municipalities: Iterable[Place]) -> set[int]:
    """The ids of those ``municipalities`` that ``offer`` serves (rules in the module docstring).

    ``offer``: anything with ``kind``, ``location_mode``, ``municipality_id`` and
    ``serves_within_km`` (an ``Offer`` row, or a row of ``offer_columns()``).
    ``municipalities``: the candidates, each with ``id``, ``latitude`` and ``longitude``
    (``Municipality`` rows); the answer is a subset of their ids. An offer from outside the
    candidates still serves those within its reach: its own municipality is then looked up
    (``db.session.get``, the only query, usually answered from the session).
    """
    places = list(municipalities)
    reach = reach_km(offer)
    if reach is None:
        return {m.id for m in places}
    if offer.municipality_id is None:
        return set()
    home = next((m for m in places if m.id == offer.municipality_id), None)
    if home is None:
        home = db.session.get(Municipality, offer.municipality_id)
    if home is None:
        return set()
    return {m.id for m in places if m.id == home.id or _within(home, m, reach)}


def _within(home: Place, place: Place, reach: int) -> bool:
    km = km_between(home, place)
    return km is not None and km <= reach


def offer_columns() -> Select:
    """The columns the rule needs, one row per offer: add ``where`` clauses to choose offers."""
    return select(Offer.id, Offer.kind, Offer.location_mode, Offer.municipality_id, Offer.serves_within_km)


def served_by_offers(
    offers: Select | None = None, municipalities: Iterable[Place] | None = None, session=None
) -> dict[int, set[int]]:
    """offer id -> served municipality ids for many offers, in two queries.

    ``offers``: a select of ``offer_columns()`` shape (default: every offer); ``municipalities``:
    the candidates (default: every municipality). Distances are computed once per pair of
    municipalities, so 10,000 offers cost no more than the 76 x 76 table. ``session``: the
    one to read with (default ``db.session``; the search index reads with its own).
    """
    session = session if session is not None else db.session
    rows = session.execute(offers if offers is not None else offer_columns()).all()
    homes: dict[int, Place] = {m.id: m for m in session.scalars(select(Municipality))}
    places = list(municipalities) if municipalities is not None else list(homes.values())
    everyone = {m.id for m in places}
    table: dict[int, dict[int, int | None]] = {}
    result: dict[int, set[int]] = {}
    for row in rows:
        reach = reach_km(row)
        home = homes.get(row.municipality_id) if row.municipality_id is not None else None
        if reach is None:
            result[row.id] = set(everyone)
        elif home is None:
            result[row.id] = set()
        else:
            if home.id not in table:
                table[home.id] = {m.id: km_between(home, m) for m in places}
            result[row.id] = {
                i for i, km in table[home.id].items() if i == home.id or (km is not None and km <= reach)
            }
    return result
