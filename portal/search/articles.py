"""Searching kennisbank articles with the shared Dutch analysis, in plain SQL.

There are hundreds of articles, not 100k offers, so they need no search backend: an
article's public text is analysed by ``analysis.index_text`` (the same tokens the offer
index stores) into ``article.search_tokens`` as `` tok tok `` (a space on both ends), and
a query becomes ``analysis.query_clauses`` (with the coordinators' synonyms), each token a
``LIKE '% tok %'`` on that column, combined with the page's filters in one query. Both
SQLite and PostgreSQL run it. Changing the analysis changes the stored tokens:
``flask --app portal kennisbank reindex`` writes them again.
"""

from __future__ import annotations

from sqlalchemy import and_, or_
from sqlalchemy.sql.elements import ColumnElement

from portal.search import bounds, synonyms
from portal.search.analysis import AllOf, AnyOf, Node, index_text, query_clauses


def tokens_of(*texts: str | None) -> str:
    """The stored form of an article's searchable texts: `` tok tok ... ``."""
    tokens = index_text("\n".join(t for t in texts if t))
    return f" {tokens} " if tokens else ""


def match_clause(column, q: str) -> ColumnElement[bool] | None:
    """SQL for "every search word of ``q`` matches one of its tokens", or None when ``q``
    has no search word (the list is then not narrowed by text)."""
    text, _cut = bounds.bound_query(q or "")
    clauses = query_clauses(text, bounds.MAX_QUERY_WORDS, synonyms.expansions)
    if not clauses:
        return None
    return and_(*(_sql(column, clause) for clause in clauses))


def _sql(column, node: Node) -> ColumnElement[bool]:
    if isinstance(node, str):
        return column.contains(f" {node} ", autoescape=True)
    parts = [_sql(column, part) for part in node.parts]
    if isinstance(node, AllOf):
        return and_(*parts)
    assert isinstance(node, AnyOf)
    return or_(*parts)
