"""The provider's section on ``/mijn``: my organisation's offers by status."""

from __future__ import annotations

from sqlalchemy import func, select

from portal.extensions import db
from portal.models import Offer
from portal.models.offers import SUBMITTABLE
from portal.models.statuses import OfferStatus
from portal.permissions import acting_organisation_id


def my_offers(user):
    organisation_id = acting_organisation_id(user)
    if organisation_id is None:
        return None
    counts = dict(
        db.session.execute(
            select(Offer.status, func.count())
            .where(Offer.organisation_id == organisation_id)
            .group_by(Offer.status)
        )
        .tuples()
        .all()
    )
    attention = db.session.scalars(
        select(Offer)
        .where(Offer.organisation_id == organisation_id, Offer.status.in_(SUBMITTABLE))
        .order_by(Offer.updated_at.desc())
        .limit(5)
    ).all()
    rows = [(status, status.label, counts.get(status, 0)) for status in OfferStatus]
    return "offers/_dashboard.html", {"rows": rows, "attention": attention, "total": sum(counts.values())}
