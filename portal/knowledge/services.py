"""Kennisbank rules: writing articles, their lifecycle and review, files and revisions.

The lifecycle is the offer's: draft -> submitted -> published | rejected (with a reason,
editable again) -> archived. Coordinators and admins publish directly; a teacher's or
provider's article is reviewed by a coordinator in scope. An edit of a published article
by a reviewed author waits in an unapproved ``ArticleRevision`` while the public keeps the
published text; a decision applies to the version that was reviewed (``claim``: one
conditional UPDATE on ``article.version``). Every published state is kept as an approved
revision, so the history of an article can be read and compared.
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from sqlalchemy import select, update

from portal.exceptions import DomainError
from portal.extensions import db
from portal.models import Article, ArticleFile, ArticleRevision, Offer, Term, utcnow
from portal.models.statuses import ArticleStatus, OfferStatus
from portal.offers import uploads
from portal.offers.revisions import canonical
from portal.offers.slugs import slugify
from portal.permissions import acting_organisation, is_staff
from portal.search.articles import tokens_of

KIND_LABELS = {
    "good_practice": _l("Good practice"),
    "lesson_idea": _l("Lesson idea"),
    "background": _l("Background and knowledge"),
}
SUBMITTABLE = (ArticleStatus.DRAFT, ArticleStatus.REJECTED)
BODY_MAX = 30000
FIELDS = ("kind", "title", "summary", "body", "term_ids", "offer_ids")
FIELD_LABELS = {
    "kind": _l("Kind of article"),
    "title": _l("Title"),
    "summary": _l("Summary"),
    "body": _l("Text"),
    "term_ids": _l("Tags"),
    "offer_ids": _l("Related offers"),
}


class ArticleError(DomainError):
    """A refused change to an article."""


class ArticleChanged(ArticleError):
    def __init__(self):
        super().__init__(_l("This article was changed in the meantime. Check it and try again."))


def publishes_directly(user) -> bool:
    """Coordinators' and admins' articles need no review."""
    return is_staff(user)


# Writing ------------------------------------------------------------------------------
def create_article(author, data: dict) -> Article:
    organisation = acting_organisation(author)
    article = Article(author_id=author.id, organisation=organisation, status=ArticleStatus.DRAFT)
    db.session.add(article)
    _apply(article, data)
    return article


def form_data(article: Article) -> dict:
    """What the edit form starts with: the pending edit when there is one."""
    pending = pending_revision(article)
    return dict(pending.data) if pending is not None else snapshot(article)


def save_edit(article: Article, actor, data: dict) -> str:
    """ "pending" (a reviewed author's edit of a published article), "published" or "saved"."""
    if article.status == ArticleStatus.ARCHIVED:
        raise ArticleError(_l("An archived article can no longer be changed."))
    claim(article)
    if article.is_published and not publishes_directly(actor):
        pending = pending_revision(article)
        if pending is None:
            pending = ArticleRevision(number=_next_number(article), approved=False)
            article.revisions.append(pending)
        pending.data, pending.created_by_id, pending.created_at = _clean(data), actor.id, utcnow()
        article.edit_pending = True
        return "pending"
    _apply(article, data)
    if article.is_published:
        _discard_pending(article)
        _record(article, actor)
        return "published"
    return "saved"


def _clean(data: dict) -> dict:
    return {key: data.get(key) for key in FIELDS}


def _apply(article: Article, data: dict) -> None:
    article.kind = data["kind"]
    article.title = data["title"].strip()
    article.slug = slugify(article.title)
    article.summary = (data.get("summary") or "").strip()
    article.body = data.get("body") or ""
    article.terms = list(db.session.scalars(select(Term).where(Term.id.in_(data.get("term_ids") or []))))
    # Only published offers can be linked (the form offers nothing else).
    chosen = select(Offer).where(
        Offer.id.in_(data.get("offer_ids") or []), Offer.status == OfferStatus.PUBLISHED
    )
    article.offers = list(db.session.scalars(chosen))
    labels = " ".join(t.label for t in article.terms)
    article.search_tokens = tokens_of(article.title, article.summary, article.body, labels)


def snapshot(article: Article) -> dict:
    return {
        "kind": article.kind,
        "title": article.title,
        "summary": article.summary,
        "body": article.body,
        "term_ids": sorted(t.id for t in article.terms),
        "offer_ids": sorted(o.id for o in article.offers),
    }


def _next_number(article: Article) -> int:
    return max((r.number for r in article.revisions), default=0) + 1


def _record(article: Article, actor) -> None:
    """Keep the published state as an approved revision (the article's history)."""
    article.revisions.append(
        ArticleRevision(
            number=_next_number(article),
            data=snapshot(article),
            approved=True,
            created_by_id=getattr(actor, "id", None),
        )
    )


def pending_revision(article: Article) -> ArticleRevision | None:
    if not article.edit_pending:
        return None
    waiting = [r for r in article.revisions if not r.approved]
    return waiting[-1] if waiting else None


def _discard_pending(article: Article) -> None:
    for revision in [r for r in article.revisions if not r.approved]:
        article.revisions.remove(revision)
    article.edit_pending = False


def claim(article: Article, seen_version: int | None = None) -> None:
    """Bump the version if nobody changed the article since it was read (or since the
    reviewer's page showed ``seen_version``); else ArticleChanged."""
    expected = article.version if seen_version is None else seen_version
    result = db.session.execute(
        update(Article)
        .where(Article.id == article.id, Article.version == expected)
        .values(version=Article.version + 1)
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:  # type: ignore[attr-defined]
        raise ArticleChanged()
    db.session.refresh(article, ["version"])


# Lifecycle ------------------------------------------------------------------------------
def submit(article: Article, actor) -> ArticleStatus:
    """A draft or rejected article goes to review, or is published by staff."""
    if article.status not in SUBMITTABLE:
        raise ArticleError(_l("Only a draft or a rejected article can be submitted."))
    if not article.title or not article.body.strip():
        raise ArticleError(_l("Write a text before you submit the article."))
    claim(article)
    if publishes_directly(actor):
        _publish(article, actor)
    else:
        article.status = ArticleStatus.SUBMITTED
    return article.status


def _publish(article: Article, actor) -> None:
    article.status = ArticleStatus.PUBLISHED
    article.published_at = article.published_at or utcnow()
    article.rejection_reason = None
    _record(article, actor)


def approve(article: Article, actor, seen_version: int) -> str:
    """Publish a submitted article, or apply its pending edit."""
    claim(article, seen_version)
    if article.status == ArticleStatus.SUBMITTED:
        _publish(article, actor)
        return "published"
    pending = pending_revision(article)
    if article.is_published and pending is not None:
        _apply(article, pending.data)
        _discard_pending(article)
        article.rejection_reason = None
        _record(article, actor)
        return "edit_published"
    raise ArticleError(_l("This article is not waiting for review."))


def reject(article: Article, actor, seen_version: int, reason: str) -> str:
    """Send a submitted article back with a reason, or refuse a pending edit (the published
    version stays)."""
    if not reason.strip():
        raise ArticleError(_l("Say why, so the author knows what to change."), "reason")
    claim(article, seen_version)
    article.rejection_reason = reason.strip()
    if article.status == ArticleStatus.SUBMITTED:
        article.status = ArticleStatus.REJECTED
        return "rejected"
    if article.is_published and article.edit_pending:
        _discard_pending(article)
        return "edit_rejected"
    raise ArticleError(_l("This article is not waiting for review."))


def archive(article: Article) -> None:
    if article.status == ArticleStatus.ARCHIVED:
        raise ArticleError(_l("This article is already archived."))
    claim(article)
    _discard_pending(article)
    article.status = ArticleStatus.ARCHIVED


def changes(article: Article) -> list[tuple[str, object, object]]:
    """(label, published, pending) for every field the pending edit changes; for an article
    never published, every field with no old value."""
    pending = pending_revision(article)
    new = pending.data if pending is not None else snapshot(article)
    approved = [r for r in article.revisions if r.approved]
    old = approved[-1].data if approved and pending is not None else {}
    rows = []
    for key in FIELDS:
        before, after = _readable(key, old.get(key)), _readable(key, new.get(key))
        if canonical("text", before) != canonical("text", after):
            rows.append((str(FIELD_LABELS[key]), before, after))
    return rows


def _readable(key: str, value):
    if value is None:
        return None
    if key == "kind":
        return str(KIND_LABELS.get(value, value))
    if key == "term_ids":
        return [t.label for t in db.session.scalars(select(Term).where(Term.id.in_(value)))]
    if key == "offer_ids":
        return [o.title for o in db.session.scalars(select(Offer).where(Offer.id.in_(value)))]
    return value


# Files --------------------------------------------------------------------------------
def add_file(article: Article, filename: str, data: bytes, alt_text: str | None) -> ArticleFile:
    """Checked and stored like an offer's files (``offers.uploads``)."""
    if article.status == ArticleStatus.ARCHIVED:
        raise ArticleError(_l("An archived article can no longer be changed."))
    claim(article)
    try:
        fields = uploads.write_upload(filename, data, alt_text)
    except DomainError as error:
        raise ArticleError(error.message, error.field) from error
    position = max((f.position for f in article.files), default=0) + 1
    stored = ArticleFile(**fields, position=position)
    article.files.append(stored)
    return stored


def remove_file(article: Article, stored: ArticleFile) -> None:
    claim(article)
    article.files.remove(stored)
    uploads.delete_after_commit([stored.stored_name, stored.thumbnail_name])


def reindex_all() -> int:
    """Write every article's search tokens again (after the analysis changed)."""
    count = 0
    for article in db.session.scalars(select(Article)):
        labels = " ".join(t.label for t in article.terms)
        article.search_tokens = tokens_of(article.title, article.summary, article.body, labels)
        count += 1
    return count
