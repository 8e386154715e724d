""" "Ervaring delen": teachers share a short experience with an article with their colleagues.

Post-moderated on purpose: only teachers who act for a school (an approved, confirmed
membership) write them, the text is short plain text (no Markdown, no links made
clickable), and a conversation among colleagues dies when every line waits a day for a
coordinator. So a reaction shows at once and coordinators in scope hide it when needed.
It is shown as "a teacher of <school>", never with a name, and a text that contains an
email address or a phone number is refused: nobody's contact details go public here.
"""

from __future__ import annotations

import re

from flask_babel import lazy_gettext as _l

from portal.extensions import db
from portal.knowledge.services import ArticleError
from portal.models import Article, ArticleReaction
from portal.models.statuses import ReactionStatus
from portal.permissions import acting_organisation

BODY_MIN, BODY_MAX = 10, 1000
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")
PHONE = re.compile(r"(\+31|0031|\b0)[\s-]*[1-9](?:[\s-]*\d){7,8}\b")


def share(article: Article, teacher, body: str) -> ArticleReaction:
    text = (body or "").replace("\r\n", "\n").strip()
    if len(text) < BODY_MIN:
        raise ArticleError(_l("Write at least a sentence about your experience."), "body")
    if len(text) > BODY_MAX:
        raise ArticleError(_l("Keep it under %(max)s characters.", max=BODY_MAX), "body")
    if EMAIL.search(text) or PHONE.search(text):
        raise ArticleError(_l("Leave out email addresses and phone numbers: everyone can read this."), "body")
    reaction = ArticleReaction(
        article=article, author_id=teacher.id, school=acting_organisation(teacher), body=text
    )
    db.session.add(reaction)
    return reaction


def hide(reaction: ArticleReaction, actor) -> None:
    reaction.status = ReactionStatus.HIDDEN
    reaction.hidden_by_id = actor.id


def visible(article: Article) -> list[ArticleReaction]:
    return [r for r in article.reactions if r.status == ReactionStatus.VISIBLE]
