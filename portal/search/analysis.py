"""Dutch text analysis shared by both search backends: text to index tokens, a query to a token plan.

One analysis in Python decides which tokens a text is indexed under and which tokens a
query looks for; Whoosh indexes those tokens (``backends/whoosh_analysis.py``) and
PostgreSQL stores them as text for ``to_tsvector('simple', ...)`` and queries them with
``to_tsquery('simple', ...)`` (its own Dutch stemmer no longer decides), so the two
backends match the same documents.

- **A word** stands for its Snowball stem, the stem of its lemma (schepen -> schip, steden
  -> stad) and a hand-listed family word (lasser -> las): ``word_tokens``.
- **Index side** adds the tokens of a compound's parts (meubelmakerij -> meubel, makerij)
  and, for words joined by punctuation (micro:bit, 3D-printen, CNC-frees), the tokens of
  every piece and of the joined word: ``index_tokens``.
- **Query side** (``query_clauses``): one clause per search word, any of its tokens
  matching; a word joined by punctuation matches as its pieces or joined; a rare compound
  also matches its parts together; synonyms (data, ``portal.search.synonyms``) are more
  alternatives. Editing synonyms needs no reindex.

Every word's tokens are cached per process (``lru_cache``): analysis is dictionary lookups
after the first time a word is seen. Changing anything here changes stored tokens: run
``flask --app portal search reindex``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

from portal.search.dutch import STOP_WORDS, VOCABULARY, family, fold, lemma, split_compound, stem

__all__ = [
    "STOP_WORDS",
    "WORD_RE",
    "AllOf",
    "AnyOf",
    "fold",
    "index_text",
    "index_token_texts",
    "index_tokens",
    "query_clauses",
    "related_words",
    "to_tsquery",
    "word_tokens",
]

WORD_RE = re.compile(r"\w+", re.UNICODE)  # what bounds counts as a word
PIECE_RE = re.compile(r"[^\W_]+")
# Pieces joined by punctuation without spaces: micro:bit, 3D-printen, auto's, 1.000
CHUNK_RE = re.compile(r"[^\W_]+(?:[-:'’./·][^\W_]+)*")
LEADING_NUMBER = re.compile(r"^(\d+[a-z]?)([a-z]{3,})$")  # 3dprinter -> 3d + printer
MIN_WORD, MAX_WORD = 2, 60
MAX_JOINED_PIECES = 4
QUERY_SPLIT_ZIPF = 3.5  # a query compound rarer than this also matches its parts together

NO_SYNONYMS: Callable[[str], tuple[str, ...]] = lambda word: ()  # noqa: E731


@lru_cache(maxsize=200_000)
def word_tokens(word: str) -> tuple[str, ...]:
    """The tokens a lowercase word stands for, in the index and in a query alike."""
    folded = fold(word)
    base = lemma(word)
    tokens = [stem(folded), stem(base)]
    related = family(folded) or family(base)
    if related:
        tokens.append(stem(related))
    return tuple(dict.fromkeys(tokens))


def compound_parts(folded: str) -> tuple[str, ...]:
    """The parts a folded word is also indexed under (() for a simple word)."""
    number = LEADING_NUMBER.match(folded)
    if number:
        return number.group(1), number.group(2)
    return split_compound(folded)


@lru_cache(maxsize=200_000)
def index_word_tokens(word: str) -> tuple[str, ...]:
    """``word_tokens`` and those of its compound parts: what a text word is indexed under."""
    tokens = list(word_tokens(word))
    for part in compound_parts(fold(word)):
        tokens += word_tokens(part)
    return tuple(dict.fromkeys(tokens))


def _searchable(word: str) -> bool:
    return MIN_WORD <= len(word) <= MAX_WORD and fold(word) not in STOP_WORDS


def index_tokens(text: str) -> Iterator[tuple[str, int, int]]:
    """(token, start, end) for every token of a text, in order; a word's tokens share its span."""
    for chunk in CHUNK_RE.finditer(text):
        at = chunk.start()
        for token, start, end in _chunk_tokens(chunk.group()):
            yield token, at + start, at + end


@lru_cache(maxsize=200_000)
def _chunk_tokens(chunk: str) -> tuple[tuple[str, int, int], ...]:
    """The tokens of one chunk (a word, or words joined by punctuation) with their spans."""
    found: list[tuple[str, int, int]] = []
    pieces = list(PIECE_RE.finditer(chunk))
    for piece in pieces:
        word = piece.group().lower()
        if _searchable(word):
            found += [(token, piece.start(), piece.end()) for token in index_word_tokens(word)]
    if 1 < len(pieces) <= MAX_JOINED_PIECES:
        joined = "".join(p.group() for p in pieces).lower()
        if len(joined) <= MAX_WORD:
            of_pieces = {token for token, _, _ in found}
            # the joined word first (spans in order), without what its pieces gave already
            return tuple(
                [(token, 0, len(chunk)) for token in index_word_tokens(joined) if token not in of_pieces]
                + found
            )
    return tuple(found)


@lru_cache(maxsize=200_000)
def _chunk_text(chunk: str) -> str:
    return " ".join(token for token, _, _ in _chunk_tokens(chunk))


def index_token_texts(text: str) -> Iterator[str]:
    """The tokens of a text without their spans (what indexing needs)."""
    for chunk in CHUNK_RE.findall(text):
        for token, _, _ in _chunk_tokens(chunk):
            yield token


def index_text(text: str) -> str:
    """The tokens of a text as one string, for ``to_tsvector('simple', ...)``."""
    return " ".join(filter(None, map(_chunk_text, CHUNK_RE.findall(text))))


# -- queries -------------------------------------------------------------------------


@dataclass(frozen=True)
class AllOf:
    """Every part must match."""

    parts: tuple[Node, ...]


@dataclass(frozen=True)
class AnyOf:
    """One of the parts must match."""

    parts: tuple[Node, ...]


Node = str | AllOf | AnyOf  # a str is one token


def _any(nodes: Iterable[Node]) -> Node:
    unique = tuple(dict.fromkeys(nodes))
    return unique[0] if len(unique) == 1 else AnyOf(unique)


def _all(nodes: Iterable[Node]) -> Node:
    unique = tuple(dict.fromkeys(nodes))
    return unique[0] if len(unique) == 1 else AllOf(unique)


def _word_clause(word: str, synonyms: Callable[[str], tuple[str, ...]], *, parts: bool = True) -> Node:
    """Any token of the word; its parts together when it is a rare compound; its synonyms."""
    options: list[Node] = list(word_tokens(word))
    folded = fold(word)
    pieces = compound_parts(folded)[:2] if parts else ()
    if pieces and VOCABULARY.zipf(folded) < QUERY_SPLIT_ZIPF:
        options.append(_all(_word_clause(p, synonyms, parts=False) for p in pieces))
    for key in dict.fromkeys((folded, lemma(word))):
        for phrase in synonyms(key):
            words = [w for w in PIECE_RE.findall(phrase.lower()) if _searchable(w)]
            if words:
                options.append(_all(_word_clause(w, NO_SYNONYMS, parts=False) for w in words))
    return _any(options)


def query_clauses(
    q: str, max_words: int, synonyms: Callable[[str], tuple[str, ...]] = NO_SYNONYMS
) -> list[Node]:
    """One clause per search word of ``q`` (stop words and one-letter words left out), at
    most ``max_words`` words (``portal.search.bounds`` decides how many)."""
    clauses: list[Node] = []
    used = 0
    for chunk in CHUNK_RE.finditer(q):
        if used >= max_words:
            break
        pieces = [p.lower() for p in PIECE_RE.findall(chunk.group())]
        words = [w for w in pieces if _searchable(w)][: max_words - used]
        used += len(words)
        if not words:
            continue
        clause = _all(_word_clause(w, synonyms) for w in words)
        if len(words) == len(pieces) > 1 and len(pieces) <= MAX_JOINED_PIECES:
            clause = _any((clause, _word_clause("".join(pieces), synonyms)))
        clauses.append(clause)
    return clauses


def leaves(node: Node) -> set[str]:
    """Every token a clause mentions (for highlighting)."""
    if isinstance(node, str):
        return {node}
    return set().union(*(leaves(part) for part in node.parts))


def to_tsquery(clauses: list[Node], match_any: bool = False) -> str:
    """PostgreSQL ``tsquery`` text for ``to_tsquery('simple', ...)``; tokens are words only."""
    return (" | " if match_any else " & ").join(_tsquery_node(c) for c in clauses)


def _tsquery_node(node: Node) -> str:
    if isinstance(node, str):
        return f"'{node}'"
    glue = " & " if isinstance(node, AllOf) else " | "
    return "(" + glue.join(_tsquery_node(p) for p in node.parts) + ")"


def related_words(q: str, synonyms: Callable[[str], tuple[str, ...]] = NO_SYNONYMS) -> list[str]:
    """Folded words a query stands for besides its own: lemmas, parts and synonym words."""
    found: dict[str, None] = {}
    for word in (w.lower() for w in PIECE_RE.findall(q)):
        if _searchable(word):
            found.update(dict.fromkeys((fold(word), lemma(word), *compound_parts(fold(word)))))
            for key in (fold(word), lemma(word)):
                for phrase in synonyms(key):
                    found.update(dict.fromkeys(fold(w) for w in PIECE_RE.findall(phrase)))
    return list(found)
