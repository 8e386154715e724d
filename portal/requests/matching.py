"""Which provider organisations a request concerns: their offers and their own preferences.

A provider matches a request when one of its published offers shares the request's theme
and level (where the request names them) and serves the request's place: the municipality
by ``portal.offers.coverage`` (the same rule as white spots and the region filter), or, for
a request that may take place online, any offer given online (or teaching material).
Then the provider's ``RequestPreference`` decides: ``off`` hears nothing, a list of themes
narrows what it hears; without a preference a provider gets the daily digest.

The whole match is two queries (the offers, the preferences) and a loop in Python over the
candidate offers; ``bench/demand.py`` measures it against 10,000 providers.
"""

from __future__ import annotations

from sqlalchemy import select

from portal.extensions import db
from portal.models import (
    MailFrequency,
    Municipality,
    Offer,
    Organisation,
    RequestPreference,
    TeacherRequest,
)
from portal.models.offers import offer_term
from portal.models.statuses import OfferStatus
from portal.offers import coverage

DEFAULT_FREQUENCY = MailFrequency.DAILY


def matching_offer_organisations(request: TeacherRequest) -> set[int]:
    """Ids of provider organisations with a published offer that fits and serves the request."""
    query = coverage.offer_columns().add_columns(Offer.organisation_id)
    query = query.join(Organisation, Organisation.id == Offer.organisation_id).where(
        Offer.status == OfferStatus.PUBLISHED, Organisation.kind == "company"
    )
    for term_id in (request.theme_id, request.audience_id):
        if term_id is not None:  # IN, not a correlated EXISTS: one pass over offer_term per term
            with_term = select(offer_term.c.offer_id).where(offer_term.c.term_id == term_id)
            query = query.where(Offer.id.in_(with_term))
    place = db.session.get(Municipality, request.municipality_id) if request.municipality_id else None
    found: set[int] = set()
    for row in db.session.execute(query):
        if row.organisation_id in found:
            continue
        if _serves(row, request, place):
            found.add(row.organisation_id)
    return found


def _serves(offer, request: TeacherRequest, place: Municipality | None) -> bool:
    if coverage.reach_km(offer) is None:  # online, hybrid or material: everywhere
        return True
    if place is None:  # online only, and this offer is on location
        return False
    return place.id in coverage.served_municipality_ids(offer, [place])


def matching_providers(request: TeacherRequest) -> dict[int, MailFrequency]:
    """Organisation id -> how it wants to hear of the request, for every provider that
    matches and has not switched request mail off."""
    candidates = matching_offer_organisations(request)
    if not candidates:
        return {}
    prefs = {
        p.organisation_id: p
        for p in db.session.scalars(
            select(RequestPreference).where(RequestPreference.organisation_id.in_(candidates))
        )
    }
    result: dict[int, MailFrequency] = {}
    for organisation_id in candidates:
        pref = prefs.get(organisation_id)
        frequency = pref.frequency if pref is not None else DEFAULT_FREQUENCY
        if frequency == MailFrequency.OFF:
            continue
        themes = (pref.theme_ids if pref is not None else None) or []
        if themes and request.theme_id is not None and request.theme_id not in themes:
            continue
        result[organisation_id] = frequency
    return result
