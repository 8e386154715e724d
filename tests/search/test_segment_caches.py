"""Whoosh's per-segment caches: a query after an index update sees the update, the cached
facet counts and orders equal a fresh computation, and an update costs the next query only
the new segment (the big segments' bitmaps are reused, not read again)."""

from __future__ import annotations

from collections import Counter
from datetime import date

import pytest

from bench.corpus import Corpus
from portal.search.backends import whoosh_segments
from portal.search.backends.base import FACETS, SearchParams
from portal.search.backends.whoosh_backend import WhooshBackend
from portal.search.documents import fingerprint

TODAY = date(2026, 12, 1)
SIZE = 400


@pytest.fixture
def docs():
    return Corpus(seed=5).documents(SIZE, TODAY)


@pytest.fixture
def built(tmp_path, docs):
    backend = WhooshBackend(str(tmp_path))
    backend.rebuild(iter(docs), len(docs))
    return backend


def changed(doc: dict, **fields) -> dict:
    new = {**doc, **fields}
    new["fingerprint"] = fingerprint(new)
    return new


PARAMS = [
    SearchParams(),
    SearchParams(q="robot"),
    SearchParams(q="zonnepanelen bouwen"),
    SearchParams(q="techniek", filters={"theme": ["ict", "bouw"]}, free=True),
    SearchParams(filters={"municipality": ["urk", "almere"], "audience": ["vmbo-bb"]}, sort="nieuw"),
    SearchParams(q="leerlingen", sort="datum", page=2),
    SearchParams(q="schip ontwerpen", match_any=True, online=True),
    SearchParams(date_from=TODAY, date_to=date(2027, 2, 1), sort="datum"),
]


def answer(backend, params: SearchParams):
    result = backend.query(params)
    return result.total, result.facets, [h.id for h in result.hits]


def expected_counts(docs: list[dict], facet: str) -> Counter:
    """Counts over every document (no query, no filter) computed from the documents."""
    if facet == "kind":
        return Counter(d["kind"] for d in docs)
    return Counter(v for d in docs for v in d[facet])


def test_a_query_after_an_update_sees_it_with_warm_caches(built, docs):
    for params in PARAMS:
        built.query(params)  # every cache warm
    target = docs[7]
    built.index([changed(target, title="Kwantumcomputer bouwen", theme=["lucht-ruimtevaart"])])
    built.remove([docs[8]["id"]])

    found = built.query(SearchParams(q="kwantumcomputer", per_page=50))
    assert [h.id for h in found.hits] == [target["id"]]
    browse = built.query(SearchParams())
    assert browse.total == SIZE - 1
    now = [changed(target, theme=["lucht-ruimtevaart"]), *docs[:7], *docs[9:]]
    want = expected_counts(now, "theme")
    assert set(want) <= set(browse.facets["theme"])
    assert browse.facets["theme"] == {v: want[v] for v in browse.facets["theme"]}
    assert docs[8]["id"] not in {h.id for h in built.query(SearchParams(sort="nieuw", per_page=100)).hits}


def test_cached_counts_and_orders_equal_a_fresh_computation_after_updates(built, docs, tmp_path):
    for params in PARAMS:
        built.query(params)
    for n, doc in enumerate(docs[20:60:4]):  # ten commits: ten small segments, some merged
        built.index(
            [changed(doc, theme=["maritiem"], free=not doc["free"], title=f"{doc['title']} scheepswerf")]
        )
        if n % 3 == 0:
            built.remove([docs[100 + n]["id"]])
        built.query(SearchParams(q="scheepswerf"))  # caches warm between the commits
    fresh = WhooshBackend(str(tmp_path))  # a new process: nothing cached
    for params in PARAMS + [SearchParams(q="scheepswerf", filters={"theme": ["maritiem"]})]:
        assert answer(built, params) == answer(fresh, params), params


def test_browse_counts_match_the_documents(built, docs):
    facets = built.query(SearchParams()).facets
    for facet in FACETS:
        assert facets[facet] == dict(expected_counts(docs, facet)), facet
    assert facets["free"] == {"1": sum(d["free"] for d in docs)}


def test_an_update_reads_only_the_new_segment(built, docs, monkeypatch):
    monkeypatch.setattr(whoosh_segments, "CACHE_MIN_POSTINGS", 1)  # (rare tokens are read each time)
    for params in PARAMS:
        built.query(params)
    read_sizes: list[int] = []
    real = whoosh_segments.posting_ids

    def counting(reader, field, text):
        read_sizes.append(reader.doc_count_all())
        return real(reader, field, text)

    monkeypatch.setattr(whoosh_segments, "posting_ids", counting)
    built.index([changed(docs[3], theme=["ict"], title="Robot bouwen")])
    for params in PARAMS:
        built.query(params)
    assert read_sizes, "the new segment's bitmaps were computed"
    assert max(read_sizes) == 1, "only the one-document segment was read"
