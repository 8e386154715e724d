"""The shared Dutch analysis as Whoosh analyzers, and query plans as Whoosh queries.

``DutchTokenizer`` yields the tokens of ``portal.search.analysis.index_tokens`` (with
their character spans, so highlighting marks the whole written word, e.g. all of
"Energiecoöperatie" for "coöperatie"). It analyses the same way in every mode: queries
are not analysed by Whoosh but built from ``analysis.query_clauses`` (``to_query``).
"""

from __future__ import annotations

from collections import Counter
from functools import lru_cache

from whoosh.analysis import CharsetFilter, LowercaseFilter, RegexTokenizer, Token, Tokenizer
from whoosh.analysis.tokenizers import default_pattern
from whoosh.codec.base import FieldWriter
from whoosh.fields import TEXT, FieldType
from whoosh.formats import Existence
from whoosh.query import And, Or, Query, Term
from whoosh.support.charset import accent_map
from whoosh.system import pack_uint

from portal.search.analysis import AllOf, Node, index_token_texts, index_tokens


class DutchTokenizer(Tokenizer):
    """Whoosh's side of ``index_tokens``: one token object, reused, as Whoosh expects."""

    def __call__(
        self,
        value,
        positions=False,
        chars=False,
        keeporiginal=False,
        removestops=True,
        start_pos=0,
        start_char=0,
        tokenize=True,
        mode="",
        **kwargs,
    ):
        t = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        if not (positions or chars or keeporiginal):  # indexing: only the token texts
            t.boost, t.stopped = 1.0, False
            for text in index_token_texts(value):
                t.text = text
                yield t
            return
        for pos, (text, start, end) in enumerate(index_tokens(value)):
            t.text = text
            t.boost = 1.0
            t.stopped = False
            if keeporiginal:
                t.original = text
            if positions:
                t.pos = start_pos + pos
            if chars:
                t.startchar, t.endchar = start_char + start, start_char + end
            yield t


def dutch_analyzer() -> DutchTokenizer:
    """The analyzer of every full-text field."""
    return DutchTokenizer()


def spelling_analyzer():
    """Unstemmed, accent-folded words: the vocabulary for "did you mean"."""
    return RegexTokenizer() | LowercaseFilter() | CharsetFilter(accent_map)


class DutchText(TEXT):
    """A ``TEXT`` field (frequencies, no positions) whose terms are counted without tokens."""

    def index(self, value, **kwargs):
        boost = self.format.field_boost
        for text, freq in Counter(index_token_texts(value)).items():
            yield text.encode("utf-8"), freq, freq * boost, pack_uint(freq)


@lru_cache(maxsize=200_000)
def _spelling_word(word: str) -> str:
    return word.lower().translate(accent_map)


class SpellWords(FieldType):
    """The words of ``spelling_analyzer`` as a vocabulary: no frequency per posting, no lengths."""

    def __init__(self):
        super().__init__(Existence(), analyzer=spelling_analyzer(), scorable=False, stored=False)

    def index(self, value, **kwargs):
        # The weight is the count: a term's total (the corrector's tie-break) stays as it was
        for word, count in Counter(
            _spelling_word(m.group()) for m in default_pattern.finditer(value)
        ).items():
            yield word.encode("utf-8"), 1, float(count), b""


class _ScoredLengths:
    """Whoosh's per-document lengths, answering 0 at once for unscored fields: they never
    store a length, and Whoosh answers 0 after checking for the length file per posting."""

    def __init__(self, schema, lengths):
        self._lengths = lengths
        self._unscored = frozenset(name for name, field in schema.items() if not field.scorable)

    def doc_field_length(self, docnum, fieldname, default=0):
        if fieldname in self._unscored:
            return default
        return self._lengths.doc_field_length(docnum, fieldname, default)


def skip_unscored_lengths() -> None:
    """Wrap ``FieldWriter.add_postings`` (once per process; forked writers inherit it)."""
    original = FieldWriter.add_postings
    if original.__name__ == "add_postings_skipping_unscored":
        return

    def add_postings_skipping_unscored(self, schema, lengths, items):
        return original(self, schema, _ScoredLengths(schema, lengths) if lengths else lengths, items)

    FieldWriter.add_postings = add_postings_skipping_unscored


def to_query(node: Node, fields: tuple[str, ...]) -> Query:
    """A clause as a Whoosh query; a token is looked up in any of ``fields``."""
    if isinstance(node, str):
        terms = [Term(field, node) for field in fields]
        return terms[0] if len(terms) == 1 else Or(terms)
    combine = And if isinstance(node, AllOf) else Or
    return combine([to_query(part, fields) for part in node.parts])
