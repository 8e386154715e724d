"""Short-list rules: save and remove an offer, the list with what is still available, and
which saved offers may be compared.

Plain arguments in, ``ShortlistError`` out; the views decide who may see which offer.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload

from portal.exceptions import DomainError
from portal.extensions import db
from portal.models import Offer, SavedOffer, User

MAX_SAVED = 50
COMPARE_MIN, COMPARE_MAX = 2, 3


class ShortlistError(DomainError):
    """A refused change to, or choice from, a short list."""


@dataclass(frozen=True)
class Entry:
    """One saved offer as the list shows it; ``available`` is False once it is no longer
    published (archived, taken offline): it stays on the list, marked, until removed."""

    offer: Offer
    available: bool


def is_saved(user: User, offer_id: int) -> bool:
    return db.session.get(SavedOffer, (user.id, offer_id)) is not None


def saved_ids(user: User) -> set[int]:
    return set(db.session.scalars(select(SavedOffer.offer_id).where(SavedOffer.user_id == user.id)))


def count(user: User) -> int:
    return (
        db.session.scalar(select(func.count()).select_from(SavedOffer).where(SavedOffer.user_id == user.id))
        or 0
    )


def set_saved(user: User, offer: Offer, want: bool | None = None) -> bool:
    """Save (``want=True``), remove (``False``) or toggle (``None``) ``offer`` on the user's
    list; returns whether it is saved now. Saving what is saved, or removing what is not,
    changes nothing (a repeated click or request is harmless)."""
    entry = db.session.get(SavedOffer, (user.id, offer.id))
    if want is None:
        want = entry is None
    if want and entry is None:
        _add(user, offer)
    elif not want and entry is not None:
        db.session.delete(entry)
        db.session.flush()
    return want


def _add(user: User, offer: Offer) -> None:
    if count(user) >= MAX_SAVED:
        raise ShortlistError(
            _l(
                "You have saved %(max)d offers, the most a list can hold. Remove one you no "
                "longer need, then save this one.",
                max=MAX_SAVED,
            )
        )
    try:
        with db.session.begin_nested():  # the same click in two tabs: one row, no error
            db.session.add(SavedOffer(user_id=user.id, offer_id=offer.id))
    except IntegrityError:
        pass


def entries(user: User) -> list[Entry]:
    """The user's saved offers, newest first, with what the cards need loaded at once."""
    offers = db.session.scalars(
        select(Offer)
        .join(SavedOffer, SavedOffer.offer_id == Offer.id)
        .where(SavedOffer.user_id == user.id)
        .order_by(SavedOffer.created_at.desc(), SavedOffer.offer_id.desc())
        .options(
            selectinload(Offer.organisation),
            selectinload(Offer.municipality),
            selectinload(Offer.slots),
            selectinload(Offer.terms),
        )
    ).all()
    return [Entry(offer, offer.is_published) for offer in offers]


def parse_ids(raw: list[str]) -> list[int]:
    """The offer ids of a comparison link, in the order given, each once; anything that is
    not a plain number is refused with a message (never an error page)."""
    ids: list[int] = []
    for value in raw:
        value = value.strip()
        if not value.isdigit() or len(value) > 9:
            raise ShortlistError(_l("That link does not name saved offers. Choose them again below."))
        if int(value) not in ids:
            ids.append(int(value))
    return ids


def to_compare(user: User, ids: list[int]) -> list[Offer]:
    """Two or three offers from the user's own list that are still available, in the
    order chosen; anything else is refused with a message that says what to do."""
    if len(ids) < COMPARE_MIN:
        raise ShortlistError(_l("Choose two or three saved offers to compare."))
    if len(ids) > COMPARE_MAX:
        raise ShortlistError(_l("You can compare at most three offers at a time. Choose two or three."))
    by_id = {entry.offer.id: entry for entry in entries(user)}
    chosen = [by_id.get(offer_id) for offer_id in ids]
    if any(entry is None for entry in chosen):
        raise ShortlistError(
            _l("You can only compare offers on your own saved list. Choose them again below.")
        )
    if not all(entry.available for entry in chosen if entry is not None):
        raise ShortlistError(
            _l("An offer you chose is no longer available, so it cannot be compared. Choose another one.")
        )
    return [entry.offer for entry in chosen if entry is not None]
