"""The small interface every search backend implements, and the values it returns."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from datetime import date

from markupsafe import Markup

from portal.search.bounds import MAX_CORRECTED_WORDS, MAX_PAGE, bounded_words, correctable

SORTS = ("relevantie", "nieuw", "datum", "afstand")
# ``municipality`` and ``region``: the places an offer serves (``portal.offers.coverage``).
FACETS = ("kind", "audience", "profile", "theme", "region", "municipality")
# Filter groups that are not facets (no counts): ``near``, the distance tokens of
# ``portal.search.nearby`` ("here-all", "here-<slug>", "at-<slug>").
HIDDEN_FILTERS = ("near",)
FLAGS = ("online", "free")


@dataclass
class SearchParams:
    """A validated search: what the /aanbod URL asks for."""

    q: str = ""
    filters: dict[str, list[str]] = field(default_factory=dict)  # facet -> selected values
    online: bool = False
    free: bool = False
    date_from: date | None = None
    date_to: date | None = None
    sort: str = "relevantie"
    page: int = 1
    per_page: int = 10
    match_any: bool = False  # OR instead of AND between words (the relaxed retry)
    # The audience filter is the visitor's own choice: a teacher's levels are not pre-filled
    # (``niveau=alle`` in the URL while no audience is chosen). Backends ignore it.
    levels_chosen: bool = False
    # The words exactly as typed: no automatic spelling correction when nothing is found
    # (``precies=1``, the "search for what I typed" link). Backends ignore it.
    exact: bool = False
    # "In de buurt": the municipality distances count from (``vanaf``, or the teacher's
    # school) and the radius in km (``nabij``); ``portal.search.nearby`` turns them into
    # ``filters["near"]`` and ``distances`` before a backend sees them.
    near_from: str | None = None
    near_km: int | None = None
    # For ``sort == "afstand"``: value of the ``near`` field -> km; a document sorts by its
    # smallest value (none of them: last). Backends read only this, never ``near_from``.
    distances: dict[str, int] = field(default_factory=dict)

    @property
    def has_dates(self) -> bool:
        return self.date_from is not None or self.date_to is not None

    def date_range(self, today: date) -> tuple[date, date]:
        start = self.date_from or today
        end = self.date_to or date(9999, 12, 31)
        return (start, end) if start <= end else (end, start)


@dataclass
class Hit:
    id: int
    title: Markup
    snippet: Markup
    score: float = 0.0


@dataclass
class SearchResult:
    hits: list[Hit]
    total: int
    facets: dict[str, dict[str, int]]  # facet/flag -> value -> count (flags use "1")
    page: int = 1
    per_page: int = 10
    suggestion: str | None = None
    suggestion_without_filters: bool = False  # the suggestion finds offers only without filters
    relaxed: bool = False
    # Nothing matched the words as typed, so these are the hits of this spelling instead.
    corrected: str | None = None

    @property
    def pages(self) -> int:
        """Pages one can open: deeper pages are not offered (``bounds.MAX_PAGE``)."""
        return min(MAX_PAGE, max(1, -(-self.total // self.per_page)))

    @property
    def cut_off(self) -> bool:
        """More results than the pages one can open."""
        return self.total > self.pages * self.per_page


class IndexUnavailable(Exception):
    """The index is missing or unreadable; the caller rebuilds it."""


class IndexBusy(Exception):
    """Another process holds the index write lock longer than our timeout."""


class Backend(ABC):
    """index, remove, query, suggest, similar, reindex, check (ids and fingerprints).

    Each engine (Whoosh, PostgreSQL) implements the abstract methods; ``index`` and
    ``remove`` are shared on top of ``write``, ``suggest`` on top of ``known_words`` and
    ``correct``."""

    name = "base"
    # Query-time synonyms of a folded word: phrases it also means (``portal.search.synonyms``;
    # each backend starts with none and the app gives it its vocabulary).
    synonyms: Callable[[str], tuple[str, ...]]

    @abstractmethod
    def write(self):  # context manager yielding a batch with .index(doc) / .remove(id)
        ...

    def index(self, docs) -> None:
        with self.write() as batch:
            for doc in docs:
                batch.index(doc)

    def remove(self, ids) -> None:
        with self.write() as batch:
            for offer_id in ids:
                batch.remove(offer_id)

    @abstractmethod
    def query(self, params: SearchParams) -> SearchResult: ...

    def suggest(self, q: str) -> str | None:
        """ "Did you mean": unknown words replaced by their nearest indexed word, or None.

        The corrector is asked about at most ``MAX_CORRECTED_WORDS`` words of a sensible
        length (``bounds``): it is the most expensive part of a search that finds nothing."""
        words = bounded_words(q)
        candidates = list(dict.fromkeys(w for w in words if correctable(w)))
        known = self.known_words(set(candidates)) if candidates else set()
        unknown = [w for w in candidates if w not in known][:MAX_CORRECTED_WORDS]
        corrections = {w: found for w in unknown if (found := self.correct(w))}
        if not corrections:
            return None
        return " ".join(corrections.get(w, w) for w in words)

    @abstractmethod
    def known_words(self, words: set[str]) -> set[str]:
        """The words (folded, unstemmed) that occur in some indexed document."""
        ...

    @abstractmethod
    def correct(self, word: str) -> str | None:
        """The nearest indexed word to an unknown word, or None."""
        ...

    @abstractmethod
    def similar(self, offer_id: int, limit: int = 4) -> list[int]: ...

    @abstractmethod
    def match(self, searches: list[SearchParams], among: Collection[int]) -> list[set[int]]:
        """Per search, the ids of ``among`` it finds: the same words and filters as ``query``
        (no relaxed retry), without ranking, facets or snippets. The saved-search alerts ask
        this once for all distinct searches of a run, over the offers new since then."""
        ...

    @abstractmethod
    def rebuild(self, docs, total: int, progress=None) -> None:
        """Build a fresh index from ``docs`` and swap it in; searches keep working."""
        ...

    @abstractmethod
    def fingerprints(self) -> dict[int, str]:
        """offer id -> fingerprint of every indexed document."""
        ...

    @abstractmethod
    def healthy(self) -> bool: ...
