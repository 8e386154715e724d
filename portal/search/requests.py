"""Teacher requests as a second document type of search: the same Dutch analysis, matched in SQL.

Open requests number in the hundreds, not the hundred thousands of offers, so they need no
index of their own: a request stores the analysed tokens of its text in
``teacher_request.search_tokens`` (space-delimited, with a space at both ends), and a query
becomes a SQL condition over that column (``LIKE '% token %'`` per token, AND per search
word, OR between a word's alternatives), the same plan ``analysis.query_clauses`` gives the
offer backends, synonyms included. Filters (kind, level, theme, municipality, online) are
plain column conditions; ``portal.requests.services`` combines them.
"""

from __future__ import annotations

from sqlalchemy import and_, false, or_
from sqlalchemy.sql.elements import ColumnElement

from portal.search import analysis, bounds, synonyms


def request_tokens(*texts: str | None) -> str:
    """The stored token text of a request: every token once, spaces at both ends."""
    tokens = sorted({t for text in texts if text for t in analysis.index_token_texts(text)})
    return f" {' '.join(tokens)} " if tokens else ""


def text_condition(column, q: str) -> ColumnElement[bool] | None:
    """The SQL condition that ``column`` (the token text) matches every word of ``q``, or
    None when ``q`` has no search words (then nothing is filtered by text)."""
    text, _cut = bounds.bound_query(q or "")
    clauses = analysis.query_clauses(text, bounds.MAX_QUERY_WORDS, synonyms.expansions)
    if not clauses:
        return None if not text.strip() else false()
    return and_(*(_condition(column, clause) for clause in clauses))


def _condition(column, node: analysis.Node) -> ColumnElement[bool]:
    if isinstance(node, str):
        return column.like(f"% {_escape(node)} %", escape="\\")
    parts = [_condition(column, part) for part in node.parts]
    return and_(*parts) if isinstance(node, analysis.AllOf) else or_(*parts)


def _escape(token: str) -> str:
    return token.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
