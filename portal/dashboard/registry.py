"""Dashboard sections: each area registers what it shows on ``/mijn`` for which roles.

    @dashboard_section("bookings-upcoming", roles={"teacher"}, order=10)
    def upcoming(user):
        return "bookings/_dashboard_upcoming.html", {"bookings": ...}

The dashboard view knows no area; an area knows no other area's section.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Section:
    name: str
    roles: frozenset[str]
    order: int
    build: Callable


SECTIONS: dict[str, Section] = {}


def dashboard_section(name: str, roles: set[str], order: int = 50):
    def register(fn: Callable) -> Callable:
        SECTIONS[name] = Section(name, frozenset(roles), order, fn)
        return fn

    return register


def sections_for(user) -> list[tuple[str, dict]]:
    """(template, context) for every section this user's role sees, in order."""
    chosen = sorted(
        (s for s in SECTIONS.values() if user.role in s.roles), key=lambda s: (s.order, s.name)
    )
    built = []
    for section in chosen:
        result = section.build(user)
        if result is not None:
            built.append(result)
    return built
