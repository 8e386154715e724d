"""The shared Dutch analysis as Whoosh analyzers, and query plans as Whoosh queries.

``DutchTokenizer`` yields the tokens of ``portal.search.analysis.index_tokens`` (with
their character spans, so highlighting marks the whole written word, e.g. all of
"Energiecoöperatie" for "coöperatie"). It analyses the same way in every mode: queries
are not analysed by Whoosh but built from ``analysis.query_clauses`` (``to_query``).
"""

from __future__ import annotations

from whoosh.analysis import CharsetFilter, LowercaseFilter, RegexTokenizer, Token, Tokenizer
from whoosh.query import And, Or, Query, Term
from whoosh.support.charset import accent_map

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


def to_query(node: Node, fields: tuple[str, ...]) -> Query:
    """A clause as a Whoosh query; a token is looked up in any of ``fields``."""
    if isinstance(node, str):
        terms = [Term(field, node) for field in fields]
        return terms[0] if len(terms) == 1 else Or(terms)
    combine = And if isinstance(node, AllOf) else Or
    return combine([to_query(part, fields) for part in node.parts])
