"""AVG: a person's saved searches in their data export, and gone with their account."""

from __future__ import annotations

from sqlalchemy import delete, select

from portal.extensions import db
from portal.models import SavedSearch, User


def export_searches(user: User) -> tuple[str, list]:
    """Each saved search: its name, the search itself, how often it mails, and when."""
    rows = db.session.scalars(
        select(SavedSearch).where(SavedSearch.user_id == user.id).order_by(SavedSearch.id)
    )
    return "saved_searches", [
        {
            "name": s.name,
            "search": s.query,
            "of": "requests" if s.kind == "request" else "offers",
            "frequency": s.frequency.value,
            "paused": s.paused,
            "saved_at": s.created_at,
            "last_mail_at": s.last_sent_at,
        }
        for s in rows
    ]


def erase_searches(user: User) -> None:
    """A deleted account is mailed nothing more (the user row itself stays, anonymised)."""
    db.session.execute(delete(SavedSearch).where(SavedSearch.user_id == user.id))
