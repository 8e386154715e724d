"""The three engines under test, each with build(docs) and run(query) -> result count.

Whoosh and PostgreSQL go through the portal's own search interface
(``Backend.rebuild`` / ``Backend.query``, including facet counts, highlights and paging);
SQLite FTS5 is a baseline doing the equivalent SQL (match, count, tag counts, a page).
"""

from __future__ import annotations

import sqlite3
import tempfile
import time
from dataclasses import dataclass, field
from datetime import date

from portal.search.backends.base import SearchParams


@dataclass
class BenchQuery:
    label: str
    q: str = ""
    filters: dict = field(default_factory=dict)
    sort: str = "relevantie"
    page: int = 1
    dates: tuple[date, date] | None = None

    def params(self) -> SearchParams:
        return SearchParams(
            q=self.q,
            filters=self.filters,
            sort=self.sort,
            page=self.page,
            date_from=self.dates[0] if self.dates else None,
            date_to=self.dates[1] if self.dates else None,
        )


class WhooshEngine:
    name = "whoosh"

    def __init__(self, root: str | None = None):
        from portal.search.backends.whoosh_backend import WhooshBackend

        self.root = root or tempfile.mkdtemp(prefix="bench-whoosh-")
        self.backend = WhooshBackend(self.root)

    def build(self, docs) -> float:
        start = time.perf_counter()
        self.backend.rebuild(iter(docs), len(docs))
        return time.perf_counter() - start

    def run(self, query: BenchQuery) -> int:
        return self.backend.query(query.params()).total


class PostgresEngine:
    name = "postgres"

    def __init__(self, engine):
        from portal.search.backends.postgres import PostgresBackend

        self.backend = PostgresBackend(engine)

    def build(self, docs) -> float:
        start = time.perf_counter()
        self.backend.rebuild(iter(docs), len(docs))
        with self.backend.engine.begin() as conn:
            conn.exec_driver_sql("ANALYZE search_document")
            conn.exec_driver_sql("ANALYZE search_document_tag")
        return time.perf_counter() - start

    def run(self, query: BenchQuery) -> int:
        return self.backend.query(query.params()).total


class Fts5Engine:
    """Baseline: SQLite FTS5 (unicode61, diacritics removed; no Dutch stemming)."""

    name = "sqlite-fts5"

    def __init__(self):
        path = tempfile.mktemp(prefix="bench-fts5-", suffix=".sqlite3")
        self.db = sqlite3.connect(path)

    def build(self, docs) -> float:
        start = time.perf_counter()
        c = self.db
        c.executescript("""
          CREATE TABLE doc(id INTEGER PRIMARY KEY, published TEXT, next_date TEXT, open_until TEXT);
          CREATE TABLE tag(id INTEGER, tag TEXT, PRIMARY KEY (tag, id));
          CREATE VIRTUAL TABLE fts USING fts5(title, summary, keywords, body,
            tokenize = 'unicode61 remove_diacritics 2');
        """)
        from bench.dbload import tags_of

        c.executemany(
            "INSERT INTO doc VALUES (?, ?, ?, ?)",
            [
                (
                    d["id"],
                    d["published"].isoformat(),
                    d["next_date"].isoformat(),
                    d["open_until"].isoformat() if d["open_until"] else None,
                )
                for d in docs
            ],
        )
        c.executemany("INSERT INTO tag VALUES (?, ?)", [(d["id"], t) for d in docs for t in tags_of(d)])
        c.executemany(
            "INSERT INTO fts(rowid, title, summary, keywords, body) VALUES (?, ?, ?, ?, ?)",
            [(d["id"], d["title"], d["summary"], d["keywords"], d["body"]) for d in docs],
        )
        c.commit()
        return time.perf_counter() - start

    def run(self, query: BenchQuery) -> int:
        where, args = [], []
        if query.q:
            where.append("doc.id IN (SELECT rowid FROM fts WHERE fts MATCH ?)")
            args.append(" ".join(f'"{w}"' for w in query.q.split()))
        for facet, values in query.filters.items():
            marks = ",".join("?" * len(values))
            where.append(f"doc.id IN (SELECT id FROM tag WHERE tag IN ({marks}))")  # noqa: S608
            args += [f"{facet}:{v}" for v in values]
        if query.dates:
            where.append("(doc.id IN (SELECT id FROM tag WHERE tag BETWEEN ? AND ?) OR open_until >= ?)")
            args += [f"slot:{query.dates[0]}", f"slot:{query.dates[1]}", query.dates[0].isoformat()]
        # clauses are fixed fragments; every value is a bound parameter
        clause = " AND ".join(where) or "1"
        c = self.db
        total = c.execute(f"SELECT count(*) FROM doc WHERE {clause}", args).fetchone()[0]  # noqa: S608
        c.execute(
            f"SELECT tag, count(*) FROM tag WHERE id IN (SELECT id FROM doc WHERE {clause}) "  # noqa: S608
            "AND tag NOT LIKE 'slot:%' GROUP BY tag",
            args,
        ).fetchall()
        order = {"nieuw": "published DESC", "datum": "next_date, published DESC"}.get(query.sort)
        offset = (query.page - 1) * 10
        if query.q and not order:
            c.execute(
                f"SELECT doc.id, bm25(fts, 3.0, 1.5, 2.0, 1.0) AS r FROM fts JOIN doc "  # noqa: S608
                f"ON doc.id = fts.rowid WHERE fts MATCH ? AND {clause} ORDER BY r "
                f"LIMIT 10 OFFSET {offset}",
                [args[0], *args],
            ).fetchall()
        else:
            c.execute(
                f"SELECT id FROM doc WHERE {clause} ORDER BY {order or 'published DESC'} "  # noqa: S608
                f"LIMIT 10 OFFSET {offset}",
                args,
            ).fetchall()
        return total
