"""Kennisbank models: articles (good practice, lesson idea, background), their revisions,
files, related offers and the experiences teachers share under them."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Boolean, CheckConstraint, Column, ForeignKey, Integer, String, Table, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.extensions import Model, db
from portal.models.accounts import Organisation, User
from portal.models.base import TaggedMixin, utcnow
from portal.models.offers import Offer
from portal.models.statuses import ArticleStatus, ReactionStatus, StatusType
from portal.models.taxonomy import Term

ARTICLE_KINDS = ("good_practice", "lesson_idea", "background")

article_term = Table(
    "article_term",
    db.metadata,
    Column("article_id", ForeignKey("article.id", ondelete="CASCADE"), primary_key=True),
    Column("term_id", ForeignKey("term.id"), primary_key=True),
)

article_offer = Table(
    "article_offer",
    db.metadata,
    Column("article_id", ForeignKey("article.id", ondelete="CASCADE"), primary_key=True),
    Column("offer_id", ForeignKey("offer.id", ondelete="CASCADE"), primary_key=True, index=True),
)


class Article(TaggedMixin, Model):
    __table_args__ = (
        CheckConstraint("kind IN ('good_practice', 'lesson_idea', 'background')", name="kind"),
        CheckConstraint(ArticleStatus.check_sql(), name="status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    # The organisation the author wrote for (none for a coordinator without one).
    organisation_id: Mapped[int | None] = mapped_column(ForeignKey("organisation.id"), index=True)
    # None once the author deleted their account (AVG): the article stays, anonymous.
    author_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"), index=True)
    kind: Mapped[str] = mapped_column(String(20), index=True)
    status: Mapped[ArticleStatus] = mapped_column(
        StatusType(ArticleStatus), default=ArticleStatus.DRAFT, index=True
    )
    title: Mapped[str] = mapped_column(String(160))
    slug: Mapped[str] = mapped_column(String(180))
    summary: Mapped[str] = mapped_column(String(400), default="")
    body: Mapped[str] = mapped_column(Text, default="")  # Markdown, sanitised on render
    # The shared Dutch analysis of the public text (``portal.search.articles``), " tok tok ".
    search_tokens: Mapped[str] = mapped_column(Text, default="")
    # An edit of a published article by a reviewed author waits in a pending revision.
    edit_pending: Mapped[bool] = mapped_column(Boolean, default=False, index=True)
    # Bumped by every change a reviewer would see: a decision applies to what was reviewed.
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    rejection_reason: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    published_at: Mapped[datetime | None] = mapped_column(index=True)

    organisation: Mapped[Organisation | None] = relationship()
    author: Mapped[User | None] = relationship()
    terms: Mapped[list[Term]] = relationship(secondary=article_term, order_by="Term.position")
    offers: Mapped[list[Offer]] = relationship(secondary=article_offer, order_by="Offer.title")
    files: Mapped[list[ArticleFile]] = relationship(
        back_populates="article", cascade="all, delete-orphan", order_by="ArticleFile.position"
    )
    revisions: Mapped[list[ArticleRevision]] = relationship(
        back_populates="article", cascade="all, delete-orphan", order_by="ArticleRevision.number"
    )
    reactions: Mapped[list[ArticleReaction]] = relationship(
        back_populates="article", cascade="all, delete-orphan", order_by="ArticleReaction.created_at"
    )

    @property
    def is_published(self) -> bool:
        return self.status == ArticleStatus.PUBLISHED

    def __repr__(self) -> str:
        return f"<Article {self.id} {self.status} {self.title!r}>"


class ArticleFile(Model):
    """An image or document of an article, checked and stored by ``portal.offers.uploads``."""

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("article.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(10))  # "image" | "document"
    stored_name: Mapped[str] = mapped_column(String(80), unique=True)
    thumbnail_name: Mapped[str | None] = mapped_column(String(80))
    original_name: Mapped[str] = mapped_column(String(200))
    content_type: Mapped[str] = mapped_column(String(120))
    size_bytes: Mapped[int] = mapped_column(Integer)
    alt_text: Mapped[str | None] = mapped_column(String(200))
    position: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    article: Mapped[Article] = relationship(back_populates="files")


class ArticleRevision(Model):
    """A snapshot of an article's public fields: approved ones are its history, the newest
    unapproved one (``article.edit_pending``) waits for review."""

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("article.id", ondelete="CASCADE"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    data: Mapped[dict] = mapped_column(JSON)
    approved: Mapped[bool] = mapped_column(Boolean, default=False)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    article: Mapped[Article] = relationship(back_populates="revisions")


class ArticleReaction(Model):
    """ "Ervaring delen": a teacher's short experience with an article, shown as written by
    a teacher of their school (never a name, address or phone number)."""

    __table_args__ = (CheckConstraint(ReactionStatus.check_sql(), name="status"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("article.id", ondelete="CASCADE"), index=True)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"), index=True)
    school_id: Mapped[int | None] = mapped_column(ForeignKey("organisation.id", ondelete="SET NULL"))
    body: Mapped[str] = mapped_column(Text)
    status: Mapped[ReactionStatus] = mapped_column(
        StatusType(ReactionStatus), default=ReactionStatus.VISIBLE, index=True
    )
    hidden_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    article: Mapped[Article] = relationship(back_populates="reactions")
    school: Mapped[Organisation | None] = relationship()
