"""The coordinator's ``/mijn`` section: how many offers wait for review."""

from __future__ import annotations

from portal.moderation import services


def waiting(user):
    return "moderation/_dashboard.html", {"waiting": services.waiting_count(user)}
