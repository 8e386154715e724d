"""Per-segment bitmaps and sort orders for the Whoosh backend, kept while a segment lives.

A Whoosh index is a list of segments. A commit adds a small segment (merging small ones
into a new one, marking deletions in old ones) and leaves the big segments' postings as
they were. So every bitmap (a facet value, a filter flag, a frequent search token) and
every sort order is computed per segment, in the segment's own document numbers, and kept
for as long as the segment exists: after one offer changes, a worker's next query computes
only the new small segment and puts the index-wide bitmaps together with a shift and an OR
per segment (``SearcherBitmaps``), where a cache per searcher recomputed the whole index.

Deletions: a segment's cached bitmaps may still hold a document deleted later. Every result
is ANDed with ``live`` (the documents not deleted, recomputed when a segment's deletion count
changes), so a deleted document is never found or counted.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from functools import partial
from typing import Any

from whoosh.codec.whoosh3 import W3LeafMatcher
from whoosh.matching.wrappers import FilterMatcher
from whoosh.reading import TermNotFound

from portal.search.analysis import AllOf, Node
from portal.search.backends.bitmaps import to_mask

CACHE_MIN_POSTINGS = 256  # a rarer token is read from its postings each time (cheap)
MAX_CACHED_TOKENS = 1000  # per segment and per searcher: frequent tokens only, bounded memory
TEXT_FIELD = "content"


def posting_ids(reader, field: str, text: str) -> list[int]:
    """A segment's document numbers for a term, deleted ones included (see the docstring)."""
    try:
        matcher = reader.postings(field, text)
    except TermNotFound:
        return []
    if isinstance(matcher, FilterMatcher):  # the deletion filter: walked per posting in Python
        matcher = matcher.child
    if not isinstance(matcher, W3LeafMatcher):
        return list(matcher.all_ids())
    ids: list[int] = []
    while matcher.is_active():  # whole blocks at a time
        if matcher._ids is None:
            matcher._read_ids()
        ids.extend(matcher._ids[matcher._i :])
        matcher._next_block()
    return ids


def _values(reader, field: str) -> list[str]:
    return [v.decode() if isinstance(v, bytes) else v for v in reader.lexicon(field)]


class SegmentCache:
    """What one segment's bitmaps and orders are, in its own document numbers."""

    def __init__(self) -> None:
        self.terms: dict[tuple[str, str], int] = {}  # facet and filter values: few, all kept
        self.tokens: OrderedDict[str, int] = OrderedDict()  # frequent search tokens, LRU
        self.values: dict[str, list[str]] = {}
        self.orders: dict[tuple, tuple[list[int], list]] = {}
        self.live: tuple[int, int] | None = None  # (deleted count, mask)
        self.lock = threading.Lock()

    def live_mask(self, reader) -> int:
        size = reader.doc_count_all()
        deleted = size - reader.doc_count()
        if self.live is None or self.live[0] != deleted:
            dead = to_mask(reader.deleted_docs_set, size) if deleted else 0
            self.live = (deleted, ((1 << size) - 1) & ~dead)
        return self.live[1]

    def term_mask(self, reader, field: str, value: str) -> int:
        key = (field, value)
        mask = self.terms.get(key)
        if mask is None:
            mask = self.terms[key] = to_mask(posting_ids(reader, field, value), reader.doc_count_all())
        return mask

    def token_mask(self, reader, token: str) -> int:
        mask = self.tokens.get(token)
        if mask is not None:
            with self.lock:
                if token in self.tokens:
                    self.tokens.move_to_end(token)
            return mask
        if reader.doc_frequency(TEXT_FIELD, token) == 0:
            return 0
        mask = to_mask(posting_ids(reader, TEXT_FIELD, token), reader.doc_count_all())
        if reader.doc_frequency(TEXT_FIELD, token) >= CACHE_MIN_POSTINGS:
            with self.lock:
                self.tokens[token] = mask
                while len(self.tokens) > MAX_CACHED_TOKENS:
                    self.tokens.popitem(last=False)
        return mask

    def field_values(self, reader, field: str) -> list[str]:
        if field not in self.values:
            self.values[field] = _values(reader, field)
        return self.values[field]

    def order(self, key: tuple, build: Callable[[], list]) -> tuple[list[int], list]:
        """(local docnums sorted by their sort key, the sort key per docnum), built once per key."""
        if key not in self.orders:
            keys = build()
            self.orders = {k: v for k, v in self.orders.items() if k[0] != key[0] or k == key}
            self.orders[key] = (sorted(range(len(keys)), key=keys.__getitem__), keys)
        return self.orders[key]


class SegmentCaches:
    """segment id -> ``SegmentCache``; segments gone from the index (merged) are dropped."""

    def __init__(self) -> None:
        self._caches: dict[str, SegmentCache] = {}
        self._lock = threading.Lock()

    def for_searcher(self, searcher) -> SearcherBitmaps:
        leaves = []
        with self._lock:
            live_ids = set()
            for reader, offset in searcher.reader().leaf_readers():
                segment = reader.segment() if hasattr(reader, "segment") else None
                key = segment.segment_id() if segment is not None else f"reader-{id(reader)}"
                live_ids.add(key)
                cache = self._caches.get(key)
                if cache is None:
                    cache = self._caches[key] = SegmentCache()
                leaves.append((reader, offset, cache))
            self._caches = {k: v for k, v in self._caches.items() if k in live_ids}
        return SearcherBitmaps(searcher, leaves)

    def __len__(self) -> int:
        return len(self._caches)


class SearcherBitmaps:
    """Index-wide bitmaps of one searcher, put together from its segments' caches."""

    def __init__(self, searcher, leaves: list[tuple[Any, int, SegmentCache]]):
        self.searcher = searcher
        self.leaves = leaves
        self.size = searcher.doc_count_all()
        self._memo: dict = {}
        self._tokens: OrderedDict[str, int] = OrderedDict()
        self._lock = threading.Lock()

    def cached_keys(self) -> list:
        """What this searcher and its segments hold bitmaps for (tests check it stays bounded)."""
        keys = list(self._memo) + list(self._tokens)
        for _, _, cache in self.leaves:
            keys += [*cache.terms, *cache.tokens]
        return keys

    def _combined(self, key, part: Callable[[Any, SegmentCache], int]) -> int:
        mask = self._memo.get(key)
        if mask is None:
            mask = 0
            for reader, offset, cache in self.leaves:
                mask |= part(reader, cache) << offset
            self._memo[key] = mask
        return mask

    def live(self) -> int:
        return self._combined("live", lambda reader, cache: cache.live_mask(reader))

    def term(self, field: str, value: str) -> int:
        return self._combined(("term", field, value), lambda r, c: c.term_mask(r, field, value))

    def values(self, field: str) -> list[str]:
        """Every value of a field in the index, sorted (the union of the segments' lexicons)."""
        key = ("values", field)
        if key not in self._memo:
            found: set[str] = set()
            for reader, _, cache in self.leaves:
                found.update(cache.field_values(reader, field))
            self._memo[key] = sorted(found)
        return self._memo[key]

    def value_set(self, field: str) -> frozenset[str]:
        key = ("value-set", field)
        if key not in self._memo:
            self._memo[key] = frozenset(self.values(field))
        return self._memo[key]

    def token(self, token: str) -> int:
        mask = self._tokens.get(token)
        if mask is None:
            mask = 0
            for reader, offset, cache in self.leaves:
                mask |= cache.token_mask(reader, token) << offset
            if any(cache.tokens.get(token) is not None for _, _, cache in self.leaves):
                with self._lock:
                    self._tokens[token] = mask
                    while len(self._tokens) > MAX_CACHED_TOKENS:
                        self._tokens.popitem(last=False)
        return mask

    def match(self, node: Node) -> int:
        """The documents a clause of ``analysis.query_clauses`` matches (tokens of ``content``)."""
        if isinstance(node, str):
            return self.token(node)
        masks = (self.match(part) for part in node.parts)
        if isinstance(node, AllOf):
            out = next(masks)
            for mask in masks:
                if not out:
                    break
                out &= mask
            return out
        out = 0
        for mask in masks:
            out |= mask
        return out

    def in_order(
        self, mask: int, key: tuple, build: Callable[[Any, SegmentCache], list], limit: int
    ) -> list[int]:
        """The first ``limit`` documents of ``mask`` by a sort key; ``build(reader, cache)``
        gives a segment's key per local docnum (ties: lower document number first)."""
        found: list[tuple] = []
        for reader, offset, cache in self.leaves:
            size = reader.doc_count_all()
            if not size:
                continue
            bits = ((mask >> offset) & ((1 << size) - 1)).to_bytes((size + 8) // 8, "little")
            order, keys = cache.order(key, partial(build, reader, cache))
            taken = 0
            for d in order:
                if bits[d >> 3] >> (d & 7) & 1:
                    found.append((keys[d], d + offset))
                    taken += 1
                    if taken == limit:
                        break
        found.sort()
        return [d for _, d in found[:limit]]
