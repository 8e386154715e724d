"""The demo kennisbank: useful articles linked to demo offers, found by search, one waiting
for the coordinator; seeding again adds nothing."""

from __future__ import annotations

from sqlalchemy import func, select

from portal.models import Article, ArticleReaction
from portal.models.statuses import ArticleStatus


def test_the_demo_seeds_linked_articles_once(runner, db, client):
    assert runner.invoke(args=["seed-demo"]).exit_code == 0
    articles = db.session.scalars(select(Article)).all()
    published = [a for a in articles if a.status == ArticleStatus.PUBLISHED]
    assert len(published) == 4
    assert all(a.offers and a.terms for a in published)
    assert [a.status for a in articles if a.status != ArticleStatus.PUBLISHED] == [ArticleStatus.SUBMITTED]
    assert db.session.scalar(select(func.count(ArticleReaction.id))) == 1
    titles = client.get("/kennisbank?q=bedrijfsbezoek").get_data(as_text=True)
    assert "LOB met een bedrijfsbezoek" in titles
    assert "installatiemonteur in vmbo PIE" in client.get("/kennisbank?profiel=pie").get_data(as_text=True)
    assert runner.invoke(args=["seed-demo"]).exit_code == 0
    assert db.session.scalar(select(func.count(Article.id))) == len(articles)
