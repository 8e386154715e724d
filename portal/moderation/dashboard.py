"""The coordinator's ``/mijn`` section: how many offers wait for review."""
from __future__ import annotations

from portal.dashboard.registry import dashboard_section
from portal.moderation import services


@dashboard_section("moderation-waiting", roles={"coordinator", "admin"}, order=5)
def waiting(user):
    return "moderation/_dashboard.html", {"waiting": services.waiting_count(user)}
