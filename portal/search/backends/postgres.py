"""PostgreSQL full-text backend: for deployments whose web servers share no disk.

Documents live in ``search_document`` (generated ``tsv`` column, GIN index) with their
filter values as rows of ``search_document_tag``; queries use ``plainto_tsquery`` (AND;
``websearch_to_tsquery`` for the relaxed OR) on the bounded words (``portal.search.bounds``)
rewritten with the same domain list as Whoosh (``portal.search.analysis``).
Writers serialise on an advisory lock, like Whoosh's single writer.
"""

from __future__ import annotations

from collections.abc import Collection
from contextlib import contextmanager
from typing import Any, cast

from markupsafe import Markup, escape
from sqlalchemy import (
    ColumnElement,
    Date,
    Integer,
    Table,
    any_,
    bindparam,
    case,
    delete,
    func,
    insert,
    literal_column,
    or_,
    select,
    text,
)
from sqlalchemy import cast as sql_cast
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.exc import OperationalError
from sqlalchemy.sql.elements import ColumnClause

from portal.models.base import local_now
from portal.models.search import SearchDocument, SearchDocumentTag, SearchWord
from portal.search.analysis import (
    NO_SYNONYMS,
    WORD_RE,
    fold,
    index_text,
    query_clauses,
    related_words,
    to_tsquery,
)
from portal.search.backends.base import (
    FACETS,
    Backend,
    Hit,
    IndexBusy,
    IndexUnavailable,
    SearchParams,
    SearchResult,
)
from portal.search.backends.pg_ddl import ensure_postgres_ddl
from portal.search.bounds import query_terms
from portal.search.documents import FAR_FUTURE
from portal.search.snippets import ELLIPSIS, ellipses, shorten, snap

D = cast(Table, SearchDocument.__table__)
T = cast(Table, SearchDocumentTag.__table__)
W = cast(Table, SearchWord.__table__)
TSV: ColumnClause[Any] = literal_column("search_document.tsv")
CONFIG: ColumnClause[Any] = literal_column("'portal_dutch'::regconfig")  # highlighting only
SIMPLE: ColumnClause[Any] = literal_column("'simple'::regconfig")  # tokens analysed in Python
WRITE_LOCK = 4242002
START, STOP, BETWEEN = "\x01", "\x02", "\x03"  # ts_headline's marks and fragment delimiter
SNIPPET_CHARS = 220  # a snippet without search words: the start of the summary or body


def tags_of(doc: dict) -> set[str]:
    tags = {f"kind:{doc['kind']}"}
    for facet in ("audience", "profile", "theme"):
        tags.update(f"{facet}:{v}" for v in doc[facet])
    if doc["municipality"]:
        tags.add(f"municipality:{doc['municipality']}")
    tags.update(f"{flag}:1" for flag in ("online", "free") if doc[flag])
    tags.update(f"slot:{d.isoformat()}" for d in doc["slot_days"])
    return tags


class _Batch:
    def __init__(self, conn):
        self.conn = conn

    def remove(self, offer_id: int) -> None:
        self.conn.execute(delete(D).where(D.c.offer_id == offer_id))

    def index(self, doc: dict) -> None:
        self.remove(doc["id"])
        self.insert_many([doc])

    def insert_many(self, docs: list[dict]) -> int:
        """Insert documents (not yet present) with their tags and words."""
        if not docs:
            return 0
        self.conn.execute(insert(D), [row_of(doc) for doc in docs])
        self.conn.execute(
            insert(T), [{"offer_id": doc["id"], "tag": t} for doc in docs for t in tags_of(doc)]
        )
        vocabulary: set[str] = set()
        for doc in docs:
            text_ = " ".join([doc["title"], doc["summary"], doc["keywords"], doc["body"]])
            vocabulary.update(w for w in words_all(text_) if 3 <= len(w) <= 60)
        if vocabulary:
            self.conn.execute(
                pg_insert(W).on_conflict_do_nothing(), [{"word": w} for w in sorted(vocabulary)]
            )
        return len(docs)


def row_of(doc: dict) -> dict:
    return dict(
        offer_id=doc["id"],
        title=doc["title"],
        summary=doc["summary"],
        body=doc["body"],
        fts_title=index_text(doc["title"]),
        fts_keywords=index_text(doc["keywords"] + " " + doc["summary"]),
        fts_body=index_text(doc["body"]),
        published=doc["published"],
        next_date=doc["next_date"],
        open_until=doc["open_until"],
        fingerprint=doc["fingerprint"],
    )


def words_all(text_: str) -> list[str]:
    return WORD_RE.findall(fold(text_))


class PostgresBackend(Backend):
    name = "postgres"

    def __init__(self, engine, lock_timeout_ms: int = 10000):
        self.engine = engine
        self.lock_timeout_ms = lock_timeout_ms
        self._ready = False
        self.synonyms = NO_SYNONYMS

    def _ensure(self) -> None:
        if self._ready:
            return
        if self.engine.dialect.name != "postgresql":
            raise IndexUnavailable("the postgres search backend needs a PostgreSQL database")
        with self.engine.begin() as conn:
            ensure_postgres_ddl(conn)
        self._ready = True

    def healthy(self) -> bool:
        try:
            self._ensure()
            with self.engine.connect() as conn:
                conn.execute(select(TSV).select_from(D).limit(1)).all()
            return True
        except Exception:
            return False

    @contextmanager
    def write(self):
        self._ensure()
        with self.engine.begin() as conn:
            conn.execute(text(f"SET LOCAL lock_timeout = {int(self.lock_timeout_ms)}"))
            try:
                conn.execute(text(f"SELECT pg_advisory_xact_lock({WRITE_LOCK})"))
            except OperationalError as exc:
                raise IndexBusy(str(exc)) from exc
            yield _Batch(conn)

    def rebuild(self, docs, total: int, progress=None) -> None:
        """One transaction: readers see the old documents until it commits."""
        with self.write() as batch:
            batch.conn.execute(delete(D))
            chunk, done = [], 0
            for doc in docs:
                chunk.append(doc)
                if len(chunk) == 1000:
                    done += batch.insert_many(chunk)
                    chunk = []
                    if progress:
                        progress(done)
            done += batch.insert_many(chunk)
            if progress:
                progress(done)

    def fingerprints(self) -> dict[int, str]:
        self._ensure()
        with self.engine.connect() as conn:
            return dict(conn.execute(select(D.c.offer_id, D.c.fingerprint)).all())

    # -- reading -------------------------------------------------------------------
    def _tsquery(self, q: str, match_any: bool):
        """AND of the bounded search words (a typed "or" is a word, as with Whoosh); OR for
        the relaxed retry. The query plan of ``portal.search.analysis``, as the same tokens
        Whoosh looks for; only tokens (word characters) reach PostgreSQL."""
        clauses = query_clauses(q, len(query_terms(q, match_any)), self.synonyms)
        if not clauses:
            return None
        return func.to_tsquery(SIMPLE, to_tsquery(clauses, match_any))

    def _conditions(self, params: SearchParams) -> dict[str, ColumnElement[bool]]:
        groups: dict[str, ColumnElement[bool]] = {}
        for facet, values in params.filters.items():
            if values:
                tags = [f"{facet}:{v}" for v in values]
                groups[facet] = D.c.offer_id.in_(select(T.c.offer_id).where(T.c.tag.in_(tags)))
        for flag in ("online", "free"):
            if getattr(params, flag):
                groups[flag] = D.c.offer_id.in_(select(T.c.offer_id).where(T.c.tag == f"{flag}:1"))
        if params.has_dates:
            start, end = params.date_range(local_now().date())
            slot = select(T.c.offer_id).where(T.c.tag.between(f"slot:{start}", f"slot:{end}"))
            groups["dates"] = or_(D.c.offer_id.in_(slot), D.c.open_until >= start)
        return groups

    def query(self, params: SearchParams) -> SearchResult:
        self._ensure()
        tsq = self._tsquery(params.q, params.match_any)
        groups = self._conditions(params)
        with self.engine.connect() as conn:
            ids = None if tsq is None else self._text_matches(conn, tsq)
            where = ([] if ids is None else [D.c.offer_id == any_(ids)]) + list(groups.values())
            if ids is not None and not groups:
                total = len(ids.value)
            else:
                total = conn.execute(select(func.count()).select_from(D).where(*where)).scalar_one()
            facets = self._facet_counts(conn, ids, groups)
            hits = self._page(conn, tsq, where, params) if total else []
        return SearchResult(hits=hits, total=total, facets=facets, page=params.page, per_page=params.per_page)

    @staticmethod
    def _text_matches(conn, tsq):
        """The ids matching the words, found once from the GIN index alone.

        The tsvector is stored out of line (TOAST) and the planner does not count
        unpacking it, so for common words it chose a sequential scan that unpacks every
        document, again for the count, each facet query and the page (4 x 35-55 ms at 10k
        offers). The index answers "which documents match" without unpacking any."""
        # For the whole read: the pages are cached, so the count, facets and page use indexes.
        conn.execute(text("SET LOCAL random_page_cost = 1.1"))
        conn.execute(text("SET LOCAL enable_seqscan = off"))
        ids = list(conn.execute(select(D.c.offer_id).where(TSV.op("@@")(tsq))).scalars())
        conn.execute(text("SET LOCAL enable_seqscan = on"))
        return bindparam("text_ids", ids, type_=ARRAY(Integer))

    def _facet_counts(self, conn, ids, groups) -> dict:
        """Counts per value given the words and every other active filter."""
        facets: dict[str, dict[str, int]] = {name: {} for name in (*FACETS, "online", "free")}
        plans = [(None, list(groups.values()))]
        plans += [(g, [c for n, c in groups.items() if n != g]) for g in groups if g in facets]
        for only, conds in plans:
            stmt = select(T.c.tag, func.count())
            if ids is not None:
                stmt = stmt.where(T.c.offer_id == any_(ids))
            if conds:
                stmt = stmt.where(T.c.offer_id.in_(select(D.c.offer_id).where(*conds)))
            stmt = stmt.where(T.c.tag.like(f"{only}:%") if only else ~T.c.tag.like("slot:%"))
            for tag, count in conn.execute(stmt.group_by(T.c.tag)):
                facet, _, value = tag.partition(":")
                if facet in facets and (only == facet or facet not in groups):
                    facets[facet][value] = count
        return facets

    def _page(self, conn, tsq, where, params: SearchParams) -> list[Hit]:
        """One page: ranked and cut in a subquery, so only its rows get headlines."""
        sort = params.sort if tsq is not None or params.sort != "relevantie" else "nieuw"
        # The relaxed retry ORs words that may match most offers: ranking all of them with
        # ts_rank_cd (cover density) cost 200 ms at 10k offers, with ts_rank 60 ms.
        rank_fn = func.ts_rank if params.match_any else func.ts_rank_cd
        rank = rank_fn(TSV, tsq) if tsq is not None else literal_column("0")
        page = (
            select(D.c.offer_id, rank.label("rank"))
            .where(*where)
            .order_by(*self._order(sort, D, literal_column("rank")))
            .limit(params.per_page)
            .offset((params.page - 1) * params.per_page)
            .subquery()
        )
        doc = D.alias("doc")
        cols: list[Any] = [page.c.offer_id, page.c.rank, doc.c.title, doc.c.summary, doc.c.body]
        if tsq is not None:
            light = self._highlight_query(params.q)
            marks = f"StartSel={START}, StopSel={STOP}"
            opts = f"{marks}, MaxWords=30, MinWords=10, MaxFragments=2, FragmentDelimiter={BETWEEN}"
            cols += [
                func.ts_headline(CONFIG, doc.c.title, light, f"HighlightAll=true, {marks}"),
                func.ts_headline(CONFIG, doc.c.summary + " " + doc.c.body, light, opts),
            ]
        stmt = (
            select(*cols)
            .join_from(page, doc, doc.c.offer_id == page.c.offer_id)
            .order_by(*self._order(sort, doc, page.c.rank))
        )
        hits = []
        for row in conn.execute(stmt):
            title = marked(row[5]) if tsq is not None else escape(row.title)
            if tsq is not None:
                snippet = snapped(row[6], f"{row.summary} {row.body}")
            else:
                snippet = escape(shorten(row.summary or row.body, SNIPPET_CHARS))
            hits.append(Hit(id=row.offer_id, title=title, snippet=snippet, score=float(row.rank)))
        return hits

    @staticmethod
    def _order(sort: str, table, rank) -> list:
        by = {
            "nieuw": [table.c.published.desc()],
            "datum": [_soonest(table).asc(), table.c.published.desc()],
        }
        return [*by.get(sort, [rank.desc(), table.c.published.desc()]), table.c.offer_id]

    def _highlight_query(self, q: str):
        """Words as typed, their lemmas, compound parts and synonyms ("schepen" and "schip"):
        all get marked (ts_headline stems them with PostgreSQL's Dutch stemmer)."""
        terms = query_terms(q)
        typed = set(terms) | set(related_words(" ".join(terms), self.synonyms))
        return func.websearch_to_tsquery(CONFIG, " or ".join(sorted(typed)))

    def known_words(self, words: set[str]) -> set[str]:
        self._ensure()
        # One lookup per word (at most MAX_QUERY_WORDS): with an IN list the planner took the
        # trigram index, 30-50 ms at 10k offers instead of 0.1 ms through the primary key.
        with self.engine.connect() as conn:
            return {
                w for w in words if conn.execute(select(W.c.word).where(W.c.word == w)).first() is not None
            }

    def correct(self, word: str) -> str | None:
        self._ensure()
        with self.engine.connect() as conn:
            return conn.execute(
                select(W.c.word).where(W.c.word.op("%")(word)).order_by(W.c.word.op("<->")(word)).limit(1)
            ).scalar()

    def similar(self, offer_id: int, limit: int = 4) -> list[int]:
        self._ensure()
        with self.engine.connect() as conn:
            lexemes = (
                conn.execute(
                    text(
                        "SELECT lexeme FROM search_document, unnest(tsv) "
                        "WHERE offer_id = :id AND weights && ARRAY['A','B']::text[] LIMIT 24"
                    ),
                    {"id": offer_id},
                )
                .scalars()
                .all()
            )
            if not lexemes:
                return []
            query = " | ".join("'" + lx.replace("'", "''").replace("\\", "") + "'" for lx in lexemes)
            tsq = func.to_tsquery(literal_column("'simple'::regconfig"), query)
            stmt = (
                select(D.c.offer_id)
                .where(TSV.op("@@")(tsq), D.c.offer_id != offer_id)
                .order_by(func.ts_rank(TSV, tsq).desc(), D.c.offer_id)
                .limit(limit)
            )
            return list(conn.execute(stmt).scalars())

    def match(self, searches: list[SearchParams], among: Collection[int]) -> list[set[int]]:
        self._ensure()
        pool = bindparam("among", sorted(among), type_=ARRAY(Integer))
        found = []
        with self.engine.connect() as conn:
            for params in searches:
                where = [D.c.offer_id == any_(pool), *self._conditions(params).values()]
                tsq = self._tsquery(params.q, params.match_any)
                if tsq is not None:
                    where.append(TSV.op("@@")(tsq))
                found.append(set(conn.execute(select(D.c.offer_id).where(*where)).scalars()))
        return found


def _soonest(table):
    """A document's first open date from today on: ``next_date`` while it has not passed
    (it was right when the document was indexed), else its next slot day that has not."""
    today = local_now().date()
    later = (
        select(func.min(T.c.tag))
        .where(T.c.offer_id == table.c.offer_id, T.c.tag >= f"slot:{today.isoformat()}", T.c.tag < "slot;")
        .scalar_subquery()
    )
    return case(
        (table.c.next_date >= today, table.c.next_date),
        else_=func.coalesce(sql_cast(func.substr(later, 6), Date), FAR_FUTURE),
    )


def snapped(headline: str, source: str) -> Markup:
    """``ts_headline``'s fragments (whole words, but starting anywhere in a sentence) snapped
    to sentences like Whoosh's (``portal.search.snippets``), with an ellipsis where text was
    left out. A fragment not found in the source as such is shown as PostgreSQL made it."""
    parts = []
    for fragment in (headline or "").split(BETWEEN):
        plain = fragment.replace(START, "").replace(STOP, "")
        at = source.find(plain) if plain.strip() else -1
        if at < 0:
            parts.append(marked(fragment.strip()))
            continue
        first = at + (fragment.index(START) if START in fragment else 0)
        start, end = snap(source, at, at + len(plain), keep=first)
        inner = fragment[max(0, start - at) :]
        inner = inner.rstrip() if end < at + len(plain) else inner
        before, after = ellipses(source, start, end)
        parts.append(
            (f"{ELLIPSIS} " if before else "")
            + escape(source[start:at])
            + marked(inner)
            + escape(source[at + len(plain) : end])
            + (ELLIPSIS if after else "")
        )
    return Markup(" ".join(parts))


def marked(html_text: str) -> Markup:
    """Escape a ts_headline result, then turn its markers into <mark>."""
    safe = str(escape(html_text or ""))
    return Markup(safe.replace(START, "<mark>").replace(STOP, "</mark>"))
