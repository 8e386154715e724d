"""Taxonomy rules: add, rename, reorder, (de)activate and delete terms of a vocabulary.

Services take plain arguments and raise ``TaxonomyError`` with a Dutch-ready message (on
the ``label`` field when the name is the problem); they never commit.
"""

from __future__ import annotations

import re
import unicodedata

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from sqlalchemy import func, select

from portal.exceptions import DomainError
from portal.extensions import db
from portal.models import VOCABULARIES, Booking, Term
from portal.models.offers import offer_term


class TaxonomyError(DomainError):
    """A taxonomy change that is refused; ``str(error)`` is the message for the user."""


def code_from_label(label: str) -> str:
    """ "Zorg & Welzijn (Z&W)" -> "zorg-welzijn-z-w": ASCII, lower case, dashes."""
    text = unicodedata.normalize("NFKD", label).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:60] or "term"


def terms_by_vocabulary() -> dict[str, list[Term]]:
    terms = db.session.scalars(select(Term).order_by(Term.position, Term.id))
    grouped: dict[str, list[Term]] = {v: [] for v in VOCABULARIES}
    for term in terms:
        grouped.setdefault(term.vocabulary, []).append(term)
    return grouped


def usage_count(term: Term) -> int:
    """How many offers (any status) use this term."""
    return (
        db.session.scalar(select(func.count()).select_from(offer_term).where(offer_term.c.term_id == term.id))
        or 0
    )


def usage_counts() -> dict[int, int]:
    rows = db.session.execute(select(offer_term.c.term_id, func.count()).group_by(offer_term.c.term_id))
    return {term_id: count for term_id, count in rows}


def _unique_code(vocabulary: str, label: str) -> str:
    base = code_from_label(label)
    taken = set(db.session.scalars(select(Term.code).where(Term.vocabulary == vocabulary)))
    code, n = base, 2
    while code in taken:
        code = f"{base[:56]}-{n}"
        n += 1
    return code


def _check_label(vocabulary: str, label: str, exclude_id: int | None = None) -> str:
    label = " ".join((label or "").split())
    if not label:
        raise TaxonomyError(_l("Enter a name for the term."), "label")
    clash = db.session.scalar(
        select(Term.id).where(
            Term.vocabulary == vocabulary,
            func.lower(Term.label) == label.lower(),
            Term.id != (exclude_id or 0),
        )
    )
    if clash:
        raise TaxonomyError(_l("This list already has a term with that name."), "label")
    return label


def add_term(vocabulary: str, label: str, group: str | None = None) -> Term:
    if vocabulary not in VOCABULARIES:
        raise TaxonomyError(_l("Unknown list."))
    label = _check_label(vocabulary, label)
    last = db.session.scalar(select(func.max(Term.position)).where(Term.vocabulary == vocabulary))
    term = Term(
        vocabulary=vocabulary,
        code=_unique_code(vocabulary, label),
        label=label,
        group=group or None,
        position=(last or 0) + 1,
        active=True,
    )
    db.session.add(term)
    db.session.flush()
    return term


def rename_term(term: Term, label: str) -> Term:
    """Change the label; the code stays, so saved searches and imports keep working."""
    term.label = _check_label(term.vocabulary, label, exclude_id=term.id)
    return term


def move_term(term: Term, direction: int) -> None:
    """Swap with the neighbour above (-1) or below (+1); positions are renumbered 0..n."""
    siblings = list(
        db.session.scalars(
            select(Term).where(Term.vocabulary == term.vocabulary).order_by(Term.position, Term.id)
        )
    )
    index = siblings.index(term)
    target = index + (1 if direction > 0 else -1)
    if 0 <= target < len(siblings):
        siblings[index], siblings[target] = siblings[target], siblings[index]
    for position, sibling in enumerate(siblings):
        sibling.position = position


def set_active(term: Term, active: bool) -> None:
    term.active = active


def delete_term(term: Term) -> None:
    """Delete a term no offer uses; otherwise refuse and say how many offers use it."""
    count = usage_count(term)
    if count:
        raise TaxonomyError(
            ngettext(
                "%(num)d offer uses this term, so it cannot be deleted. Deactivate it instead: "
                "it then disappears from forms and filters.",
                "%(num)d offers use this term, so it cannot be deleted. Deactivate it instead: "
                "it then disappears from forms and filters.",
                count,
            )
        )
    if db.session.scalar(select(func.count(Booking.id)).where(Booking.audience_id == term.id)):
        raise TaxonomyError(
            _(
                "Bookings use this term as their group or level, so it cannot be deleted. "
                "Deactivate it instead: it then disappears from forms and filters."
            )
        )
    db.session.delete(term)
