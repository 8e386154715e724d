"""AVG: a person's short list in their data export, and gone with their account."""

from __future__ import annotations

from sqlalchemy import select

from portal.extensions import db
from portal.models import Offer, SavedOffer, User


def export_saved(user: User) -> tuple[str, list]:
    """What the person saved, and when."""
    rows = db.session.execute(
        select(SavedOffer.offer_id, Offer.title, SavedOffer.created_at)
        .join(Offer, Offer.id == SavedOffer.offer_id)
        .where(SavedOffer.user_id == user.id)
        .order_by(SavedOffer.created_at, SavedOffer.offer_id)
    ).all()
    return "saved_offers", [{"offer_id": i, "offer": title, "saved_at": at} for i, title, at in rows]


def erase_saved(user: User) -> None:
    """A deleted account keeps no list (the user row itself stays, anonymised)."""
    db.session.execute(db.delete(SavedOffer).where(SavedOffer.user_id == user.id))
