"""Human labels for the offer enumerations (kind, location, booking mode...); a status
carries its own (``offer.status.label``, ``portal.models.statuses.OfferStatus``)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

KIND_LABELS = {
    "guest_lesson": _l("Guest lesson"),
    "company_visit": _l("Company visit"),
    "material": _l("Teaching material"),
    "guest_teacher": _l("Guest teacher"),
    "facility": _l("Facility"),
}
KIND_HELP = {
    "guest_lesson": _l("Someone from your organisation teaches a lesson at the school."),
    "company_visit": _l("A class visits your company or institution."),
    "material": _l("Lesson material that schools borrow, receive or download."),
    "guest_teacher": _l("An employee teaches part-time at a school."),
    "facility": _l("Rooms or machines that schools can use."),
}
# History rows whose event says more than the status they end in (see lifecycle.py).
EVENT_LABELS = {
    "edit_submitted": _l("Changes submitted"),
    "edit_approved": _l("Changes approved"),
    "edit_rejected": _l("Changes rejected"),
    "edit_published": _l("Changes published"),
    "unpublish": _l("Taken offline"),
    "dates_added": _l("Dates added"),
}
LOCATION_LABELS = {
    "onsite": _l("On location"),
    "online": _l("Online"),
    "hybrid": _l("On location or online"),
}
BOOKING_LABELS = {
    "request": _l("Request with preferred dates"),
    "slots": _l("Fixed dates with places"),
    "download": _l("Download only"),
}
CAPACITY_LABELS = {"pupils": _l("pupils"), "groups": _l("groups")}

_BY_FIELD = {
    "kind": KIND_LABELS,
    "location_mode": LOCATION_LABELS,
    "booking_mode": BOOKING_LABELS,
    "capacity_unit": CAPACITY_LABELS,
}


def label_of(field: str, value: str | None) -> str:
    labels = _BY_FIELD.get(field, {})
    return str(labels.get(value or "", value or ""))
