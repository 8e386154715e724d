"""Demo data for ``flask --app portal seed-demo``: fictional schools, companies, people.

The steps run in the order of ``STEPS``; each receives the session and the dict of what
earlier steps made, and must be idempotent. No real people's data.
"""

from __future__ import annotations

from portal.demo.accounts import DEMO_DOMAIN, DEMO_PASSWORD, seed_accounts
from portal.demo.articles import seed_articles
from portal.demo.bookings import seed_bookings
from portal.demo.history import seed_history
from portal.demo.offers import seed_offers
from portal.demo.requests import seed_requests
from portal.demo.saved_offers import seed_saved_offers
from portal.demo.saved_searches import seed_saved_searches

__all__ = ["DEMO_DOMAIN", "DEMO_PASSWORD", "STEPS", "run_steps"]

STEPS = (
    seed_accounts,
    seed_offers,
    seed_bookings,
    seed_saved_offers,
    seed_articles,
    seed_saved_searches,
    seed_history,
    seed_requests,
)


def run_steps(session) -> dict:
    made: dict = {}
    for step in STEPS:
        step(session, made)
    return made
