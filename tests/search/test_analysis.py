"""The shared Dutch analysis, word by word (no database, no backend): lemmas beside stems,
compound parts, punctuation joins, the query plan and its PostgreSQL form."""

from __future__ import annotations

import time

import pytest

from portal.search import analysis, dutch
from portal.search.analysis import AllOf, AnyOf, index_text, index_tokens, query_clauses, word_tokens


def tokens_of(text: str) -> set[str]:
    return {token for token, _, _ in index_tokens(text)}


def finds(query: str, text: str, synonyms=analysis.NO_SYNONYMS) -> bool:
    """Whether every clause of ``query`` matches the index tokens of ``text`` (AND)."""
    indexed = tokens_of(text)

    def match(node) -> bool:
        if isinstance(node, str):
            return node in indexed
        check = all if isinstance(node, AllOf) else any
        return check(match(part) for part in node.parts)

    clauses = query_clauses(query, 8, synonyms)
    return bool(clauses) and all(match(c) for c in clauses)


@pytest.mark.parametrize(
    "query, text",
    [
        ("schepen", "Een schip bouwen"),
        ("schip", "Schepen in de haven"),
        ("stad", "Steden van de toekomst"),
        ("kind", "Voor kinderen van groep 7"),
        ("lassen", "Hoe wordt een frame gelast?"),
        ("gelast", "Leerlingen leren lassen"),
        ("lasser", "Een dag lassen"),
        ("zonnepaneel", "Zonnepanelen op het dak"),
        ("gastlessen", "Een gastles techniek"),
        ("meubels", "Bezoek aan de meubelmakerij"),
        ("coöperatie", "De Energiecoöperatie van Almere"),
        ("cooperatie", "De energiecoöperatie van Almere"),
        ("schepen", "Rondleiding over de scheepswerf"),
        ("robot", "Een lasrobot aan het werk"),
        ("molen", "Het windmolenpark bij Urk"),
        ("windmolen", "Het windmolenpark bij Urk"),
        ("microbit", "Programmeren met de micro:bit"),
        ("micro bit", "Programmeren met de micro:bit"),
        ("micro:bit", "Programmeren met de microbit"),
        ("microbit", "Programmeren met de micro bit"),
        ("3d printen", "Workshop 3D-printen"),
        ("3d-printen", "Workshop 3D printen"),
        ("3dprinter", "Werken met een 3D printer"),
        ("cnc frees", "De CNC-frees in de werkplaats"),
        ("cncfrees", "De CNC-frees in de werkplaats"),
        ("energie", "Énergie voor iedereen"),
    ],
)
def test_a_query_finds_its_variant(query, text):
    assert finds(query, text)


@pytest.mark.parametrize(
    "query, text",
    [
        ("rein", "Het terrein van de school"),  # ter|rein is no compound
        ("bieder", "Een aanbieder uit Almere"),
        ("heid", "De waarheid over energie"),
        ("niek", "Techniek in de klas"),
        ("meren", "Leren programmeren"),
        ("windturbine", "Windmolens in de polder"),  # only through a synonym
        ("bakkerij", "Een bezoek aan de drukkerij"),
    ],
)
def test_a_query_does_not_find_what_only_looks_related(query, text):
    assert not finds(query, text)


@pytest.mark.parametrize(
    "word, parts",
    [
        ("energiecooperatie", ("energie", "cooperatie")),
        ("meubelmakerij", ("meubel", "makerij")),
        ("scheepswerf", ("scheep", "werf")),
        ("lasrobot", ("las", "robot")),
        ("windmolenpark", ("windmolen", "park", "wind", "molen")),
        ("boekenkast", ("boek", "kast")),
        ("zonnepanelen", ("zon", "panelen")),
        ("terrein", ()),
        ("aanbieder", ()),
        ("waarheid", ()),
        ("telefoon", ()),
        ("leerlingen", ()),
        ("proefjes", ()),
    ],
)
def test_compounds_split_into_known_dutch_words(word, parts):
    assert dutch.split_compound(word) == parts


def test_lemma_and_stem_both_stand_for_a_word():
    assert "schip" in word_tokens("schepen")
    assert "stad" in word_tokens("steden")
    assert word_tokens("gelast") == word_tokens("lassen") == word_tokens("las")


def test_joined_and_split_forms_are_indexed_with_the_written_span():
    text = "Met de micro:bit"
    spans = {token: (start, end) for token, start, end in index_tokens(text)}
    assert text[slice(*spans["microbit"])] == "micro:bit"
    assert text[slice(*spans["micro"])] == "micro"
    assert {"micro", "bit", "microbit"} <= tokens_of(text)
    assert {"3d", "print"} <= tokens_of("3D-printen")


def test_stop_words_and_single_letters_are_not_indexed_or_searched():
    assert tokens_of("de het een a") == set()
    assert query_clauses("de het een a", 8) == []


def test_a_query_keeps_at_most_the_bounded_number_of_words():
    assert len(query_clauses("robot lassen solderen printen", 2)) == 2


def test_synonyms_are_alternatives_of_the_word():
    synonyms = {"windmolen": ("windturbine",)}.get
    assert finds("windmolen", "Windturbines op zee", lambda w: synonyms(w, ()))
    assert finds("windmolen", "Een windmolen", lambda w: synonyms(w, ()))


def test_a_multi_word_synonym_needs_all_its_words():
    synonyms = {"po": ("primair onderwijs",)}.get
    assert finds("po", "Voor het primair onderwijs", lambda w: synonyms(w, ()))
    assert not finds("po", "Onderwijs voor iedereen", lambda w: synonyms(w, ()))


def test_postgres_query_text_is_the_same_plan():
    clauses = query_clauses("schepen micro:bit", 8)
    text = analysis.to_tsquery(clauses)
    assert text.count("&") >= 1 and "'schip'" in text and "'microbit'" in text
    assert set(text.replace("(", " ").replace(")", " ").split()) - {"&", "|"} == {
        f"'{t}'" for c in clauses for t in analysis.leaves(c)
    }
    assert isinstance(query_clauses("microbit", 8)[0], AnyOf)


def test_index_text_is_the_tokens_of_index_tokens():
    text = "Scheepswerf in Urk: CNC-frees en 3D-printen"
    assert index_text(text).split() == [t for t, _, _ in index_tokens(text)]


def test_analysis_is_cached_and_cheap():
    text = " ".join(["Leerlingen bouwen een lasrobot in de scheepswerf met de micro:bit"] * 50)
    index_text(text)  # every word seen once
    start = time.perf_counter()
    for _ in range(20):
        index_text(text)
    per_word = (time.perf_counter() - start) / (20 * len(text.split()))
    assert per_word < 50e-6, f"{per_word * 1e6:.1f} us per word"
