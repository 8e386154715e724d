"""The shared Dutch analysis, pinned: the exact tokens of a fixed sample of texts, words and queries.

Speed work on the analysis (caches, the stemmer, how the word list loads) must not change
what it produces: a changed token means every stored index is stale. ``analysis_pinned.json``
was written by the analysis before that work (``python -m tests.search.test_analysis_pinned``
writes it again, for a change that *means* to alter tokens: then reindex, see
``portal/search/analysis.py``). The sample: every text and query of the relevance set, and
offers of the benchmark's generated corpus (fixed seed).
"""

from __future__ import annotations

import hashlib
import json
from datetime import date
from pathlib import Path

import pytest

from portal.search import analysis

HERE = Path(__file__).resolve().parent
PINNED = HERE / "analysis_pinned.json"
RELEVANCE = HERE / "relevance"
BENCH_OFFERS = 150
WORD_SAMPLE = 1500


def sample_texts() -> dict[str, str]:
    from bench.corpus import Corpus

    texts: dict[str, str] = {}
    for offer in json.loads((RELEVANCE / "offers.json").read_text(encoding="utf-8")):
        for name in ("title", "summary", "description", "provider"):
            texts[f"{offer['key']}:{name}"] = offer[name]
    for doc in Corpus(seed=11).documents(BENCH_OFFERS, date(2026, 12, 1)):
        texts[f"bench-{doc['id']}"] = " ".join([doc["title"], doc["summary"], doc["keywords"], doc["body"]])
    texts["punctuation"] = "Micro:bit, 3D-printen, CNC-frees, auto's, 1.000 euro, e-mail; Énergie coöperatie"
    return texts


def sample_queries() -> list[str]:
    queries = [q["q"] for q in json.loads((RELEVANCE / "queries.json").read_text(encoding="utf-8"))]
    return [*queries, "micro:bit", "3d printen", "windmolen", "ict", "po", "schepen steden", "coöperatie"]


def sample_words(texts: dict[str, str]) -> list[str]:
    words = sorted({w.lower() for text in texts.values() for w in analysis.PIECE_RE.findall(text)})
    step = max(1, len(words) // WORD_SAMPLE)
    return words[::step]


def synonyms(word: str) -> tuple[str, ...]:
    """A fixed synonym vocabulary, so query plans with synonyms are pinned too."""
    return {"windmolen": ("windturbine",), "ict": ("informatica", "computer les")}.get(word, ())


def _digest(value) -> str:
    return hashlib.sha256(json.dumps(value, ensure_ascii=False).encode()).hexdigest()[:20]


def current() -> dict:
    texts = sample_texts()
    words = sample_words(texts)
    return {
        "texts": {key: _digest(list(analysis.index_tokens(text))) for key, text in texts.items()},
        "index_text": {key: _digest(analysis.index_text(text)) for key, text in texts.items()},
        "words": {w: [list(analysis.word_tokens(w)), list(analysis.index_word_tokens(w))] for w in words},
        "queries": {
            q: [
                repr(analysis.query_clauses(q, 8, synonyms)),
                repr(analysis.query_clauses(q, 2)),
                analysis.related_words(q, synonyms),
            ]
            for q in sample_queries()
        },
    }


@pytest.fixture(scope="module")
def pinned() -> dict:
    return json.loads(PINNED.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def now() -> dict:
    return current()


@pytest.mark.parametrize("section", ["texts", "index_text", "words", "queries"])
def test_analysis_output_is_exactly_the_pinned_one(pinned, now, section):
    assert now[section].keys() == pinned[section].keys()
    changed = {key: now[section][key] for key in pinned[section] if now[section][key] != pinned[section][key]}
    if section in ("texts", "index_text"):
        texts = sample_texts()
        changed = {key: (texts[key][:80], list(analysis.index_tokens(texts[key]))[:20]) for key in changed}
    assert not changed, f"{len(changed)} changed, e.g. {list(changed.items())[:3]}"


def test_the_sample_is_large_enough(pinned):
    assert len(pinned["texts"]) > 800
    assert len(pinned["words"]) > 1000
    assert len(pinned["queries"]) > 200


if __name__ == "__main__":
    PINNED.write_text(
        json.dumps(current(), ensure_ascii=False, indent=0, sort_keys=True) + "\n", encoding="utf-8"
    )
    print(f"wrote {PINNED}")
