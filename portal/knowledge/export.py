"""AVG: a person's articles and shared experiences in their data export; on deletion the
articles stay (their organisation's and the readers') without the author, and the person's
own experiences are removed."""

from __future__ import annotations

from sqlalchemy import delete, select, update

from portal.extensions import db
from portal.models import Article, ArticleReaction


def export_articles(user) -> tuple[str, list[dict]]:
    articles = db.session.scalars(select(Article).where(Article.author_id == user.id))
    reactions = db.session.scalars(select(ArticleReaction).where(ArticleReaction.author_id == user.id))
    rows = [
        {"article": a.title, "status": a.status.value, "created_at": a.created_at.isoformat()}
        for a in articles
    ]
    rows += [
        {"experience": r.body, "article": r.article.title, "created_at": r.created_at.isoformat()}
        for r in reactions
    ]
    return "kennisbank", rows


def erase_articles(user) -> None:
    db.session.execute(update(Article).where(Article.author_id == user.id).values(author_id=None))
    db.session.execute(delete(ArticleReaction).where(ArticleReaction.author_id == user.id))
