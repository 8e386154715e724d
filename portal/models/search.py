"""Search-area models: the index change log, the PostgreSQL backend's documents and the synonyms.

``SearchQueue`` is written inside the transaction that changes an offer, so a change the
index could not take (Whoosh ``LockError``) is never lost: its row stays pending
(``done_at`` NULL) until a later sync applies it. Done rows are kept a while as a change
log, so a reindex can replay what was committed while it was building.

``SearchDocument`` / ``SearchDocumentTag`` / ``SearchWord`` hold the PostgreSQL backend's
index, ``SearchFacet`` and ``SearchTagCount`` its filter values per document and per value.
The ``tsv``/``tsv_head`` columns,
the GIN/trigram indexes and the count triggers exist only on PostgreSQL (migrations 0003
and 0011 or ``portal.search.backends.pg_ddl.ensure_postgres_ddl``).

``SearchSynonym`` is the synonym vocabulary coordinators edit at ``/beheer/zoeksynoniemen``:
applied when a query is analysed, so a change needs no reindex.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime

from sqlalchemy import JSON, Boolean, ForeignKey, Index, Integer, String, Text, insert
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import Mapped, mapped_column

from portal.extensions import Model
from portal.models.base import utcnow

__all__ = [
    "SearchQueue",
    "SearchDocument",
    "SearchDocumentTag",
    "SearchFacet",
    "SearchSynonym",
    "SearchTagCount",
    "SearchWord",
    "queue_offers",
]

# session.info keys: the offers queued in this transaction, and whether to sync after commit
QUEUED_IDS, QUEUED = "search_ids", "search_queued"


class SearchQueue(Model):
    __tablename__ = "search_queue"
    __table_args__ = (Index("ix_search_queue_pending", "done_at", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    offer_id: Mapped[int] = mapped_column(Integer, index=True)  # no FK: deleted offers too
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    done_at: Mapped[datetime | None]
    attempts: Mapped[int] = mapped_column(Integer, default=0)


def queue_offers(session, offer_ids: Iterable[int]) -> None:
    """Queue offers whose search document changed in this transaction; the search area
    applies the queue after the commit. It calls this after every flush for the offers the
    ORM saw change; code that changes what a document holds with a bulk UPDATE, which the
    ORM does not see (the places left on a slot), calls it itself."""
    ids = set(offer_ids) - session.info.get(QUEUED_IDS, set())
    if not ids:
        return
    now = utcnow()
    rows = [{"offer_id": i, "created_at": now, "attempts": 0} for i in sorted(ids)]
    session.connection().execute(insert(SearchQueue), rows)
    session.info.setdefault(QUEUED_IDS, set()).update(ids)
    session.info[QUEUED] = True


class SearchDocument(Model):
    __tablename__ = "search_document"

    offer_id: Mapped[int] = mapped_column(
        ForeignKey("offer.id", ondelete="CASCADE"), primary_key=True, autoincrement=False
    )
    title: Mapped[str] = mapped_column(Text, default="")
    summary: Mapped[str] = mapped_column(Text, default="")
    body: Mapped[str] = mapped_column(Text, default="")
    # the same texts rewritten with the domain list (portal.search.analysis) for to_tsvector
    fts_title: Mapped[str] = mapped_column(Text, default="")
    fts_keywords: Mapped[str] = mapped_column(Text, default="")
    fts_body: Mapped[str] = mapped_column(Text, default="")
    published: Mapped[datetime] = mapped_column(index=True)
    next_date: Mapped[date] = mapped_column(index=True)
    open_until: Mapped[date | None]
    fingerprint: Mapped[str] = mapped_column(String(16))


class SearchDocumentTag(Model):
    """One filter value of a document: ``kind:material``, ``audience:po-7-8``, ``slot:2026-12-01``."""

    __tablename__ = "search_document_tag"

    offer_id: Mapped[int] = mapped_column(
        ForeignKey("search_document.offer_id", ondelete="CASCADE"), primary_key=True
    )
    tag: Mapped[str] = mapped_column(String(80), primary_key=True, index=True)


class SearchFacet(Model):
    """A document's filter values as one array (its tags without the ``slot:`` days).

    A narrow row (about 40 per page where a document row takes half a page) with a GIN
    index on PostgreSQL: facet counts and filters of the PostgreSQL backend read these."""

    __tablename__ = "search_facet"

    offer_id: Mapped[int] = mapped_column(
        ForeignKey("search_document.offer_id", ondelete="CASCADE"), primary_key=True, autoincrement=False
    )
    tags: Mapped[list[str]] = mapped_column(JSON().with_variant(ARRAY(Text), "postgresql"), default=list)


class SearchTagCount(Model):
    """How many PostgreSQL search documents carry each filter value (``*``: all documents).

    Kept by triggers on ``search_facet`` (``portal.search.backends.pg_ddl``), so a
    search without words or filters reads its facet counts and total from here."""

    __tablename__ = "search_tag_count"

    tag: Mapped[str] = mapped_column(String(80), primary_key=True)
    n: Mapped[int] = mapped_column(Integer, default=0)


class SearchWord(Model):
    """Unstemmed words of indexed documents: the vocabulary for "did you mean"."""

    __tablename__ = "search_word"

    word: Mapped[str] = mapped_column(String(60), primary_key=True)


class SearchSynonym(Model):
    """A word and the words or phrases a search for it also finds ("windmolen" -> "windturbine").

    ``term`` is one lowercase word; ``synonyms`` are comma-separated; ``two_way`` makes each
    one-word synonym find ``term`` too ("ict" <-> "informatica")."""

    __tablename__ = "search_synonym"

    id: Mapped[int] = mapped_column(primary_key=True)
    term: Mapped[str] = mapped_column(String(60), unique=True)
    synonyms: Mapped[str] = mapped_column(String(300))
    two_way: Mapped[bool] = mapped_column(Boolean, default=True)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
