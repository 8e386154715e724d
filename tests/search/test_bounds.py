"""Search cannot be used to exhaust the server: every query is bounded (``bounds``).

Each test here fails without its bound: a long query reaches the backend whole, the
spelling corrector is asked about every word, deep pages are offered, made-up filter
values are searched (and cached).
"""

from __future__ import annotations

import random
import re

import pytest

from portal.search import bounds
from portal.search.analysis import STOP_WORDS, WORD_RE, fold
from portal.search.backends.base import SearchParams, SearchResult
from portal.search.bounds import (
    MAX_CORRECTED_WORDS,
    MAX_QUERY_CHARS,
    MAX_QUERY_WORDS,
    MAX_RELAXED_WORDS,
    bound_query,
)
from portal.search.service import get_backend

FAILED = ("Searching is not possible right now", "Zoeken lukt nu even niet")


def random_words(n: int, seed: int = 8) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice("bdfgklmnprstvz") + rng.choice("aeiou") for _ in range(3)) for _ in range(n)]


def search_words(text: str) -> list[str]:
    """Counted independently of ``bounds``: folded words that are not stop words."""
    return [w for w in WORD_RE.findall(fold(text)) if w not in STOP_WORDS]


@pytest.fixture
def received(monkeypatch, app):
    """The params each backend query received."""
    calls: list[SearchParams] = []
    backend = get_backend()
    original = backend.query

    def spy(params):
        calls.append(params)
        return original(params)

    monkeypatch.setattr(backend, "query", spy)
    return calls


def test_forty_random_words_give_a_page_that_says_the_query_was_cut(client, offer, received):
    offer(title="Robot bouwen")
    q = " ".join(random_words(40))
    response = client.get("/aanbod", query_string={"q": q})
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and not any(m in html for m in FAILED)
    assert f"ingekort tot de eerste {MAX_QUERY_WORDS} zoekwoorden" in html
    assert received and all(len(search_words(p.q)) <= MAX_QUERY_WORDS for p in received)
    assert 'value="' + " ".join(random_words(40)[:MAX_QUERY_WORDS]) + '"' in html


def test_five_thousand_characters_give_a_page_that_says_the_query_was_cut(client, offer, received):
    offer(title="Robot bouwen")
    response = client.get("/aanbod", query_string={"q": "robot" * 1000})
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and not any(m in html for m in FAILED)
    assert f"ingekort tot de eerste {MAX_QUERY_CHARS} tekens" in html
    assert received and all(len(p.q) <= MAX_QUERY_CHARS for p in received)


def test_a_short_query_is_not_cut_and_not_said_to_be(client, offer):
    offer(title="Robot bouwen")
    html = client.get("/aanbod", query_string={"q": "robot bouwen in de klas"}).text
    assert "ingekort" not in html


def test_words_past_the_bound_are_not_searched(offer, find):
    words = random_words(MAX_QUERY_WORDS + 1)
    first = offer(title=" ".join(words[:MAX_QUERY_WORDS]))
    result = find(" ".join(words))  # the last word is in no offer
    assert [h.id for h in result.hits] == [first.id] and not result.relaxed
    direct = get_backend().query(SearchParams(q=" ".join(words)))  # callers that skip the page
    assert direct.total == 1


def test_the_any_word_retry_uses_only_the_first_words(offer, find):
    assert MAX_RELAXED_WORDS < MAX_QUERY_WORDS
    words = random_words(MAX_QUERY_WORDS, seed=9)
    offer(title=words[MAX_RELAXED_WORDS])  # only the word just past the retry's bound
    assert find(" ".join(words)).total == 0
    offer(title=words[0])
    result = find(" ".join(words))
    assert result.relaxed and result.total == 1


def test_stop_words_do_not_count_toward_the_bound(offer, find):
    words = random_words(MAX_QUERY_WORDS, seed=10)
    target = offer(title=" ".join(words))
    q = " de ".join(words)  # 2 x MAX_QUERY_WORDS - 1 words, MAX_QUERY_WORDS of them searched
    assert bound_query(q) == (q, None)
    assert [h.id for h in find(q).hits] == [target.id]


def test_the_spelling_corrector_is_asked_about_few_words(monkeypatch, offer, find):
    offer(title="Zonnepanelen installeren")
    backend = get_backend()
    asked = []
    original = backend.correct
    monkeypatch.setattr(backend, "correct", lambda word: asked.append(word) or original(word))
    find(" ".join(["zonnepanelne", *random_words(39)]))  # MAX_QUERY_WORDS unknown words
    assert "zonnepanelne" in asked and len(asked) == MAX_CORRECTED_WORDS < MAX_QUERY_WORDS
    asked.clear()
    find("zonnepanelne" * 2)  # a 24-letter word is still corrected
    assert asked == ["zonnepanelne" * 2]
    asked.clear()
    find("zonnepanelne" * 3)  # longer: the corrector's work grows with length
    assert asked == []


def test_huge_page_numbers_show_the_last_page_that_is_offered(monkeypatch, client, make, db):
    for n in range(25):
        make.offer(title=f"Robot {n}")
    db.session.commit()
    monkeypatch.setattr("portal.search.bounds.MAX_PAGE", 2)
    monkeypatch.setattr("portal.search.backends.base.MAX_PAGE", 2)
    for page in ("3", "99999999999", "1e9"):
        html = client.get(f"/aanbod?q=robot&pagina={page}").text
        assert re.search(r'aria-current="page">[12]<', html), page
    html = client.get("/aanbod?q=robot&pagina=99999999999").text
    assert 'aria-current="page">2<' in html and "Alleen de eerste 2 pagina" in html
    assert "pagina=3" not in html  # no link past the last page offered


def test_page_numbers_and_result_pages_are_bounded():
    assert bounds.page_number("99999999999") == bounds.MAX_PAGE
    assert bounds.page_number("-3") == bounds.page_number("x") == 1
    result = SearchResult(hits=[], total=10**7, facets={})
    assert result.pages == bounds.MAX_PAGE and result.cut_off


def test_made_up_filter_values_are_dropped_and_said(client, offer, received):
    offer(title="Robot bouwen")
    values = "&".join(f"thema=onzin{n}" for n in range(200))
    response = client.get(f"/aanbod?q=robot&{values}&doelgroep=vmbo-bb")
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and "bestaat niet (meer)" in html
    assert received and all(p.filters == {"audience": ["vmbo-bb"]} for p in received)
    assert not re.search(r">onzin\d+ <span", html)  # not shown as an active filter either
    assert "bestaat niet (meer)" not in client.get("/aanbod?q=robot&thema=ict").text


@pytest.mark.parametrize("search_kind", ["whoosh"])
def test_the_whoosh_filter_cache_holds_only_indexed_values(offer):
    offer(title="Robot bouwen")
    backend = get_backend()
    backend.query(SearchParams(q="robot", filters={"theme": [f"onzin{n}" for n in range(500)]}))
    cached = backend._searcher_and_bitmaps()[1].cached_keys()
    assert cached and not [key for key in cached if "onzin" in str(key)]


@pytest.mark.parametrize("search_kind", ["whoosh"])
def test_ranking_only_the_rarest_words_still_pages_through_every_match(monkeypatch, offer, find):
    monkeypatch.setattr("portal.search.backends.whoosh_backend.MAX_RANKED_POSTINGS", 2)
    sail, sail_robot = offer(title="Zeilboot bouwen"), offer(title="Zeilboot met een robot")
    robots = {offer(title=f"Robot bouwen {n}").id for n in range(12)}
    # AND, ranked by the rarest word only: the other word still decides what matches
    assert [h.id for h in find("zeilboot robot").hits] == [sail_robot.id]
    # OR (the retry): "robot" is not ranked, its offers follow the ranked ones
    pages = [find("zeilboot robot qqqzz", page=p) for p in (1, 2)]
    assert pages[0].relaxed and pages[0].total == 14
    seen = [h.id for r in pages for h in r.hits]
    assert set(seen[:2]) == {sail.id, sail_robot.id} and len(seen) == 14
    assert set(seen[2:]) == robots


@pytest.mark.parametrize(
    "raw, expected, cut",
    [
        ("  robot\x00 bouwen ", "robot bouwen", None),
        ("a" * 5000, "a" * MAX_QUERY_CHARS, bounds.CUT_CHARS),
        ("robot " * 60, " ".join(["robot"] * MAX_QUERY_WORDS), bounds.CUT_WORDS),
        ("x" * 195 + " zonnepanelen", "x" * 195, bounds.CUT_CHARS),  # not half a word
        ("e\u0301nergie", "\u00e9nergie", None),  # one word, however the accent was typed
        (" " * bounds.MAX_RAW_CHARS + "robot", "", bounds.CUT_CHARS),  # not even read
        ("", "", None),
    ],
)
def test_bound_query(raw, expected, cut):
    assert bound_query(raw) == (expected, cut)
