"""The distance on an offer card: municipality centre to municipality centre, whole km."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from portal.distance import km_between
from portal.reference_data import MUNICIPALITY_PLACES


def place(slug: str):
    latitude, longitude, _ = MUNICIPALITY_PLACES[slug]
    return SimpleNamespace(latitude=latitude, longitude=longitude)


@pytest.mark.parametrize(
    ("a", "b", "km"),
    [
        ("almere", "lelystad", 23),  # about 23 km as the crow flies
        ("lelystad", "dronten", 17),
        ("almere", "noordoostpolder", 52),
        ("urk", "noordoostpolder", 11),
    ],
)
def test_whole_kilometres_between_two_municipalities(a, b, km):
    assert km_between(place(a), place(b)) == km
    assert km_between(place(b), place(a)) == km  # the same both ways


def test_the_same_municipality_is_zero_km():
    assert km_between(place("urk"), place("urk")) == 0


@pytest.mark.parametrize(
    "other",
    [
        None,
        SimpleNamespace(latitude=None, longitude=None),
        SimpleNamespace(latitude=52.5, longitude=None),
    ],
)
def test_no_distance_without_coordinates_on_either_side(other):
    assert km_between(place("almere"), other) is None
    assert km_between(other, place("almere")) is None


def test_far_apart_places_do_not_break_the_formula():
    north_pole = SimpleNamespace(latitude=90.0, longitude=0.0)
    south_pole = SimpleNamespace(latitude=-90.0, longitude=180.0)
    assert km_between(north_pole, south_pole) == 20015  # half the earth's circumference
