"""Snippets start at a sentence or a word boundary and never cut a word (both backends)."""

from __future__ import annotations

import re

import pytest

from portal.search.snippets import ELLIPSIS, ellipses, shorten, snap

TEXT = (
    "Tijdens deze gastles neemt een engineer twaalf kleine robots mee naar jullie school. "
    "Leerlingen ontdekken hoe een robot ziet met sensoren en programmeren hem met blokjescode. "
    "Wat is een robot eigenlijk, en waar werken robots al in Flevoland? Zelf programmeren: "
    "rijden, draaien, stoppen voor een muur. Eindopdracht: de robot door een doolhof op de "
    "klasvloer sturen en daarna samen lassen in de werkplaats met echte lasapparatuur."
)
WORDS = set(TEXT.replace("<mark>", "").split())


def test_a_part_that_starts_in_a_word_starts_at_the_sentence_before_it():
    at = TEXT.index("gineer")  # inside "engineer", 31 characters into the first sentence
    start, end = snap(TEXT, at, at + 30)
    assert start == 0
    assert TEXT[start:end].split()[-1] in WORDS


def test_the_short_tail_of_a_sentence_before_the_match_is_dropped():
    at = TEXT.index("voor een muur")
    keep = TEXT.index("doolhof")
    start, end = snap(TEXT, at, keep + 20, keep=keep)
    assert TEXT[start:].startswith("Eindopdracht:")


def test_without_a_sentence_close_by_it_starts_at_a_whole_word_with_an_ellipsis():
    text = "aaaa " * 30 + "bbbbbbbb cccccccc dddd " * 5
    at = text.index("bbbbbbbb") + 3
    start, end = snap(text, at, at + 20)
    assert text[start - 1] == " " and text[start:].startswith("bbbbbbbb")
    assert text[end] == " "
    assert ellipses(text, start, end) == (True, True)


def test_the_end_is_a_whole_word_or_the_end_of_a_sentence_close_after_it():
    at = TEXT.index("Leerlingen")
    start, end = snap(TEXT, at, at + 45)  # ends inside "sensoren"
    assert TEXT[start:end].endswith("blokjescode.")
    assert ellipses(TEXT, start, end) == (False, False)


def test_the_keep_position_is_never_cut_off():
    keep = TEXT.index("sensoren")
    start, end = snap(TEXT, keep - 5, keep + 10, keep=keep)
    assert start <= keep < end


@pytest.mark.parametrize("limit", [20, 57, 100, 160, 220])
def test_shorten_keeps_whole_words_and_sentences(limit):
    short = shorten(TEXT, limit)
    assert len(short) <= limit + 1
    body = short.removesuffix(ELLIPSIS)
    assert all(word in WORDS for word in body.split())
    assert short.endswith((ELLIPSIS, ".", "?", "!"))


def test_shorten_leaves_short_text_alone_and_tidies_spaces():
    assert shorten("  Korte   tekst. ", 100) == "Korte tekst."
    assert shorten("", 10) == ""
    assert shorten("Eénwoordzonderspaties" * 5, 10).startswith("Eénwoordzonderspaties")


def _plain(snippet) -> str:
    return re.sub(r"</?mark>", "", str(snippet)).replace("&#39;", "'")


@pytest.mark.parametrize("q", ["sensoren", "doolhof", "lassen", "robot muur", ""])
def test_snippets_of_both_backends_hold_whole_words_and_start_at_a_sentence_or_an_ellipsis(offer, find, q):
    offer(title="Robots in de klas", summary="", description=TEXT)
    offer(
        title="Lang verhaal",
        summary=("Een samenvatting die doorloopt met heel veel woorden " * 6).strip(),
        description="",
    )
    hits = find(q).hits
    assert hits
    for hit in hits:
        text = _plain(hit.snippet)
        sentences_or_cut = text.startswith(f"{ELLIPSIS} ") or text[0].isupper()
        assert sentences_or_cut, text
        words = text.replace(ELLIPSIS, " ").split()
        source = set((TEXT + " " + "Een samenvatting die doorloopt met heel veel woorden").split())
        assert all(word in source for word in words), text
