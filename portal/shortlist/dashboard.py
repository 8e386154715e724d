"""The short list on ``/mijn``: how many offers are saved and the newest few."""

from __future__ import annotations

from portal.shortlist import services

SHOWN = 5


def saved_section(user):
    """Every role that saved something sees it; a teacher also learns that saving exists."""
    entries = services.entries(user)
    if not entries and user.role != "teacher":
        return None
    return "shortlist/_dashboard.html", {"entries": entries[:SHOWN], "total": len(entries)}
