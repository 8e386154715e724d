"""Whoosh backend: one index directory per generation, searchers reused and refreshed.

Layout: ``<root>/CURRENT`` names the live generation directory. ``rebuild`` writes a new
generation and swaps ``CURRENT`` atomically, so searches keep using the old one meanwhile.
Facet counts use bitmaps (Python ints): one AND and ``bit_count`` per value. Bitmaps and
sort orders are cached per segment (``whoosh_segments``), so a commit costs the next query
only the new small segment's share.
"""

from __future__ import annotations

import contextlib
import functools
import io
import os
import re
import shutil
import threading
import time
from collections.abc import Collection
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path

from markupsafe import Markup, escape
from whoosh import highlight, index
from whoosh.fields import ID, KEYWORD, NUMERIC, STORED, Schema
from whoosh.filedb.structfile import StructFile
from whoosh.query import And, Or

from portal.models.base import local_now
from portal.search.analysis import NO_SYNONYMS, Node, leaves, query_clauses
from portal.search.backends.base import (
    FACETS,
    FLAGS,
    Backend,
    Hit,
    IndexBusy,
    IndexUnavailable,
    SearchParams,
    SearchResult,
)
from portal.search.backends.bitmaps import mask_to_set, to_mask
from portal.search.backends.whoosh_analysis import (
    DutchText,
    SpellWords,
    dutch_analyzer,
    skip_unscored_lengths,
    to_query,
)
from portal.search.backends.whoosh_segments import SearcherBitmaps, SegmentCaches, posting_ids
from portal.search.bounds import MAX_RANKED_POSTINGS, query_terms
from portal.search.documents import FAR_FUTURE
from portal.search.dutch import warm_up
from portal.search.snippets import ELLIPSIS, ellipses, shorten, snap

SNIPPET_SOURCE_CHARS = 700  # highlighting re-analyses text: only the start of long bodies
SNIPPET_CHARS = 220  # a snippet without search words: the start of the summary or body
BIG_REBUILD = 5000  # from this many documents a rebuild uses several processes
REBUILD_PROCS = max(1, min(4, os.cpu_count() or 1))

skip_unscored_lengths()


class _SnippetFormatter(highlight.HtmlFormatter):
    """Whoosh's fragments cut by characters; each is snapped to whole words and sentences
    (``portal.search.snippets``), with an ellipsis where text was left out."""

    def format(self, fragments, replace=False):
        parts = []
        for fragment in fragments:
            first = min((t.startchar for t in fragment.matches), default=fragment.startchar)
            fragment.startchar, fragment.endchar = snap(
                fragment.text, fragment.startchar, fragment.endchar, keep=first
            )
            before, after = ellipses(fragment.text, fragment.startchar, fragment.endchar)
            html = self.format_fragment(fragment, replace=replace)
            parts.append(f"{ELLIPSIS} " * before + html + ELLIPSIS * after)
        return " ".join(parts)


_WHOLE = highlight.WholeFragmenter()
_CONTEXT = highlight.ContextFragmenter(maxchars=200, surround=60)
_FORMAT = highlight.HtmlFormatter(tagname="mark", classname="", termclass="")
_SNIPPET = _SnippetFormatter(tagname="mark", classname="", termclass="")


def make_schema() -> Schema:
    """``content`` holds every text (one posting list per word for matching and counting);
    ``title`` again, boosted, for ranking; summary and body are stored for snippets."""
    analyzer = dutch_analyzer()
    return Schema(
        id=ID(stored=True, unique=True),
        title=DutchText(analyzer=analyzer, stored=True, field_boost=3.0, phrase=False),
        content=DutchText(analyzer=analyzer, phrase=False),  # no phrase search: no positions
        summary=STORED,
        body=STORED,
        spell=SpellWords(),
        kind=ID,
        audience=KEYWORD,
        profile=KEYWORD,
        theme=KEYWORD,
        municipality=KEYWORD,  # every municipality the offer serves
        region=KEYWORD,
        near=KEYWORD,  # distance tokens (portal.search.nearby)
        online=ID,
        free=ID,
        slot_days=KEYWORD,
        open_until=ID,
        published=NUMERIC(bits=64, sortable=True),
        next_date=NUMERIC(sortable=True),
        fingerprint=ID(stored=True),
    )


@functools.cache
def _schema_names() -> frozenset[str]:
    return frozenset(make_schema().names())


def day(d: date) -> str:
    return d.strftime("%Y%m%d")


def to_fields(doc: dict) -> dict:
    published: datetime = doc["published"]
    fields = {
        "id": str(doc["id"]),
        "title": doc["title"],
        "summary": doc["summary"],
        "body": doc["body"],
        "content": " ".join([doc["title"], doc["summary"], doc["keywords"], doc["body"]]),
        "spell": " ".join([doc["title"], doc["summary"], doc["keywords"], doc["body"]]),
        "kind": doc["kind"],
        "audience": " ".join(doc["audience"]),
        "profile": " ".join(doc["profile"]),
        "theme": " ".join(doc["theme"]),
        **{name: " ".join(doc[name]) for name in ("municipality", "region", "near")},
        "online": "1" if doc["online"] else "0",
        "free": "1" if doc["free"] else "0",
        "slot_days": " ".join(map(day, doc["slot_days"])),
        "published": int(published.timestamp()),
        "next_date": int(day(doc["next_date"])),
        "fingerprint": doc["fingerprint"],
    }
    if doc["open_until"] is not None:
        fields["open_until"] = day(doc["open_until"])
    return fields


class _Batch:
    def __init__(self, writer):
        self.writer = writer

    def index(self, doc: dict) -> None:
        self.writer.update_document(**to_fields(doc))

    def remove(self, offer_id: int) -> None:
        self.writer.delete_by_term("id", str(offer_id))


class WhooshBackend(Backend):
    name = "whoosh"

    def __init__(self, root: str, writer_timeout: float = 10.0):
        self.root = Path(root)
        self.writer_timeout = writer_timeout
        self._lock = threading.RLock()
        self._gen: str | None = None
        self._ix = None
        self._searcher = None
        self._segments = SegmentCaches()
        self._bitmaps: SearcherBitmaps | None = None
        self._analyzer = dutch_analyzer()
        self.synonyms = NO_SYNONYMS

    # -- opening -------------------------------------------------------------------
    def _current_gen(self) -> str | None:
        try:
            return (self.root / "CURRENT").read_text().strip() or None
        except OSError:
            return None

    def _index(self):
        gen = self._current_gen()
        if gen is None:
            raise IndexUnavailable("no search index yet")
        if gen != self._gen or self._ix is None:
            try:
                ix = index.open_dir(str(self.root / gen))
                searcher = ix.searcher()
            except Exception as exc:  # missing files, corrupt TOC, unpickling errors...
                _close_leaked_files(exc)
                raise IndexUnavailable(f"cannot open search index {gen}: {exc}") from exc
            if set(ix.schema.names()) != _schema_names():  # built by an older version
                searcher.close()
                ix.close()
                raise IndexUnavailable(f"search index {gen} has other fields: rebuild it")
            self._ix, self._gen, self._searcher = ix, gen, searcher
            self._bitmaps = self._segments.for_searcher(searcher)
        return self._ix

    def searcher(self):
        """The shared searcher, refreshed when another writer committed."""
        with self._lock:
            self._index()
            try:
                # Not Searcher.refresh(): its reused segment readers miss new deletions.
                fresh = self._searcher if self._searcher.up_to_date() else self._ix.searcher()
            except Exception as exc:
                self._ix = None
                raise IndexUnavailable(str(exc)) from exc
            if fresh is not self._searcher:
                self._searcher, self._bitmaps = fresh, self._segments.for_searcher(fresh)
            return self._searcher

    def _searcher_and_bitmaps(self) -> tuple[object, SearcherBitmaps]:
        with self._lock:
            s = self.searcher()
            bitmaps = self._bitmaps
        assert bitmaps is not None and bitmaps.searcher is s
        return s, bitmaps

    def healthy(self) -> bool:
        try:
            self.searcher().doc_count()
            return True
        except IndexUnavailable:
            return False

    # -- writing -------------------------------------------------------------------
    @contextmanager
    def write(self):
        with self._lock:
            ix = self._index()
        try:
            writer = ix.writer(timeout=self.writer_timeout)
        except index.LockError as exc:
            raise IndexBusy(str(exc)) from exc
        try:
            yield _Batch(writer)
        except BaseException:
            writer.cancel()
            raise
        writer.commit()

    def rebuild(self, docs, total: int, progress=None) -> None:
        self.root.mkdir(parents=True, exist_ok=True)
        gen = f"gen-{time.strftime('%Y%m%d%H%M%S')}-{os.getpid()}-{time.monotonic_ns() % 10**6}"
        (self.root / gen).mkdir()
        ix = index.create_in(str(self.root / gen), make_schema())
        big = total >= BIG_REBUILD
        if big:  # the writer's processes are forked: let them inherit the loaded word lists
            warm_up()
        writer = ix.writer(limitmb=256, procs=REBUILD_PROCS if big else 1, multisegment=big)
        for n, doc in enumerate(docs, 1):
            writer.add_document(**to_fields(doc))
            if progress:
                progress(n)
        writer.commit()
        tmp = self.root / f"CURRENT.{os.getpid()}"
        tmp.write_text(gen)
        os.replace(tmp, self.root / "CURRENT")
        self._remove_old_generations(keep={gen, self._gen})

    def _remove_old_generations(self, keep: set) -> None:
        """Keep the new and the previous generation: other processes may still read it."""
        for path in self.root.glob("gen-*"):
            if path.name not in keep and time.time() - path.stat().st_mtime > 60:
                shutil.rmtree(path, ignore_errors=True)

    def fingerprints(self) -> dict[int, str]:
        s = self.searcher()
        return {int(f["id"]): f["fingerprint"] for f in s.all_stored_fields()}

    # -- reading -------------------------------------------------------------------
    def _text_query(self, s, q: str, match_any: bool):
        """(ranking query, matching clauses, analysed terms, whether ranking sees every match).

        The ranking query holds the rarest words up to ``MAX_RANKED_POSTINGS`` postings
        (at least one word that occurs): scoring walks each posting in Python, and a word
        found in most offers barely changes a score. With AND every match has the ranked words;
        with OR the matches without them follow, newest first (``_page``)."""
        clauses = query_clauses(q, len(query_terms(q, match_any)), self.synonyms)
        if not clauses:
            return None, [], set(), True
        combine = Or if match_any else And
        ranked: list[Node] = []
        postings = 0
        costs = [sum(s.doc_frequency("content", t) for t in leaves(clause)) for clause in clauses]
        for cost, n in sorted(zip(costs, range(len(clauses)), strict=True)):
            if ranked and postings + cost > MAX_RANKED_POSTINGS:
                break
            if cost == 0:  # in no document: nothing to rank
                continue
            ranked.append(clauses[n])
            postings += cost
        rankq = combine([to_query(clause, ("title", "content")) for clause in ranked])
        terms = set().union(*(leaves(clause) for clause in clauses))
        return rankq, clauses, terms, len(ranked) == len(clauses)

    def _text_mask(self, bitmaps: SearcherBitmaps, clauses: list[Node], match_any: bool) -> int:
        """The live documents the clauses match: every clause (AND) or any (OR)."""
        live = bitmaps.live()
        if not clauses:
            return live
        masks = [bitmaps.match(clause) for clause in clauses]
        out = masks[0]
        for mask in masks[1:]:
            out = out | mask if match_any else out & mask
        return out & live

    def _date_mask(self, bitmaps: SearcherBitmaps, start: date, end: date) -> int:
        """Slots in [start, end] or open offers still available at start."""
        mask = 0
        low, high = day(start), day(end)
        for value in bitmaps.values("slot_days"):
            if low <= value <= high:
                mask |= bitmaps.term("slot_days", value)
        for value in bitmaps.values("open_until"):
            if value >= low:
                mask |= bitmaps.term("open_until", value)
        return mask

    def _filter_masks(self, bitmaps: SearcherBitmaps, params: SearchParams) -> dict[str, int]:
        """One bitmap per active filter group (values not in the index match nothing and
        are not cached: the cache holds only the index's own values, whatever the URL says)."""
        out = {}
        for facet, values in params.filters.items():
            if values:
                known = bitmaps.value_set(facet)
                mask = 0
                for value in values:
                    if value in known:
                        mask |= bitmaps.term(facet, value)
                out[facet] = mask
        for flag in ("online", "free"):
            if getattr(params, flag):
                out[flag] = bitmaps.term(flag, "1")
        if params.has_dates:
            out["dates"] = self._date_mask(bitmaps, *params.date_range(local_now().date()))
        return out

    def query(self, params: SearchParams) -> SearchResult:
        s, bitmaps = self._searcher_and_bitmaps()
        rankq, clauses, terms, complete = self._text_query(s, params.q, params.match_any)
        text_mask = self._text_mask(bitmaps, clauses, params.match_any)
        filters = self._filter_masks(bitmaps, params)
        result_mask = text_mask
        for mask in filters.values():
            result_mask &= mask
        facets = self._facet_counts(bitmaps, text_mask, filters)
        total = result_mask.bit_count()
        hits = []
        if total:
            partial = result_mask != text_mask or not complete
            docnums = self._page(s, bitmaps, rankq, result_mask, partial, params)
            hits = [self._hit(s, d, terms) for d in docnums]
        return SearchResult(hits=hits, total=total, facets=facets, page=params.page, per_page=params.per_page)

    def _facet_counts(self, bitmaps: SearcherBitmaps, text_mask: int, filters: dict[str, int]) -> dict:
        """Counts per value given every other active filter (so choices stay visible)."""
        facets = {}
        for facet in (*FACETS, *FLAGS):
            base = text_mask
            for name, mask in filters.items():
                if name != facet:
                    base &= mask
            values = ["1"] if facet in FLAGS else bitmaps.values(facet)
            facets[facet] = {v: (base & bitmaps.term(facet, v)).bit_count() for v in values}
        return facets

    def _in_order(
        self, bitmaps: SearcherBitmaps, sort: str, mask: int, limit: int, distances: dict | None = None
    ) -> list[int]:
        """The first ``limit`` documents of ``mask`` in the order of a sort (newest first;
        soonest open date and then newest; nearest and then newest): cached per segment,
        per day for dates and per starting place for distances."""
        if sort == "nieuw":
            return bitmaps.in_order(mask, ("nieuw",), _newest_keys, limit)
        if sort == "afstand":
            places = tuple(sorted((distances or {}).items()))
            return bitmaps.in_order(
                mask, ("afstand", places), lambda r, c: _nearest_keys(r, c, places), limit
            )
        today = local_now().date()
        return bitmaps.in_order(mask, ("datum", today), lambda r, c: _soonest_keys(r, c, today), limit)

    def _page(self, s, bitmaps, rankq, result_mask: int, partial: bool, params: SearchParams) -> list[int]:
        """Docnums of one page. ``partial``: the ranking query may match documents outside
        the result (filters, unranked AND words) or miss some (unranked OR words)."""
        start = (params.page - 1) * params.per_page
        limit = start + params.per_page
        sort = params.sort if rankq is not None or params.sort != "relevantie" else "nieuw"
        if sort != "relevantie":
            return self._in_order(bitmaps, sort, result_mask, limit, params.distances)[start:limit]
        results = s.search(rankq, filter=mask_to_set(result_mask) if partial else None, limit=limit)
        ranked = [results.docnum(i) for i in range(results.scored_length())]
        if partial and len(ranked) < limit:
            rest = result_mask & ~to_mask(ranked, bitmaps.size)
            ranked += self._in_order(bitmaps, "nieuw", rest, limit - len(ranked))
        return ranked[start:limit]

    def _hit(self, s, docnum: int, terms: set) -> Hit:
        stored = s.stored_fields(docnum)
        title, summary, body = stored["title"], stored["summary"] or "", stored["body"] or ""
        marked_title = marked_snippet = ""
        if terms:
            marked_title = highlight.highlight(title, terms, self._analyzer, _WHOLE, _FORMAT)
            marked_snippet = highlight.highlight(
                summary, terms, self._analyzer, _CONTEXT, _SNIPPET, top=1
            ) or highlight.highlight(
                _head(body, SNIPPET_SOURCE_CHARS), terms, self._analyzer, _CONTEXT, _SNIPPET, top=2
            )
        return Hit(
            id=int(stored["id"]),
            title=Markup(_clean_marks(marked_title) or escape(title)),
            snippet=Markup(_clean_marks(marked_snippet) or escape(shorten(summary or body, SNIPPET_CHARS))),
        )

    def known_words(self, words: set[str]) -> set[str]:
        s = self.searcher()
        return {w for w in words if s.doc_frequency("spell", w)}

    def correct(self, word: str) -> str | None:
        # prefix=1: the first letter must match. Walking the whole vocabulary instead cost
        # 90-380 ms per word at 10k offers (8-30 ms with it), and found "foto" for "robto".
        found = self.searcher().corrector("spell").suggest(word, limit=1, maxdist=2, prefix=1)
        return found[0] if found else None

    def similar(self, offer_id: int, limit: int = 4) -> list[int]:
        s = self.searcher()
        docnum = s.document_number(id=str(offer_id))
        if docnum is None:
            return []
        stored = s.stored_fields(docnum)
        text = " ".join([stored["title"], stored["title"], stored["summary"], stored["body"]])
        hits = s.more_like(docnum, "content", text=text, top=limit, numterms=15, normalize=True)
        return [int(h["id"]) for h in hits]

    def match(self, searches: list[SearchParams], among: Collection[int]) -> list[set[int]]:
        """Each search as bitmaps restricted to ``among``: its filters and its words ANDed
        (a word's bitmap is cached per segment, so searches that share words share work)."""
        s, bitmaps = self._searcher_and_bitmaps()
        ids_of = {}
        for offer_id in among:
            docnum = s.document_number(id=str(offer_id))  # type: ignore[attr-defined]
            if docnum is not None:
                ids_of[docnum] = offer_id
        pool = to_mask(ids_of, bitmaps.size) & bitmaps.live()
        found = []
        for params in searches:
            mask = pool
            for filter_mask in self._filter_masks(bitmaps, params).values() if mask else ():
                mask &= filter_mask
            clauses = query_clauses(params.q, len(query_terms(params.q, params.match_any)), self.synonyms)
            if mask and clauses:
                mask &= self._text_mask(bitmaps, clauses, params.match_any)
            found.append({ids_of[d] for d in mask_to_set(mask)})
        return found


def _newest_keys(reader, cache) -> list:
    return [-p for p in reader.column_reader("published")]


def _nearest_keys(reader, cache, distances: tuple[tuple[str, int], ...]) -> list:
    """(km, -published) per local docnum of a segment: a document is as far as its smallest
    ``near`` value in ``distances`` (``portal.search.nearby``); without one, farther than all."""
    far = max((km for _, km in distances), default=0) + 1
    km = [far] * reader.doc_count_all()
    known = set(cache.field_values(reader, "near"))
    for value, value_km in distances:
        if value in known:
            for d in posting_ids(reader, "near", value):
                km[d] = min(km[d], value_km)
    return [(k, -p) for k, p in zip(km, reader.column_reader("published"), strict=True)]


def _soonest_keys(reader, cache, today: date) -> list:
    """(first open date from ``today`` on, -published) per local docnum of a segment.

    ``next_date`` was right when the document was indexed; a date that has passed since is
    replaced by the document's next slot day that has not (YYYYMMDD; far future without)."""
    soon = list(reader.column_reader("next_date"))
    now = int(day(today))
    stale = {d for d, first in enumerate(soon) if first < now}
    for d in stale:
        soon[d] = int(day(FAR_FUTURE))
    for value in sorted(v for v in cache.field_values(reader, "slot_days") if v >= day(today)):
        if not stale:
            break
        for d in posting_ids(reader, "slot_days", value):
            if d in stale:
                soon[d] = int(value)
                stale.discard(d)
    return [(first, -p) for first, p in zip(soon, reader.column_reader("published"), strict=True)]


def _close_leaked_files(exc: BaseException) -> None:
    """Whoosh leaves the file open when it cannot read an index's table of contents (its
    garbage collection then raises a ResourceWarning): close what the failed frames hold."""
    tb = exc.__traceback__
    while tb is not None:
        for value in list(tb.tb_frame.f_locals.values()):
            if isinstance(value, StructFile | io.IOBase):
                with contextlib.suppress(Exception):
                    value.close()
        tb = tb.tb_next


def _head(text: str, limit: int) -> str:
    """The first ``limit`` characters of ``text``, without the word they may cut."""
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit + 1)
    return text[: cut if cut > 0 else limit]


_MARK_CLASS = re.compile(r'<mark class="[^"]*">')


def _clean_marks(html: str) -> str:
    return _MARK_CLASS.sub("<mark>", html)
