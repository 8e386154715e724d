"""The bookings sections of ``/mijn``: what a teacher and a provider must see first.

Someone who does not (yet) act for an organisation has no bookings to see: no section."""

from __future__ import annotations

from portal.bookings import queries
from portal.permissions import acting_organisation_id


def provider_section(user):
    if acting_organisation_id(user) is None:
        return None
    return "bookings/_dashboard_provider.html", queries.provider_overview(user)


def teacher_section(user):
    if acting_organisation_id(user) is None:
        return None
    return "bookings/_dashboard_teacher.html", queries.teacher_overview(user)
