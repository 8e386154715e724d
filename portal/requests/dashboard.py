"""The request sections of ``/mijn``: a teacher's requests and their answers, the requests a
provider was told of and its answers, the review queue of coordinators."""

from __future__ import annotations

from portal.permissions import acting_organisation_id, can_moderate_request
from portal.requests import queries


def teacher_section(user):
    rows = queries.teacher_requests(user)
    return "requests/_dashboard_teacher.html", {"requests": rows}


def provider_section(user):
    if acting_organisation_id(user) is None:
        return None
    return "requests/_dashboard_provider.html", queries.provider_overview(user)


def staff_section(user):
    return "requests/_dashboard_staff.html", {
        "waiting": queries.waiting_for_review(user, can_moderate_request)
    }
