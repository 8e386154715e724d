"""PostgreSQL full-text backend: for deployments whose web servers share no disk.

Documents live in ``search_document`` (generated ``tsv`` column, GIN index) with their
filter values as rows of ``search_document_tag``; queries use ``websearch_to_tsquery``
on text rewritten with the same domain list as Whoosh (``portal.search.analysis``).
Writers serialise on an advisory lock, like Whoosh's single writer.
"""
from __future__ import annotations

from contextlib import contextmanager
from datetime import date

from markupsafe import Markup, escape
from sqlalchemy import delete, func, insert, literal_column, or_, select, text
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.exc import OperationalError

from portal.models.search import SearchDocument, SearchDocumentTag, SearchWord
from portal.search.analysis import rewrite_for_postgres, words
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

D = SearchDocument.__table__
T = SearchDocumentTag.__table__
W = SearchWord.__table__
TSV = literal_column("search_document.tsv")
CONFIG = literal_column("'portal_dutch'::regconfig")
WRITE_LOCK = 4242002
START, STOP = "\x01", "\x02"


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
        self.conn.execute(insert(T), [{"offer_id": doc["id"], "tag": t}
                                      for doc in docs for t in tags_of(doc)])
        vocabulary = set()
        for doc in docs:
            text_ = " ".join([doc["title"], doc["summary"], doc["keywords"], doc["body"]])
            vocabulary.update(w for w in words_all(text_) if 3 <= len(w) <= 60)
        if vocabulary:
            self.conn.execute(pg_insert(W).on_conflict_do_nothing(),
                              [{"word": w} for w in sorted(vocabulary)])
        return len(docs)


def row_of(doc: dict) -> dict:
    return dict(
        offer_id=doc["id"], title=doc["title"], summary=doc["summary"], body=doc["body"],
        fts_title=rewrite_for_postgres(doc["title"], index=True),
        fts_keywords=rewrite_for_postgres(doc["keywords"] + " " + doc["summary"], index=True),
        fts_body=rewrite_for_postgres(doc["body"], index=True),
        published=doc["published"], next_date=doc["next_date"], open_until=doc["open_until"],
        fingerprint=doc["fingerprint"],
    )


def words_all(text_: str) -> list[str]:
    from portal.search.analysis import WORD_RE, fold

    return WORD_RE.findall(fold(text_))


class PostgresBackend(Backend):
    name = "postgres"

    def __init__(self, engine, lock_timeout_ms: int = 10000):
        self.engine = engine
        self.lock_timeout_ms = lock_timeout_ms
        self._ready = False

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
        rewritten = rewrite_for_postgres(q, index=False)
        if not rewritten:
            return None
        if match_any:
            rewritten = " or ".join(rewritten.split())
        return func.websearch_to_tsquery(CONFIG, rewritten)

    def _conditions(self, params: SearchParams) -> dict[str, object]:
        groups = {}
        for facet, values in params.filters.items():
            if values:
                tags = [f"{facet}:{v}" for v in values]
                groups[facet] = D.c.offer_id.in_(select(T.c.offer_id).where(T.c.tag.in_(tags)))
        for flag in ("online", "free"):
            if getattr(params, flag):
                groups[flag] = D.c.offer_id.in_(select(T.c.offer_id).where(T.c.tag == f"{flag}:1"))
        if params.has_dates:
            start, end = params.date_range(date.today())
            slot = select(T.c.offer_id).where(T.c.tag.between(f"slot:{start}", f"slot:{end}"))
            groups["dates"] = or_(D.c.offer_id.in_(slot), D.c.open_until >= start)
        return groups

    def query(self, params: SearchParams) -> SearchResult:
        self._ensure()
        tsq = self._tsquery(params.q, params.match_any)
        base = [TSV.op("@@")(tsq)] if tsq is not None else []
        groups = self._conditions(params)
        where = base + list(groups.values())
        with self.engine.connect() as conn:
            total = conn.execute(select(func.count()).select_from(D).where(*where)).scalar_one()
            facets = self._facet_counts(conn, base, groups)
            hits = self._page(conn, tsq, where, params) if total else []
        return SearchResult(hits=hits, total=total, facets=facets, page=params.page,
                            per_page=params.per_page)

    def _facet_counts(self, conn, base, groups) -> dict:
        facets = {name: {} for name in (*FACETS, "online", "free")}
        plans = [(None, list(groups.values()))]
        plans += [(g, [c for n, c in groups.items() if n != g]) for g in groups if g in facets]
        for only, conds in plans:
            matched = select(D.c.offer_id).where(*base, *conds)
            stmt = select(T.c.tag, func.count()).where(T.c.offer_id.in_(matched))
            stmt = stmt.where(T.c.tag.like(f"{only}:%") if only else ~T.c.tag.like("slot:%"))
            for tag, count in conn.execute(stmt.group_by(T.c.tag)):
                facet, _, value = tag.partition(":")
                if facet in facets and (only == facet or facet not in groups):
                    facets[facet][value] = count
        return facets

    def _page(self, conn, tsq, where, params: SearchParams) -> list[Hit]:
        sort = params.sort if tsq is not None or params.sort != "relevantie" else "nieuw"
        order = {"nieuw": [D.c.published.desc()],
                 "datum": [D.c.next_date.asc(), D.c.published.desc()]}.get(sort)
        rank = func.ts_rank_cd(TSV, tsq) if tsq is not None else literal_column("0")
        cols = [D.c.offer_id, D.c.title, D.c.summary, D.c.body, rank.label("rank")]
        if tsq is not None:
            light = self._highlight_query(params.q)
            marks = f"StartSel={START}, StopSel={STOP}"
            opts = f"{marks}, MaxWords=30, MinWords=10, MaxFragments=2"
            cols += [func.ts_headline(CONFIG, D.c.title, light, f"HighlightAll=true, {marks}"),
                     func.ts_headline(CONFIG, D.c.summary + " " + D.c.body, light, opts)]
        stmt = select(*cols).where(*where).order_by(
            *(order or [literal_column("rank").desc(), D.c.published.desc()]), D.c.offer_id
        ).limit(params.per_page).offset((params.page - 1) * params.per_page)
        hits = []
        for row in conn.execute(stmt):
            title = marked(row[5]) if tsq is not None else escape(row.title)
            snippet = marked(row[6]) if tsq is not None else escape(row.summary or row.body[:200])
            hits.append(Hit(id=row.offer_id, title=title, snippet=snippet, score=float(row.rank)))
        return hits

    @staticmethod
    def _highlight_query(q: str):
        """Words as typed and as rewritten ("lassen" and "las"): both get marked."""
        typed = set(words(q)) | set(rewrite_for_postgres(q, index=False).split())
        return func.websearch_to_tsquery(CONFIG, " or ".join(sorted(typed)))

    def suggest(self, q: str) -> str | None:
        self._ensure()
        out, changed = [], False
        with self.engine.connect() as conn:
            for word in words(q):
                known = conn.execute(select(W.c.word).where(W.c.word == word)).first()
                if len(word) < 4 or known:
                    out.append(word)
                    continue
                found = conn.execute(
                    select(W.c.word).where(W.c.word.op("%")(word))
                    .order_by(W.c.word.op("<->")(word)).limit(1)
                ).scalar()
                changed |= found is not None
                out.append(found or word)
        return " ".join(out) if changed else None

    def similar(self, offer_id: int, limit: int = 4) -> list[int]:
        self._ensure()
        with self.engine.connect() as conn:
            lexemes = conn.execute(text(
                "SELECT lexeme FROM search_document, unnest(tsv) "
                "WHERE offer_id = :id AND weights && ARRAY['A','B']::text[] LIMIT 24"
            ), {"id": offer_id}).scalars().all()
            if not lexemes:
                return []
            query = " | ".join("'" + lx.replace("'", "''").replace("\\", "") + "'" for lx in lexemes)
            tsq = func.to_tsquery(literal_column("'simple'::regconfig"), query)
            stmt = (select(D.c.offer_id).where(TSV.op("@@")(tsq), D.c.offer_id != offer_id)
                    .order_by(func.ts_rank(TSV, tsq).desc(), D.c.offer_id).limit(limit))
            return list(conn.execute(stmt).scalars())


def marked(html_text: str) -> Markup:
    """Escape a ts_headline result, then turn its markers into <mark>."""
    safe = str(escape(html_text or ""))
    return Markup(safe.replace(START, "<mark>").replace(STOP, "</mark>"))
