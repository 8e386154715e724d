"""``/beheer/kennisbank``: coordinators review articles (new ones and edits of published
ones, with a word-level diff) and hide shared experiences (routes on ``knowledge.bp``)."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from portal import web
from portal.knowledge import queries, reactions, services
from portal.knowledge.forms import DecisionForm
from portal.knowledge.views import bp
from portal.loaders import get_or_403, require
from portal.models import Article, ArticleReaction
from portal.moderation.diff import render_changes
from portal.permissions import can_hide_reaction, can_moderate, can_moderate_article


@bp.get("/beheer/kennisbank")
@login_required
def queue():
    require(can_moderate)
    return render_template("knowledge/queue.html", articles=queries.review_queue(current_user))


@bp.route("/beheer/kennisbank/<int:article_id>", methods=["GET", "POST"])
@login_required
def review(article_id: int):
    article = get_or_403(Article, article_id, can_moderate_article)
    form = DecisionForm()
    if form.validate_on_submit():
        web.on_refusal(url_for("knowledge.review", article_id=article.id))
        typed = str(form.version.data or "")
        seen = int(typed) if typed.isdigit() and len(typed) < 10 else 0  # else refused as "changed since"
        with web.refused_on(form):
            if "reject" in request.form:
                services.reject(article, current_user, seen, form.reason.data or "")
                flash(_("The article is sent back to its author with your reason."), "success")
            elif "approve" in request.form:
                outcome = services.approve(article, current_user, seen)
                published = outcome == "published"
                flash(
                    _("The article is published.") if published else _("The changes are published."),
                    "success",
                )
            return redirect(url_for("knowledge.queue"))
    form.version.data = article.version
    return render_template(
        "knowledge/review.html",
        article=article,
        form=form,
        rows=render_changes(services.changes(article)),
    )


@bp.post("/kennisbank/ervaring/<int:reaction_id>/verbergen")
@login_required
def hide_reaction(reaction_id: int):
    reaction = get_or_403(ArticleReaction, reaction_id, can_hide_reaction)
    reactions.hide(reaction, current_user)
    flash(_("The experience is hidden."), "success")
    article = reaction.article
    return redirect(url_for("knowledge.detail", article_id=article.id, slug=article.slug) + "#ervaringen")
