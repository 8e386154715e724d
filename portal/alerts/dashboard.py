"""The saved searches on ``/mijn``: the newest few, how often each mails, and where to manage them."""

from __future__ import annotations

from portal.alerts import searches

SHOWN = 5


def searches_section(user):
    """Everyone with a saved search sees them; a teacher also learns that saving exists."""
    saved = searches.of_user(user)
    if not saved and user.role != "teacher":
        return None
    return "alerts/_dashboard.html", {"searches": saved[:SHOWN], "total": len(saved)}
