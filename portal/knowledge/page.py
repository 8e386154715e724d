"""What an article's page shows: the sanitised text with its own images, files, tags, the
author's organisation (never the author's contact details), related offers that are still
published, the shared experiences, and for its editors and reviewers the state it is in."""

from __future__ import annotations

from flask_login import current_user

from portal.knowledge import reactions, services
from portal.models import Article, ArticleFile
from portal.offers import uploads
from portal.offers.markdown import render_markdown
from portal.permissions import can_edit_article, can_moderate_article, can_view_article

FILE_PREFIX = "/kennisbank/bestand/"


def page_context(article: Article) -> dict:
    return {
        "article": article,
        "body_html": render_markdown(article.body, image_prefix=FILE_PREFIX),
        "images": [f for f in article.files if f.kind == "image"],
        "documents": [f for f in article.files if f.kind == "document"],
        "offers": [o for o in article.offers if o.is_published],
        "reactions": reactions.visible(article),
        "pending": services.pending_revision(article),
        "can_edit": can_edit_article(current_user, article),
        "can_review": can_moderate_article(current_user, article),
    }


def file_response(stored: ArticleFile, name: str):
    """A stored file of an article: public ones cacheable for an hour, others private."""
    if not can_view_article(current_user, stored.article):
        return None
    return uploads.send_stored(name, stored, stored.article.is_published)
