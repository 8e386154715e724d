"""Home page sections: featured offers (chosen by coordinators) and recently published."""

from __future__ import annotations

from flask_login import current_user
from sqlalchemy import select

from portal.extensions import db
from portal.models import Offer
from portal.models.statuses import OfferStatus
from portal.offers.cards import CARD_LOADING, cards_for
from portal.search.fit import fit_for, teacher_levels

CARDS = 6


def _published():
    return select(Offer).where(Offer.status == OfferStatus.PUBLISHED).options(*CARD_LOADING)


def _section(kind: str, offers) -> dict:
    """The offers with their cards, as the visitor sees them (distance, levels)."""
    fit = fit_for(teacher_levels(current_user))
    return {"offers": offers, "kind": kind, "cards": cards_for(offers, current_user, fit)}


def featured() -> dict:
    offers = db.session.scalars(
        _published().where(Offer.featured.is_(True)).order_by(Offer.published_at.desc()).limit(CARDS)
    ).all()
    return _section("featured", offers)


def recent() -> dict:
    offers = db.session.scalars(
        _published().order_by(Offer.published_at.desc(), Offer.id.desc()).limit(CARDS)
    ).all()
    return _section("recent", offers)
