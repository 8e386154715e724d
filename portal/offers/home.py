"""Home page sections: featured offers (chosen by coordinators) and recently published."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from portal.extensions import db
from portal.models import Attachment, Offer
from portal.models.statuses import OfferStatus

CARDS = 6


def _published():
    return (
        select(Offer)
        .where(Offer.status == OfferStatus.PUBLISHED)
        .options(
            selectinload(Offer.organisation),
            selectinload(Offer.municipality),
            selectinload(Offer.attachments),
            selectinload(Offer.terms),
        )
    )


def featured() -> dict:
    offers = db.session.scalars(
        _published().where(Offer.featured.is_(True)).order_by(Offer.published_at.desc()).limit(CARDS)
    ).all()
    return {"offers": offers, "kind": "featured"}


def recent() -> dict:
    offers = db.session.scalars(
        _published().order_by(Offer.published_at.desc(), Offer.id.desc()).limit(CARDS)
    ).all()
    return {"offers": offers, "kind": "recent"}


def first_image(offer: Offer) -> Attachment | None:
    """The card's image: never a file that still waits for review."""
    return next((a for a in offer.attachments if a.kind == "image" and not a.awaiting_review), None)
