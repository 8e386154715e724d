"""Distances between places, municipality to municipality: the "ca. 12 km" on an offer card.

Both sides are municipality centres (``Municipality.latitude/longitude``), so the answer is
an honest "about" as the crow flies, not a route. No coordinates on either side: no answer.
A leaf module: it imports nothing of the portal.
"""

from __future__ import annotations

from math import asin, cos, radians, sin, sqrt
from typing import Protocol

EARTH_RADIUS_KM = 6371.0


class Place(Protocol):
    latitude: float | None
    longitude: float | None


def km_between(a: Place | None, b: Place | None) -> int | None:
    """Whole kilometres between two places (haversine), or None when either has no
    coordinates. The same place (or two places under a kilometre apart) is 0."""
    if a is None or b is None:
        return None
    if a.latitude is None or a.longitude is None or b.latitude is None or b.longitude is None:
        return None
    lat1, lon1, lat2, lon2 = (radians(v) for v in (a.latitude, a.longitude, b.latitude, b.longitude))
    h = sin((lat2 - lat1) / 2) ** 2 + cos(lat1) * cos(lat2) * sin((lon2 - lon1) / 2) ** 2
    return round(2 * EARTH_RADIUS_KM * asin(min(1.0, sqrt(h))))
