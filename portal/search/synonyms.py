"""Search synonyms: the vocabulary coordinators edit, applied whenever a query is analysed.

``expansions(word)`` answers "what else does a search for this folded word find" from a
cache of the ``search_synonym`` rows, one per app (so one per process). The cache is checked against a cheap
stamp of the table (count, last id, last change) at most every ``CHECK_SECONDS``, and at
once on the next search after a change made in this process, so an edit works on the
next search here and within seconds in every other worker; the index is never touched.

The rules for a row (``add``, ``update``, ``delete``) raise ``SynonymError``; they never
commit (the request does).
"""

from __future__ import annotations

import logging
import re
import threading
import time
from collections import defaultdict

from flask import current_app, has_app_context
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select
from sqlalchemy.exc import SQLAlchemyError

from portal.exceptions import DomainError
from portal.extensions import db
from portal.models import SearchSynonym
from portal.search.dutch import fold, lemma

CHECK_SECONDS = 2.0
MAX_TERM, MAX_SYNONYMS, MAX_PHRASE_WORDS, MAX_PHRASES = 60, 300, 4, 10
_TERM_RE = re.compile(r"^[^\W_]+(?:[-:'’.][^\W_]+)*$")
_PHRASE_RE = re.compile(r"^[^\W_]+(?:[-:'’.\s][^\W_]+)*$")

log = logging.getLogger(__name__)


class SynonymError(DomainError):
    """A synonym change that is refused; ``field`` names the form field."""


class _Cache:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.stamp: tuple | None = None
        self.checked = float("-inf")
        self.mapping: dict[str, tuple[str, ...]] = {}

    def current(self) -> dict[str, tuple[str, ...]]:
        now = time.monotonic()
        if now - self.checked < CHECK_SECONDS:
            return self.mapping
        with self.lock:
            if now - self.checked >= CHECK_SECONDS:
                self._refresh()
                self.checked = now
        return self.mapping

    def _refresh(self) -> None:
        """Reload the rows when the table changed (read on a connection of its own: a
        failure here never spoils the request's transaction)."""
        try:
            with db.engine.connect() as conn:
                stamp = tuple(
                    conn.execute(
                        select(
                            func.count(SearchSynonym.id),
                            func.max(SearchSynonym.id),
                            func.max(SearchSynonym.updated_at),
                        )
                    ).one()
                )
                if stamp != self.stamp:
                    rows = conn.execute(
                        select(SearchSynonym.term, SearchSynonym.synonyms, SearchSynonym.two_way)
                    ).all()
                    self.mapping, self.stamp = build_mapping(rows), stamp
        except SQLAlchemyError:
            log.exception("search synonyms could not be read: searching without them")


def _cache() -> _Cache:
    return current_app.extensions.setdefault("portal_search_synonyms", _Cache())


def build_mapping(rows) -> dict[str, tuple[str, ...]]:
    """folded word (and its lemma) -> phrases a search for it also finds."""
    found: dict[str, dict[str, None]] = defaultdict(dict)
    for term, synonyms, two_way in rows:
        phrases = split_synonyms(synonyms)
        for key in _keys(term):
            found[key].update(dict.fromkeys(p for p in phrases if p != term))
        for phrase in phrases if two_way else ():
            if " " not in phrase:
                for key in _keys(phrase):
                    found[key][term] = None
    return {key: tuple(phrases) for key, phrases in found.items() if phrases}


def _keys(word: str) -> set[str]:
    return {fold(word), lemma(word)}


def expansions(word: str) -> tuple[str, ...]:
    """Phrases a search for this folded word also finds (none outside an app)."""
    if not has_app_context():
        return ()
    return _cache().current().get(word, ())


def invalidate() -> None:
    """Read the table again on the next search in this process."""
    _cache().checked = float("-inf")


# -- the rules of a row ---------------------------------------------------------------


def split_synonyms(text: str) -> list[str]:
    """Comma-separated phrases, each lowercased with single spaces, without repeats."""
    phrases = (" ".join(p.split()).lower() for p in (text or "").split(","))
    return list(dict.fromkeys(p for p in phrases if p))


def clean_term(text: str) -> str:
    term = " ".join((text or "").split()).lower()
    if not term or len(term) > MAX_TERM or not _TERM_RE.match(term):
        raise SynonymError(_l("Enter one word (letters and digits), for example windmolen."), "term")
    return term


def clean_synonyms(term: str, text: str) -> str:
    phrases = [p for p in split_synonyms(text) if p != term]
    if not phrases:
        raise SynonymError(_l("Enter at least one other word, for example windturbine."), "synonyms")
    if len(phrases) > MAX_PHRASES:
        raise SynonymError(_l("Enter at most 10 synonyms on one line."), "synonyms")
    for phrase in phrases:
        if not _PHRASE_RE.match(phrase) or len(phrase.split()) > MAX_PHRASE_WORDS:
            raise SynonymError(
                _l("Separate synonyms with commas; each is a word or a short phrase."), "synonyms"
            )
    joined = ", ".join(phrases)
    if len(joined) > MAX_SYNONYMS:
        raise SynonymError(_l("The synonyms are too long: use at most 300 characters."), "synonyms")
    return joined


def _check_unique(term: str, exclude_id: int | None = None) -> None:
    clash = db.session.scalar(
        select(SearchSynonym.id).where(SearchSynonym.term == term, SearchSynonym.id != (exclude_id or 0))
    )
    if clash:
        raise SynonymError(_l("That word already has a line: change that one."), "term")


def all_synonyms() -> list[SearchSynonym]:
    return list(db.session.scalars(select(SearchSynonym).order_by(SearchSynonym.term)))


def add(term: str, synonyms: str, two_way: bool) -> SearchSynonym:
    term = clean_term(term)
    _check_unique(term)
    row = SearchSynonym(term=term, synonyms=clean_synonyms(term, synonyms), two_way=two_way)
    db.session.add(row)
    db.session.flush()
    invalidate()
    return row


def update(row: SearchSynonym, term: str, synonyms: str, two_way: bool) -> SearchSynonym:
    term = clean_term(term)
    _check_unique(term, row.id)
    row.term, row.synonyms, row.two_way = term, clean_synonyms(term, synonyms), two_way
    db.session.flush()
    invalidate()
    return row


def delete(row: SearchSynonym) -> None:
    db.session.delete(row)
    db.session.flush()
    invalidate()
