"""The kennisbank on ``/mijn``: a writer's own articles (what needs attention), and for
coordinators how many articles wait for review."""

from __future__ import annotations

from portal.knowledge import queries
from portal.models.statuses import ArticleStatus
from portal.permissions import can_write_article, is_staff


def my_articles(user):
    if not can_write_article(user):
        return None
    articles = queries.mine(user)
    attention = [a for a in articles if a.status in (ArticleStatus.DRAFT, ArticleStatus.REJECTED)][:5]
    return "knowledge/_dashboard.html", {"articles": articles, "attention": attention}


def review_waiting(user):
    if not is_staff(user):
        return None
    return "knowledge/_dashboard_review.html", {"waiting": queries.waiting_count(user)}
