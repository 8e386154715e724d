"""A coordinator's scope: the municipalities of a region and of the regions below it, and the
coordinators whose scope holds a municipality.

Permission checks ask for it once per row of a list (``permissions.in_scope``), so the
answer is kept for the rest of the request (in ``g``); the model itself only queries.
"""

from __future__ import annotations

from flask import g, has_app_context
from sqlalchemy import select

from portal.extensions import db
from portal.models.accounts import User
from portal.models.geo import Municipality, Region


def municipality_ids(region: Region) -> set[int]:
    """The municipalities in scope of ``region``, asked once per request."""
    if not has_app_context():
        return region.municipality_ids()
    cache: dict[int, set[int]] = g.setdefault("_region_municipality_ids", {})
    if region.id not in cache:
        cache[region.id] = region.municipality_ids()
    return cache[region.id]


def coordinators_for(municipality: Municipality | None) -> list[User]:
    """Active coordinators whose region (or a wider region above it) holds the municipality:
    who is told of a submitted offer, or decides on members of an organisation without admin."""
    if municipality is None or municipality.region is None:
        return []
    return list(
        db.session.scalars(
            select(User).where(
                User.role == "coordinator",
                User.active.is_(True),
                User.region_id.in_(municipality.region.ancestor_ids()),
            )
        )
    )
