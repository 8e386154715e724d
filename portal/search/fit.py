"""Does an offer fit a class: a teacher's levels, short level labels, "not for vmbo BB".

A teacher's levels are the audience codes on their profile (``user.teaching_levels``) or,
while those are empty, every level of their school's sector (po: the po groups; vo: the vmbo
leerwegen). They pre-fill the /aanbod audience filter, mark cards and the offer page of
offers that are not for those levels, and narrow "similar offers". An offer fits when it
names one of the levels, or names no audience at all (nothing says it does not fit).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from flask_babel import gettext as _
from sqlalchemy import select

from portal.extensions import db
from portal.models import Offer, Term
from portal.permissions import acting_organisation

_PARENTHESES = re.compile(r"\s*\(([^)]*)\)\s*")
_RANGE = re.compile(r"^(\d+)-(\d+)$")


def sector_levels(sector: str | None) -> list[str]:
    """The audience codes of a school sector: po -> the po groups, vo -> the vmbo leerwegen."""
    if sector not in ("po", "vo"):
        return []
    terms = db.session.scalars(
        select(Term)
        .where(Term.vocabulary == "audience", Term.group == sector, Term.active.is_(True))
        .order_by(Term.position)
    )
    return [t.code for t in terms if sector == "po" or t.code.startswith("vmbo")]


def teacher_levels(user) -> list[str]:
    """The levels a teacher teaches (their own choice, else their school's sector); [] for
    visitors and everyone who is not a teacher with a school."""
    if not getattr(user, "is_authenticated", False) or user.role != "teacher":
        return []
    if user.teaching_levels:
        return [code for code in user.teaching_levels if isinstance(code, str)]
    school = acting_organisation(user)
    return sector_levels(school.sector) if school is not None and school.kind == "school" else []


def short_label(term: Term) -> str:
    """ "groep 7-8", "vmbo BB", "havo" for audiences; "PIE", "Groen" for vmbo profiles."""
    match = _PARENTHESES.search(term.label)
    if term.vocabulary == "profile" and match:
        return match.group(1)
    label = _PARENTHESES.sub(" ", term.label).strip()
    if term.vocabulary == "audience" and term.group == "po" and label.startswith("po "):
        label = label[3:]
    return label


def _joined(parts: list[str]) -> str:
    """ "7-8" + "5-6" -> "5-8"; "BB" + "KB" -> "BB/KB"."""
    ranges = [m for m in (_RANGE.match(p) for p in parts) if m]
    if len(ranges) != len(parts):
        return "/".join(parts)
    merged: list[list[int]] = []
    for low, high in sorted((int(m.group(1)), int(m.group(2))) for m in ranges):
        if merged and low <= merged[-1][1] + 1:
            merged[-1][1] = max(merged[-1][1], high)
        else:
            merged.append([low, high])
    return ", ".join(f"{low}-{high}" for low, high in merged)


def short_labels(terms: list[Term]) -> list[str]:
    """Short labels with a shared first word written once: ["groep 5-8", "vmbo BB/KB"]."""
    by_head: dict[str, list[str]] = {}
    for term in terms:
        head, _sep, tail = short_label(term).rpartition(" ")
        by_head.setdefault(head, []).append(tail)
    return [f"{head} {_joined(tails)}".strip() for head, tails in by_head.items()]


@dataclass(frozen=True)
class Fit:
    """The levels a page is about (``codes``) and how they read (``label``: "vmbo BB/KB")."""

    codes: frozenset[str]
    label: str

    def fits(self, offer: Offer) -> bool:
        audiences = {t.code for t in offer.audiences}
        return not audiences or bool(audiences & self.codes)

    def notice(self, offer: Offer) -> str | None:
        """ "Not for vmbo BB" when the offer names audiences and none of these levels."""
        return None if self.fits(offer) else _("Not for %(levels)s", levels=self.label)


def fit_for(codes) -> Fit | None:
    """The Fit of these audience codes (unknown codes dropped), or None without any."""
    wanted = set(codes or ())
    if not wanted:
        return None
    terms = [
        t
        for t in db.session.scalars(select(Term).where(Term.vocabulary == "audience").order_by(Term.position))
        if t.code in wanted
    ]
    if not terms:
        return None
    return Fit(frozenset(t.code for t in terms), ", ".join(short_labels(terms)))
