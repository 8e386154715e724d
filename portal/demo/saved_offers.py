"""Demo short list: the demo teacher has saved three offers (two about energy, one about
robots), so ``/bewaard`` and its comparison show something (idempotent)."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from portal.models import Offer, SavedOffer, utcnow
from portal.models.statuses import OfferStatus

SAVED = ("demo-002", "demo-007", "demo-001")


def seed_saved_offers(session, made: dict) -> None:
    teacher = made.get("users", {}).get("teacher")
    if teacher is None or session.scalar(select(SavedOffer.offer_id).where(SavedOffer.user_id == teacher.id)):
        return
    offers = {
        o.external_id: o
        for o in session.scalars(
            select(Offer).where(Offer.external_id.in_(SAVED), Offer.status == OfferStatus.PUBLISHED)
        )
    }
    now = utcnow()
    for age, external_id in enumerate(SAVED):
        if external_id in offers:
            session.add(
                SavedOffer(
                    user_id=teacher.id, offer_id=offers[external_id].id, created_at=now - timedelta(days=age)
                )
            )
    session.flush()
