"""Demo data for ``flask --app portal seed-demo``: fictional schools, companies, people.

Each area adds a step with ``@demo_step(order)``; a step receives the session and the
dict of what earlier steps made, and must be idempotent. No real people's data.
"""
from __future__ import annotations

from collections.abc import Callable

STEPS: list[tuple[int, Callable]] = []
DEMO_PASSWORD = "demo-wachtwoord"
DEMO_DOMAIN = "demo.techniekflevoland.nl"


def demo_step(order: int):
    def register(fn: Callable) -> Callable:
        STEPS.append((order, fn))
        return fn

    return register


def run_steps(session) -> dict:
    import portal.demo.accounts  # noqa: F401  (each import registers its step)
    import portal.demo.bookings  # noqa: F401
    import portal.demo.offers  # noqa: F401

    made: dict = {}
    for _, step in sorted(STEPS, key=lambda s: s[0]):
        step(session, made)
    return made
