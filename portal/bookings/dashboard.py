"""The bookings sections of ``/mijn``: what a teacher and a provider must see first."""
from __future__ import annotations

from portal.bookings import queries, services


def provider_section(user):
    context = queries.provider_overview(user)
    context["labels"] = services.STATUS_LABELS
    return "bookings/_dashboard_provider.html", context


def teacher_section(user):
    context = queries.teacher_overview(user)
    context["labels"] = services.STATUS_LABELS
    return "bookings/_dashboard_teacher.html", context
