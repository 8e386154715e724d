"""``/beheer``: the moderation queue and the review page of one offer.

Organisations and taxonomy pages add their routes to this blueprint from their own modules
(imported by the area's ``init_app``). Every view: load, check access, act via a service,
flash, redirect; ``portal.web`` commits, and a refused decision lands back on the review
page with its message.
"""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from portal import web
from portal.extensions import db
from portal.loaders import get_or_403, require
from portal.models import Offer
from portal.moderation import services
from portal.moderation.forms import ApproveForm, ReasonForm
from portal.offers.choices import EVENT_LABELS
from portal.offers.markdown import render_markdown
from portal.permissions import can_feature_offer, can_moderate, can_moderate_offer

bp = Blueprint("moderation", __name__, url_prefix="/beheer")


@bp.get("/")
@login_required
def queue():
    require(can_moderate)
    status = services.queue_tab(request.args.get("status"))
    page = db.paginate(services.queue(current_user, status), per_page=25, error_out=False)
    return render_template(
        "moderation/queue.html",
        page=page,
        status=status,
        tabs=services.QUEUE_TABS,
        counts=services.status_counts(current_user),
    )


def _load_offer(offer_id: int) -> Offer:
    """The offer in the reviewer's scope; a refused decision shows its review page again."""
    offer = get_or_403(Offer, offer_id, can_moderate_offer)
    web.on_refusal(url_for("moderation.review", offer_id=offer.id))
    return offer


def _render_review(offer: Offer, reject_form=None, unpublish_form=None, code: int = 200):
    return render_template(
        "moderation/review.html",
        offer=offer,
        **services.review_summary(offer),
        event_labels=EVENT_LABELS,
        approve_form=ApproveForm(),
        reject_form=reject_form or ReasonForm(prefix="reject"),
        unpublish_form=unpublish_form or ReasonForm(prefix="unpublish"),
        description_html=render_markdown(offer.description),
    ), code


@bp.get("/aanbod/<int:offer_id>")
@login_required
def review(offer_id: int):
    return _render_review(_load_offer(offer_id))


def _seen_version() -> int | None:
    """The version the review page showed (a hidden field of every decision form)."""
    return request.form.get("version", type=int)


@bp.post("/aanbod/<int:offer_id>/goedkeuren")
@login_required
def approve(offer_id: int):
    offer = _load_offer(offer_id)
    services.approve(offer, current_user, _seen_version())
    flash(_('Approved: "%(title)s" is published.', title=offer.title), "success")
    return redirect(url_for("moderation.queue"))


@bp.post("/aanbod/<int:offer_id>/afwijzen")
@login_required
def reject(offer_id: int):
    offer = _load_offer(offer_id)
    services.check_current(offer, "reject", _seen_version())
    form = ReasonForm(prefix="reject")
    if not form.validate():
        return _render_review(offer, reject_form=form, code=400)
    services.reject(offer, current_user, form.reason.data, _seen_version())
    flash(_("Rejected. The provider gets your reason by mail."), "success")
    return redirect(url_for("moderation.queue"))


@bp.post("/aanbod/<int:offer_id>/offline")
@login_required
def unpublish(offer_id: int):
    offer = _load_offer(offer_id)
    services.check_current(offer, "unpublish", _seen_version())
    form = ReasonForm(prefix="unpublish")
    if not form.validate():
        return _render_review(offer, unpublish_form=form, code=400)
    services.unpublish(offer, current_user, form.reason.data, _seen_version())
    flash(_("Taken offline. The provider gets your reason by mail."), "success")
    return redirect(url_for("moderation.queue"))


@bp.post("/aanbod/<int:offer_id>/uitlichten")
@login_required
def feature(offer_id: int):
    offer = get_or_403(Offer, offer_id, can_feature_offer)
    web.on_refusal(url_for("moderation.review", offer_id=offer.id))
    featured = request.form.get("featured") == "1"
    services.set_featured(offer, featured)
    flash(_("Featured on the home page.") if featured else _("No longer featured."), "success")
    return redirect(url_for("moderation.review", offer_id=offer.id))
