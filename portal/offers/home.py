"""Home page sections: featured offers (chosen by coordinators) and recently published."""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from portal.extensions import db
from portal.main.views import HOME_SECTIONS
from portal.models import Attachment, Offer

CARDS = 6


def _published():
    return (
        select(Offer)
        .where(Offer.status == "published")
        .options(selectinload(Offer.organisation), selectinload(Offer.municipality),
                 selectinload(Offer.attachments), selectinload(Offer.terms))
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
    return next((a for a in offer.attachments if a.kind == "image" and not a.awaiting_review),
                None)


def _register() -> None:
    names = {template + str(order) for order, template, _ in HOME_SECTIONS}
    for order, fn in ((10, featured), (20, recent)):
        if f"offers/_home_section.html{order}" not in names:
            HOME_SECTIONS.append((order, "offers/_home_section.html", fn))


_register()
