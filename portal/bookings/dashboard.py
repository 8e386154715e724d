"""The bookings sections of ``/mijn``: what a teacher and a provider must see first."""

from __future__ import annotations

from portal.bookings import queries


def provider_section(user):
    return "bookings/_dashboard_provider.html", queries.provider_overview(user)


def teacher_section(user):
    return "bookings/_dashboard_teacher.html", queries.teacher_overview(user)
