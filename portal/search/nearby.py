"""Where an offer is, for search: the places it serves and "in de buurt van mijn school".

The index knows per offer (``documents``):

* ``municipality``: the slugs of the municipalities it serves and ``region``: the slugs of
  every region (province, sub-region, landsdeel) with one of them, both by the one rule of
  ``portal.offers.coverage``; ``gemeente=`` and ``regio=`` on /aanbod filter on these, so a
  white-spot cell and the /aanbod page it links to count the same offers.
* ``near``: distance tokens. ``here-all``: it reaches every school without travel (online,
  hybrid, teaching material); ``here-<slug>``: its provider comes to schools in that
  municipality (a guest lesson within its reach); ``at-<slug>``: where it happens, the
  offer's municipality or else its organisation's (the town a card says "ca. N km" to).

A search "near" a starting municipality gives each token a distance (``distances``): 0 for
``here-all`` and ``here-<start>``, and the km between the centres for ``at-<slug>``. An offer
is as far as its smallest token: a guest lesson that comes to the school is 0 km away, a
company visit as far as the town it is in. ``nabij=<km>`` keeps the offers within that
distance, ``sorteer=afstand`` sorts nearest first (unknown distances last). Backends only
see a filter group and a token -> km mapping, so both handle it in their generic way.

Municipality centres and regions rarely change (a migration): after such a change run
``flask --app portal search reindex``. An offer's own changes reindex it (``sync``).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from sqlalchemy import select

from portal.distance import km_between
from portal.extensions import db
from portal.models import Municipality, Offer, Region
from portal.offers.coverage import COMES_TO_SCHOOL, offer_columns, reach_km, served_by_offers
from portal.search.backends.base import SearchParams

EVERYWHERE = "here-all"


def here(slug: str) -> str:
    return f"here-{slug}"


def at(slug: str) -> str:
    return f"at-{slug}"


@dataclass
class Places:
    """Municipalities and regions by id, read once for a batch of documents."""

    slugs: dict[int, str]
    region_of: dict[int, int]
    region_slug: dict[int, str]
    parent_of: dict[int, int | None]

    @classmethod
    def load(cls, session) -> Places:
        places = session.execute(select(Municipality.id, Municipality.slug, Municipality.region_id)).all()
        regions = session.execute(select(Region.id, Region.slug, Region.parent_id)).all()
        return cls(
            slugs={p.id: p.slug for p in places},
            region_of={p.id: p.region_id for p in places},
            region_slug={r.id: r.slug for r in regions},
            parent_of={r.id: r.parent_id for r in regions},
        )

    def regions(self, municipality_ids) -> list[str]:
        """The slugs of the regions containing any of the municipalities, with their ancestors."""
        found: set[int] = set()
        for region_id in {self.region_of[m] for m in municipality_ids if m in self.region_of}:
            current: int | None = region_id
            while current is not None and current not in found:
                found.add(current)
                current = self.parent_of.get(current)
        return sorted(self.region_slug[r] for r in found if r in self.region_slug)


def served_ids(session, ids) -> dict[int, set[int]]:
    """offer id -> ids of the municipalities it serves (``offers.coverage``), in two queries."""
    return served_by_offers(offer_columns().where(Offer.id.in_(sorted(ids))), session=session)


def place_fields(offer: Offer, served: set[int], places: Places) -> dict:
    """The ``municipality``, ``region`` and ``near`` fields of an offer's document."""
    near: set[str] = set()
    if reach_km(offer) is None:
        near.add(EVERYWHERE)
    elif offer.kind in COMES_TO_SCHOOL:
        near.update(here(places.slugs[m]) for m in served if m in places.slugs)
    town = offer.municipality or (offer.organisation.municipality if offer.organisation else None)
    if town is not None:
        near.add(at(town.slug))
    return {
        "municipality": sorted(places.slugs[m] for m in served if m in places.slugs),
        "region": places.regions(served),
        "near": sorted(near),
    }


# -- searching near a municipality --------------------------------------------------------
def municipality(slug: str | None) -> Municipality | None:
    if not slug:
        return None
    return db.session.scalar(select(Municipality).where(Municipality.slug == slug))


def for_page(
    params: SearchParams, school_place: Municipality | None
) -> tuple[SearchParams, Municipality | None, list[str]]:
    """(params, where distances count from, problems) for /aanbod: ``vanaf`` when it names
    a municipality, else the teacher's school's (``school_place``). Problems: ``near_from``
    (``vanaf`` names no municipality; dropped) and ``near_unknown`` (distance asked for, but
    no place known: the page asks for one and searches without it)."""
    problems = []
    start = municipality(params.near_from)
    if params.near_from and start is None:
        problems.append("near_from")
        params = replace(params, near_from=None)
    start = start or school_place
    if start is None and (params.near_km is not None or params.sort == "afstand"):
        problems.append("near_unknown")
    return params, start, problems


def region_labels() -> dict[str, str]:
    """slug -> name of every region, each followed by the regions below it (the tree)."""
    regions = list(db.session.scalars(select(Region).order_by(Region.name)))
    children: dict[int | None, list[Region]] = {}
    for region in regions:
        children.setdefault(region.parent_id, []).append(region)
    labels: dict[str, str] = {}
    todo = list(reversed(children.get(None, [])))
    while todo:
        region = todo.pop()
        labels[region.slug] = region.name
        todo.extend(reversed(children.get(region.id, [])))
    return labels


def distances_from(start: Municipality) -> dict[str, int]:
    """``near`` token -> km from ``start`` (tokens of places without a centre are left out)."""
    distances = {EVERYWHERE: 0, here(start.slug): 0}
    for place in db.session.scalars(select(Municipality)):
        km = 0 if place.id == start.id else km_between(start, place)
        if km is not None:
            distances[at(place.slug)] = km
    return distances


def for_backend(params: SearchParams) -> SearchParams:
    """``params`` as a backend reads them: ``near_from``/``near_km`` as a ``near`` filter
    group and, for ``sorteer=afstand``, the ``distances``. Without a known starting place
    the nearness asks nothing (the page says so)."""
    start = municipality(params.near_from) if params.near_km is not None or params.sort == "afstand" else None
    if start is None:
        default_sort = "relevantie" if params.q else "nieuw"
        return replace(params, sort=default_sort) if params.sort == "afstand" else params
    distances = distances_from(start)
    filters = params.filters
    if params.near_km is not None:
        within = sorted(token for token, km in distances.items() if km <= params.near_km)
        filters = {**filters, "near": within}
    return replace(params, filters=filters, distances=distances if params.sort == "afstand" else {})
