"""What the kennisbank pages read: the searchable list with its filters, the articles about
an offer, an author's articles and the review queue (read-only, no rules that write)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from sqlalchemy import exists, func, or_, select

from portal import scope
from portal.extensions import db
from portal.models import Article, ArticleFile, Offer, Organisation, Term
from portal.models.knowledge import ARTICLE_KINDS, article_offer, article_term
from portal.models.statuses import ArticleStatus, OfferStatus
from portal.permissions import acting_organisation_id, is_admin
from portal.search import bounds
from portal.search.articles import match_clause

PER_PAGE = 10
CODE = re.compile(r"^[a-z0-9_-]{1,60}$")  # a term code as /aanbod accepts it; anything else is ignored
FILTERS = {"thema": "theme", "doelgroep": "audience", "profiel": "profile"}  # URL name -> vocabulary


@dataclass
class ArticleSearch:
    """The /kennisbank URL: ``q``, ``soort`` (kinds), ``thema``/``doelgroep``/``profiel``
    (term codes), ``pagina``; anything unknown is ignored, never an error."""

    q: str = ""
    kinds: list[str] = field(default_factory=list)
    terms: dict[str, list[str]] = field(default_factory=dict)  # vocabulary -> codes
    page: int = 1

    @classmethod
    def from_args(cls, args) -> ArticleSearch:
        q, _cut = bounds.bound_query(args.get("q", ""))
        kinds = [k for k in args.getlist("soort") if k in ARTICLE_KINDS]
        terms = {}
        for name, vocabulary in FILTERS.items():
            codes = [c for c in args.getlist(name)[: 4 * bounds.MAX_FILTER_VALUES] if CODE.match(c)]
            if codes:
                terms[vocabulary] = sorted(set(codes))[: bounds.MAX_FILTER_VALUES]
        return cls(q=q, kinds=kinds, terms=terms, page=bounds.page_number(args.get("pagina")))

    @property
    def active(self) -> bool:
        return bool(self.q or self.kinds or self.terms)


def search(params: ArticleSearch):
    """Published articles matching the words (shared Dutch analysis) and every filter group
    (any chosen value within a group), newest first, one page."""
    query = select(Article).where(Article.status == ArticleStatus.PUBLISHED)
    text = match_clause(Article.search_tokens, params.q)
    if text is not None:
        query = query.where(text)
    if params.kinds:
        query = query.where(Article.kind.in_(params.kinds))
    for vocabulary, codes in params.terms.items():
        chosen = select(Term.id).where(Term.vocabulary == vocabulary, Term.code.in_(codes))
        query = query.where(
            exists().where(article_term.c.article_id == Article.id, article_term.c.term_id.in_(chosen))
        )
    query = query.order_by(Article.published_at.desc(), Article.id.desc())
    return db.paginate(query, page=params.page, per_page=PER_PAGE, error_out=False)


def filter_terms() -> dict[str, list[Term]]:
    """The active terms of each filter group, in the taxonomy's order."""
    rows = db.session.scalars(
        select(Term)
        .where(Term.active.is_(True), Term.vocabulary.in_(FILTERS.values()))
        .order_by(Term.position)
    )
    grouped: dict[str, list[Term]] = {v: [] for v in FILTERS.values()}
    for term in rows:
        grouped[term.vocabulary].append(term)
    return grouped


def articles_about(offer: Offer) -> list[Article]:
    """Published articles that link to this offer ("In de kennisbank" on its page)."""
    return list(
        db.session.scalars(
            select(Article)
            .join(article_offer, article_offer.c.article_id == Article.id)
            .where(article_offer.c.offer_id == offer.id, Article.status == ArticleStatus.PUBLISHED)
            .order_by(Article.published_at.desc())
        )
    )


def offer_choices() -> list[tuple[int, str]]:
    """Published offers an article can link to, by title."""
    rows = db.session.execute(
        select(Offer.id, Offer.title, Organisation.name)
        .join(Organisation, Offer.organisation_id == Organisation.id)
        .where(Offer.status == OfferStatus.PUBLISHED)
        .order_by(Offer.title)
    )
    return [(row.id, f"{row.title} ({row.name})") for row in rows]


def mine(user) -> list[Article]:
    """The articles this person wrote, or their organisation's."""
    organisation_id = acting_organisation_id(user)
    condition = Article.author_id == user.id
    if organisation_id is not None and user.role != "coordinator":
        condition = or_(condition, Article.organisation_id == organisation_id)
    return list(db.session.scalars(select(Article).where(condition).order_by(Article.updated_at.desc())))


def review_queue(user) -> list[Article]:
    """Articles waiting for this coordinator (in scope) or admin: new ones and pending edits."""
    query = select(Article).where(
        or_(Article.status == ArticleStatus.SUBMITTED, Article.edit_pending.is_(True)),
        Article.status != ArticleStatus.ARCHIVED,
    )
    if not is_admin(user):
        municipality_ids = scope.municipality_ids(user.region) if user.region is not None else set()
        in_region = select(Organisation.id).where(Organisation.municipality_id.in_(municipality_ids or {-1}))
        query = query.where(or_(Article.organisation_id.is_(None), Article.organisation_id.in_(in_region)))
    return list(db.session.scalars(query.order_by(Article.updated_at)))


def waiting_count(user) -> int:
    return len(review_queue(user))


def published_count() -> int:
    return (
        db.session.scalar(select(func.count(Article.id)).where(Article.status == ArticleStatus.PUBLISHED))
        or 0
    )


def file_named(stored_name: str) -> ArticleFile | None:
    return db.session.scalar(
        select(ArticleFile).where(
            or_(ArticleFile.stored_name == stored_name, ArticleFile.thumbnail_name == stored_name)
        )
    )


def also_in_kennisbank(args) -> tuple[int, dict]:
    """For /aanbod: how many published articles match its words and taxonomy filters (the
    same parameter names and term codes), and the /kennisbank arguments that list them."""
    params = ArticleSearch.from_args(args)
    params.kinds, params.page = [], 1
    if not (params.q or params.terms):
        return 0, {}
    link: dict[str, str | list[str]] = {"q": params.q} if params.q else {}
    link.update({name: params.terms[v] for name, v in FILTERS.items() if v in params.terms})
    return search(params).total or 0, link
