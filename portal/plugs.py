"""What the areas add to pages and rules that belong to no single area (a leaf module).

Each area's ``init_app`` adds its pieces to ``plugs(app)``: sections on the home page and
on ``/mijn``, navigation badge counts, AVG data exporters and erasers, health checks for
``/healthz``. The pages and rules that show them read ``plugs()`` and know no area.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from flask import Flask, current_app

KEY = "portal.plugs"


@dataclass(frozen=True)
class Section:
    """A block on ``/mijn``: ``build(user)`` returns ``(template, context)`` or None."""

    name: str
    roles: frozenset[str]
    order: int
    build: Callable[[Any], tuple[str, dict] | None]


@dataclass
class Plugs:
    sections: list[Section] = field(default_factory=list)
    home_sections: list[tuple[int, str, Callable[[], dict]]] = field(default_factory=list)
    health_checks: dict[str, Callable[[], bool]] = field(default_factory=dict)
    nav_badges: dict[str, Callable[[Any], int]] = field(default_factory=dict)
    exporters: list[Callable[[Any], tuple[str, Any]]] = field(default_factory=list)
    erasers: list[Callable[[Any], None]] = field(default_factory=list)

    def add_section(self, name: str, roles: set[str], order: int, build: Callable) -> None:
        """A block on ``/mijn`` for these roles (lower ``order`` first)."""
        self.sections.append(Section(name, frozenset(roles), order, build))

    def add_home_section(self, order: int, template: str, build: Callable[[], dict]) -> None:
        self.home_sections.append((order, template, build))


def init_app(app: Flask) -> None:
    app.extensions[KEY] = Plugs()


def plugs(app: Flask | None = None) -> Plugs:
    return (app or current_app).extensions[KEY]
