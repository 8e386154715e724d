"""Demo saved searches: the demo teacher gets a weekly mail about new energy offers and a
daily one about robots, so ``/mijn/zoekopdrachten`` and the /mijn section show something
and ``flask --app portal alerts send`` has searches to run (idempotent)."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from portal.models import AlertFrequency, SavedSearch, utcnow

SEARCHES = (
    (
        "Energie en duurzaamheid",
        "thema=energietransitie&thema=duurzaamheid&niveau=alle",
        AlertFrequency.WEEKLY,
    ),
    ("Robots", "q=robots&niveau=alle", AlertFrequency.DAILY),
)


def seed_saved_searches(session, made: dict) -> None:
    teacher = made.get("users", {}).get("teacher")
    if teacher is None or session.scalar(select(SavedSearch.id).where(SavedSearch.user_id == teacher.id)):
        return
    now = utcnow()
    for age, (name, query, frequency) in enumerate(SEARCHES):
        session.add(
            SavedSearch(
                user_id=teacher.id,
                name=name,
                kind="offer",
                query=query,
                frequency=frequency,
                created_at=now - timedelta(days=age + 1),
                checked_until=now - timedelta(days=age + 1),
            )
        )
    session.flush()
