"""``/kennisbank``: the list with search and filters, an article's page, writing and
editing articles, their files, and sharing an experience (blueprint ``knowledge``).

The review pages are in ``views_review`` (same blueprint). Every view: load, check access
through portal.permissions, act through a service, flash, redirect; ``portal.web`` commits.
"""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from portal import web
from portal.knowledge import queries, reactions, services
from portal.knowledge.forms import ArticleFileForm, ArticleForm, ReactionForm
from portal.knowledge.page import file_response, page_context
from portal.loaders import get_or_403, get_or_404, require
from portal.models import Article, ArticleFile
from portal.permissions import (
    can_archive_article,
    can_edit_article,
    can_share_experience,
    can_view_article,
    can_write_article,
)

bp = Blueprint("knowledge", __name__)


@bp.app_context_processor
def article_labels():
    return {"article_kind_label": lambda value: services.KIND_LABELS.get(value, value)}


@bp.get("/kennisbank")
def index():
    params = queries.ArticleSearch.from_args(request.args)
    page = queries.search(params)
    return render_template(
        "knowledge/index.html",
        params=params,
        page=page,
        kinds=services.KIND_LABELS,
        filters=queries.filter_terms(),
        filter_names={v: k for k, v in queries.FILTERS.items()},
    )


@bp.get("/kennisbank/<int:article_id>-<slug>")
@bp.get("/kennisbank/<int:article_id>", defaults={"slug": None})
def detail(article_id: int, slug: str | None):
    article = get_or_404(Article, article_id)
    if not can_view_article(current_user, article):
        abort(404)  # a visitor cannot tell an unpublished article from a missing one
    if slug != article.slug:
        return redirect(url_for("knowledge.detail", article_id=article.id, slug=article.slug), 301)
    return render_template("knowledge/detail.html", reaction_form=ReactionForm(), **page_context(article))


@bp.get("/mijn/kennisbank")
@login_required
def mine():
    require(can_write_article)
    return render_template("knowledge/mine.html", articles=queries.mine(current_user))


@bp.route("/kennisbank/nieuw", methods=["GET", "POST"])
@login_required
def create():
    require(can_write_article)
    form = ArticleForm()
    if form.validate_on_submit():
        article = services.create_article(current_user, form.to_data())
        flash(_("Your article is saved as a draft: readers do not see it yet."), "success")
        return redirect(url_for("knowledge.files", article_id=article.id))
    return render_template("knowledge/form.html", form=form, article=None)


@bp.route("/kennisbank/<int:article_id>/bewerken", methods=["GET", "POST"])
@login_required
def edit(article_id: int):
    article = get_or_403(Article, article_id, can_edit_article)
    data = services.form_data(article)
    form = ArticleForm(selected_terms=set(data.get("term_ids") or []))
    if request.method == "GET":
        form.fill(data)
    if form.validate_on_submit():
        outcome = services.save_edit(article, current_user, form.to_data())
        flash(_saved_message(outcome), "success")
        return redirect(url_for("knowledge.detail", article_id=article.id, slug=article.slug))
    return render_template("knowledge/form.html", form=form, article=article)


def _saved_message(outcome: str) -> str:
    if outcome == "pending":
        return _(
            "Your changes are saved and sent for review. Until a coordinator approves them, "
            "readers see the published version."
        )
    if outcome == "published":
        return _("Your changes are published.")
    return _("Your changes are saved.")


@bp.post("/kennisbank/<int:article_id>/indienen")
@login_required
def submit(article_id: int):
    article = get_or_403(Article, article_id, can_edit_article)
    web.on_refusal(url_for("knowledge.detail", article_id=article.id, slug=article.slug))
    services.submit(article, current_user)
    if article.is_published:
        flash(_("Your article is published."), "success")
    else:
        flash(_("Your article is sent for review. You will see here when it is published."), "success")
    return redirect(url_for("knowledge.detail", article_id=article.id, slug=article.slug))


@bp.post("/kennisbank/<int:article_id>/archiveren")
@login_required
def archive(article_id: int):
    article = get_or_403(Article, article_id, can_archive_article)
    services.archive(article)
    flash(_("The article is archived: readers no longer see it."), "success")
    return redirect(
        url_for("knowledge.mine") if can_write_article(current_user) else url_for("knowledge.index")
    )


@bp.route("/kennisbank/<int:article_id>/bestanden", methods=["GET", "POST"])
@login_required
def files(article_id: int):
    article = get_or_403(Article, article_id, can_edit_article)
    form = ArticleFileForm()
    if form.validate_on_submit():
        with web.refused_on(form):
            upload = form.file.data
            stored = services.add_file(article, upload.filename or "", upload.read(), form.alt_text.data)
            flash(_("The file %(name)s is added.", name=stored.original_name), "success")
            return redirect(url_for("knowledge.files", article_id=article.id))
    return render_template("knowledge/files.html", article=article, form=form)


@bp.post("/kennisbank/<int:article_id>/bestanden/<int:file_id>/verwijderen")
@login_required
def remove_file(article_id: int, file_id: int):
    article = get_or_403(Article, article_id, can_edit_article)
    stored = get_or_404(ArticleFile, file_id)
    if stored.article_id != article.id:
        abort(404)
    services.remove_file(article, stored)
    flash(_("The file is removed."), "success")
    return redirect(url_for("knowledge.files", article_id=article.id))


@bp.post("/kennisbank/<int:article_id>/ervaring")
@login_required
def share(article_id: int):
    article = get_or_403(Article, article_id, can_share_experience)
    form = ReactionForm()
    if form.validate_on_submit():
        with web.refused_on(form):
            reactions.share(article, current_user, form.body.data)
            flash(_("Thank you for sharing your experience."), "success")
            return redirect(
                url_for("knowledge.detail", article_id=article.id, slug=article.slug) + "#ervaringen"
            )
    return render_template("knowledge/detail.html", reaction_form=form, **page_context(article)), 400


@bp.get("/kennisbank/bestand/<stored_name>")
def file(stored_name: str):
    """An article's image or document; 404 for whoever may not read the article."""
    stored = queries.file_named(stored_name)
    response = file_response(stored, stored_name) if stored is not None else None
    if response is None:
        abort(404)
    return response
