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
    String,
    Table,
    Text,
    and_,
    any_,
    bindparam,
    case,
    column,
    delete,
    func,
    insert,
    literal_column,
    or_,
    select,
    text,
)
from sqlalchemy import cast as sql_cast
from sqlalchemy import values as sql_values
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.exc import OperationalError
from sqlalchemy.sql.elements import ColumnClause

from portal.models.base import local_now
from portal.models.search import SearchDocument, SearchDocumentTag, SearchFacet, SearchTagCount, SearchWord
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
    FLAGS,
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
C = cast(Table, SearchTagCount.__table__)
F = cast(Table, SearchFacet.__table__)  # filter values per document, no slot days
TAGS = F.c.tags
TSV: ColumnClause[Any] = literal_column("search_document.tsv")
HEAD: ColumnClause[Any] = literal_column("search_document.tsv_head")  # title and keywords
ALL = "*"  # the pseudo-tag every document carries in counts: the total
RANK_ALL = 500  # up to this many matches every match is ranked ...
RANK_TOP = 200  # ... beyond, these many candidates (best title and keywords first)
CONFIG: ColumnClause[Any] = literal_column("'portal_dutch'::regconfig")  # highlighting only
SIMPLE: ColumnClause[Any] = literal_column("'simple'::regconfig")  # tokens analysed in Python
WRITE_LOCK = 4242002
START, STOP, BETWEEN = "\x01", "\x02", "\x03"  # ts_headline's marks and fragment delimiter
SNIPPET_CHARS = 220  # a snippet without search words: the start of the summary or body


def tags_of(doc: dict) -> set[str]:
    tags = {f"kind:{doc['kind']}"}
    for facet in ("audience", "profile", "theme", "municipality", "region", "near"):
        tags.update(f"{facet}:{v}" for v in doc[facet])
    tags.update(f"{flag}:1" for flag in ("online", "free") if doc[flag])
    tags.update(f"slot:{d.isoformat()}" for d in doc["slot_days"])
    return tags


def _has_any(tags: list[str]) -> ColumnElement[bool]:
    """The ``search_facet`` row carries one of ``tags`` (array overlap: its GIN index)."""
    return TAGS.op("&&")(sql_cast(bindparam(None, tags, type_=ARRAY(Text)), ARRAY(Text)))


def _in_group(tags: list[str]) -> ColumnElement[bool]:
    """The document carries one of ``tags``."""
    return D.c.offer_id.in_(select(F.c.offer_id).where(_has_any(tags)))


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
        self.conn.execute(insert(F), [{"offer_id": doc["id"], "tags": facet_tags(doc)} for doc in docs])
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


def facet_tags(doc: dict) -> list[str]:
    return sorted(t for t in tags_of(doc) if not t.startswith("slot:"))


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
            # Fresh statistics for the planner: it picks the index plans from them.
            for table in ("search_document", "search_facet", "search_document_tag"):
                batch.conn.execute(text(f"ANALYZE {table}"))
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

    def _conditions(self, params: SearchParams) -> tuple[dict[str, list[str]], list[ColumnElement[bool]]]:
        """(filter groups: facet or flag -> the values any of which a document needs, as
        tags; conditions every count and page obeys: the date range)."""
        groups: dict[str, list[str]] = {}
        for facet, values in params.filters.items():
            if values:
                groups[facet] = [f"{facet}:{v}" for v in values]
        for flag in FLAGS:
            if getattr(params, flag):
                groups[flag] = [f"{flag}:1"]
        fixed: list[ColumnElement[bool]] = []
        if params.has_dates:
            start, end = params.date_range(local_now().date())
            slot = select(T.c.offer_id).where(T.c.tag.between(f"slot:{start}", f"slot:{end}"))
            fixed.append(or_(D.c.offer_id.in_(slot), D.c.open_until >= start))
        return groups, fixed

    def query(self, params: SearchParams) -> SearchResult:
        self._ensure()
        tsq = self._tsquery(params.q, params.match_any)
        groups, fixed = self._conditions(params)
        with self.engine.connect() as conn:
            ids = None if tsq is None else self._text_matches(conn, tsq)
            total, facets = self._counts(conn, ids, groups, fixed)
            where = list(fixed)
            if groups:
                # One narrow lookup for every filter group; with words, the ids it leaves.
                chosen = select(F.c.offer_id).where(*(_has_any(tags) for tags in groups.values()))
                if ids is not None:
                    left = list(conn.execute(chosen.where(F.c.offer_id == any_(ids))).scalars())
                    ids = bindparam("text_ids", left, type_=ARRAY(Integer))
                else:
                    where.append(D.c.offer_id.in_(chosen))
            if ids is not None:
                where.append(D.c.offer_id == any_(ids))
            hits = self._page(conn, tsq, where, params, total) if total else []
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

    def _counts(self, conn, ids, groups: dict[str, list[str]], fixed) -> tuple[int, dict]:
        """(total, facet counts): each facet's values counted given the words and every
        active filter group except the facet's own, in one pass over the documents that
        hold all groups or all but one (``_facet_rows``). Without words, filters or dates
        the counts are read from ``search_tag_count``."""
        facets: dict[str, dict[str, int]] = {name: {} for name in (*FACETS, *FLAGS)}
        soft = {name: tags for name, tags in groups.items() if name in facets}
        hard = [_in_group(tags) for name, tags in groups.items() if name not in facets] + list(fixed)
        counted: list[tuple[str, int]] = []
        if ids is None and not hard and len(soft) <= 1:
            # Documents that miss the only filter group count for that group's own facet
            # alone, exactly as the stored counts of all documents do.
            only = next(iter(soft), None)
            stored = select(C.c.tag, C.c.n).where(C.c.n > 0)
            if only is not None:
                stored = stored.where(C.c.tag.like(f"{only}:%"))
            counted += list(conn.execute(stored).tuples())
            if only is not None:
                holding = self._facet_rows(conn, None, {only: soft[only]}, [], skip_failing=True)
                counted += [(tag, count) for tag, count in holding if not tag.startswith(f"{only}:")]
        else:
            counted += self._facet_rows(conn, ids, soft, hard)
        total = 0
        for tag, count in counted:
            if tag == ALL:
                total = count
                continue
            facet, _, value = tag.partition(":")
            if facet in facets:
                facets[facet][value] = count
        return total, facets

    @staticmethod
    def _facet_rows(conn, ids, soft: dict[str, list[str]], hard, skip_failing: bool = False):
        """(tag, count) over the documents matching ``ids`` and ``hard``: a document that
        holds every group in ``soft`` counts for all its tags (and ``*``, the total); one
        that misses exactly one group counts only for that group's own facet (a value of a
        chosen facet is counted as if that facet were not chosen yet)."""
        names = list(soft)
        k = len(names)
        held = [_has_any(soft[name]) for name in names]
        n: Any = literal_column("0")
        missing: Any = literal_column("''")
        if names:
            n = sum((sql_cast(h, Integer) for h in held), n)
            missing = case(*((~h, name) for h, name in zip(held, names, strict=True)), else_="")
        conds = ([] if ids is None else [F.c.offer_id == any_(ids)]) + list(hard)
        if ids is None and k >= 2:
            conds.append(or_(*held))  # the GIN index finds these; n >= k - 1 needs one
        if skip_failing:
            conds += held
        if k:
            conds.append(n >= k - 1)
        everything = func.array_append(TAGS, ALL).label("tags")
        # OFFSET 0 keeps the subquery: n and missing are computed once per document, not
        # once per tag.
        source = F.join(D, D.c.offer_id == F.c.offer_id) if hard else F
        if hard and ids is not None:
            conds.append(D.c.offer_id == any_(ids))  # else the date test scans every document
        docs = select(everything, n.label("n"), missing.label("missing")).select_from(source).where(*conds)
        per_doc = docs.offset(0).subquery()
        tag = func.unnest(per_doc.c.tags).label("tag")
        each = select(tag, per_doc.c.n, per_doc.c.missing).subquery()
        own = func.split_part(each.c.tag, ":", 1) == each.c.missing
        keep = or_(each.c.n == k, and_(each.c.n == k - 1, own))
        # Grouped by byte order: sorting ~10 tags per match with the database's collation
        # was most of this statement's time.
        by_tag = each.c.tag.collate("C")
        stmt = select(by_tag, func.count()).where(keep).group_by(by_tag)
        # The planner expects a few rows out of the unnest and sorts them to group; a common
        # word gives ~10 tags per match (20,000 at 10k offers): hashing is 10x faster there.
        conn.execute(text("SET LOCAL enable_sort = off"))
        rows = list(conn.execute(stmt).tuples())
        conn.execute(text("SET LOCAL enable_sort = on"))
        return rows

    def _page(self, conn, tsq, where, params: SearchParams, total: int) -> list[Hit]:
        """One page: its ids in order (``_page_ids``), then headlines for those rows only."""
        sort = params.sort if tsq is not None or params.sort != "relevantie" else "nieuw"
        offset = (params.page - 1) * params.per_page
        ranked = self._page_ids(conn, tsq, where, params, sort, offset, total)
        if not ranked:
            return []
        scores = dict(ranked)
        doc = D.alias("doc")
        cols: list[Any] = [doc.c.offer_id, doc.c.title, doc.c.summary, doc.c.body]
        if tsq is not None:
            light = self._highlight_query(params.q)
            marks = f"StartSel={START}, StopSel={STOP}"
            opts = f"{marks}, MaxWords=30, MinWords=10, MaxFragments=2, FragmentDelimiter={BETWEEN}"
            cols += [
                func.ts_headline(CONFIG, doc.c.title, light, f"HighlightAll=true, {marks}"),
                func.ts_headline(CONFIG, doc.c.summary + " " + doc.c.body, light, opts),
            ]
        stmt = select(*cols).where(doc.c.offer_id.in_(list(scores)))
        rows = {row.offer_id: row for row in conn.execute(stmt)}
        hits = []
        for offer_id, score in ranked:
            row = rows.get(offer_id)
            if row is None:
                continue
            title = marked(row[4]) if tsq is not None else escape(row.title)
            if tsq is not None:
                snippet = snapped(row[5], f"{row.summary} {row.body}")
            else:
                snippet = escape(shorten(row.summary or row.body, SNIPPET_CHARS))
            hits.append(Hit(id=offer_id, title=title, snippet=snippet, score=score))
        return hits

    def _page_ids(self, conn, tsq, where, params, sort, offset, total) -> list[tuple[int, float]]:
        """(offer id, score) of one page, in order.

        Sorted by date, or without words, nothing is ranked. With words and up to
        ``RANK_ALL`` matches every match is ranked (``ts_rank_cd``; the relaxed retry, which
        ORs words that may match most offers, with the cheaper ``ts_rank``). With more, only
        a bounded candidate set is: ranking unpacks each match's whole tsvector (TOAST,
        ~2 KB) and that was most of a common word's time (2,500 matches at 10k offers: 50 ms;
        18,000 at 100k: over a second). The order is then: matches with the words in their
        title or keywords (``tsv_head``, small and kept in the row; its own GIN index) by
        the rank there, newest first on a tie, then the other matches newest first; the
        first ``RANK_TOP`` of that order are ranked on the whole text and lead, the others
        follow in that order. Paging stays consistent: the order is fixed for a query."""
        limit = params.per_page
        rank_fn = func.ts_rank if params.match_any else func.ts_rank_cd
        if tsq is None or sort != "relevantie":
            # sorted by distance, the order key is the document's distance (km), nearest first
            key = _distance(D, params.distances).label("rank") if sort == "afstand" else None
            stmt = (
                select(D.c.offer_id)
                .where(*where)
                .order_by(*self._order(sort, D, key))
                .limit(limit)
                .offset(offset)
            )
            return [(offer_id, 0.0) for offer_id in conn.execute(stmt).scalars()]
        if total <= RANK_ALL:
            rank = rank_fn(TSV, tsq).label("rank")
            stmt = (
                select(D.c.offer_id, rank)
                .where(*where)
                .order_by(*self._order(sort, D, rank))
                .limit(limit)
                .offset(offset)
            )
            return [(row[0], float(row[1])) for row in conn.execute(stmt)]
        head = rank_fn(HEAD, tsq).label("head")
        in_head = HEAD.op("@@")(tsq)
        heads = select(D.c.offer_id, head).where(*where, in_head)
        heads = heads.order_by(head.desc(), D.c.published.desc(), D.c.offer_id)
        others = select(D.c.offer_id, literal_column("0.0")).where(*where, ~in_head)
        others = others.order_by(D.c.published.desc(), D.c.offer_id)

        def positions(start: int, stop: int, n_heads: int) -> list[tuple[int, float]]:
            """Rows ``start`` to ``stop`` of the order: title/keyword matches, then the rest."""
            rows: list[tuple[int, float]] = []
            if start < n_heads:
                part = heads.offset(start).limit(min(stop, n_heads) - start)
                rows += [(row[0], float(row[1])) for row in conn.execute(part)]
            if stop > n_heads:
                skip = max(start, n_heads) - n_heads
                part = others.offset(skip).limit(stop - n_heads - skip)
                rows += [(row[0], 0.0) for row in conn.execute(part)]
            return rows

        out: list[tuple[int, float]] = []
        n_heads = None
        if offset < RANK_TOP:
            candidates = [(row[0], float(row[1])) for row in conn.execute(heads.limit(RANK_TOP))]
            if len(candidates) < RANK_TOP:  # all title/keyword matches: no count needed
                n_heads = len(candidates)
                part = others.limit(RANK_TOP - n_heads)
                candidates += [(row[0], 0.0) for row in conn.execute(part)]
            top = [offer_id for offer_id, _ in candidates]
            exact = select(D.c.offer_id, rank_fn(TSV, tsq)).where(D.c.offer_id.in_(top))
            full = {row[0]: float(row[1]) for row in conn.execute(exact)}
            place = {offer_id: n for n, offer_id in enumerate(top)}
            top.sort(key=lambda offer_id: (-full.get(offer_id, 0.0), place[offer_id]))
            out = [(offer_id, full.get(offer_id, 0.0)) for offer_id in top[offset : offset + limit]]
        if offset + limit > RANK_TOP:
            if n_heads is None:
                count = select(func.count()).select_from(D).where(*where, in_head)
                n_heads = conn.execute(count).scalar_one()
            out += positions(max(offset, RANK_TOP), offset + limit, n_heads)
        return out

    @staticmethod
    def _order(sort: str, table, rank) -> list:
        if sort == "nieuw":
            first = [table.c.published.desc()]
        elif sort == "datum":
            first = [_soonest(table).asc(), table.c.published.desc()]
        elif sort == "afstand":  # ``rank`` is the distance in km here
            first = [rank.asc(), table.c.published.desc()]
        else:
            first = [rank.desc(), table.c.published.desc()]
        return [*first, table.c.offer_id]

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
                groups, fixed = self._conditions(params)
                where = [D.c.offer_id == any_(pool), *fixed, *(_in_group(tags) for tags in groups.values())]
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


def _distance(table, distances: dict[str, int]):
    """A document's distance in km: its smallest ``near`` value in ``distances``
    (``portal.search.nearby``), through a VALUES list; farther than all without one."""
    far = max(distances.values(), default=0) + 1
    if not distances:
        return literal_column(str(far))
    km = sql_values(column("tag", String), column("km", Integer), name="near_km").data(
        [(f"near:{value}", value_km) for value, value_km in sorted(distances.items())]
    )
    nearest = (
        select(func.min(km.c.km))
        .select_from(T.join(km, T.c.tag == km.c.tag))
        .where(T.c.offer_id == table.c.offer_id)
        .scalar_subquery()
    )
    return func.coalesce(nearest, far)


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
