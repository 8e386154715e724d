"""A coordinator's scope: the municipalities of a region and of the regions below it.

Permission checks ask for it once per row of a list (``permissions.in_scope``), so the
answer is kept for the rest of the request (in ``g``); the model itself only queries.
"""

from __future__ import annotations

from flask import g, has_app_context

from portal.models.geo import Region


def municipality_ids(region: Region) -> set[int]:
    """The municipalities in scope of ``region``, asked once per request."""
    if not has_app_context():
        return region.municipality_ids()
    cache: dict[int, set[int]] = g.setdefault("_region_municipality_ids", {})
    if region.id not in cache:
        cache[region.id] = region.municipality_ids()
    return cache[region.id]
