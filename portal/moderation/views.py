"""``/beheer``: the moderation queue and the review page of one offer.

Organisations and taxonomy pages register on the same blueprint from their own modules
(imported at the bottom). Every view: load, check access, act via a service, commit once.
"""
from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from portal.extensions import db
from portal.loaders import get_or_403, require
from portal.models import Offer
from portal.moderation import services
from portal.moderation.diff import render_changes
from portal.moderation.forms import ApproveForm, ReasonForm
from portal.offers import lifecycle
from portal.offers.choices import EVENT_LABELS, STATUS_LABELS
from portal.offers.markdown import render_markdown
from portal.permissions import can_feature_offer, can_moderate, can_moderate_offer

bp = Blueprint("moderation", __name__, url_prefix="/beheer")

QUEUE_TABS = [services.REVIEW, "published", "draft", "rejected", "archived"]


@bp.get("/")
@login_required
def queue():
    require(can_moderate)
    status = request.args.get("status", services.REVIEW)
    if status not in QUEUE_TABS:
        status = services.REVIEW
    page = db.paginate(services.queue(current_user, status), per_page=25, error_out=False)
    return render_template(
        "moderation/queue.html", page=page, status=status, tabs=QUEUE_TABS,
        counts=services.status_counts(current_user), status_labels=STATUS_LABELS,
    )


def _load_offer(offer_id: int) -> Offer:
    return get_or_403(Offer, offer_id, can_moderate_offer)


def _render_review(offer: Offer, reject_form=None, unpublish_form=None, code: int = 200):
    approved = lifecycle.approved_snapshot(offer)
    return render_template(
        "moderation/review.html",
        offer=offer,
        waiting=services.is_waiting(offer),
        first_version=not approved,
        changes=render_changes(lifecycle.pending_changes(offer)) if approved else [],
        new_files=lifecycle.files_awaiting_review(offer) if offer.status == "published" else [],
        event_labels=EVENT_LABELS,
        approve_form=ApproveForm(),
        reject_form=reject_form or ReasonForm(prefix="reject"),
        unpublish_form=unpublish_form or ReasonForm(prefix="unpublish"),
        status_labels=STATUS_LABELS,
        description_html=render_markdown(offer.description),
    ), code


@bp.get("/aanbod/<int:offer_id>")
@login_required
def review(offer_id: int):
    return _render_review(_load_offer(offer_id))


def _stale(offer: Offer, allowed: bool):
    """A page opened earlier may act on an offer another coordinator already handled, or
    on a version the provider has changed since: refuse, and show the page as it is now."""
    if not allowed:
        flash(_("Someone already handled this offer: it is now \"%(status)s\". Check the "
                "page before you act again.", status=STATUS_LABELS[offer.status]), "warning")
        return redirect(url_for("moderation.review", offer_id=offer.id))
    if _seen_version() != offer.version:
        return _changed(offer)
    return None


def _seen_version() -> int | None:
    """The version the review page showed (a hidden field of every decision form)."""
    return request.form.get("version", type=int)


def _changed(offer: Offer):
    flash(_("This offer was changed after you opened it. Look at the changes below and "
            "decide again."), "warning")
    return redirect(url_for("moderation.review", offer_id=offer.id))


def _act(offer: Offer, action, success):
    """Run ``action``; ``success`` is the flash text, or a function giving it afterwards
    (an approval may change the title, and the message should name the new one)."""
    try:
        action()
    except lifecycle.OfferChanged:
        db.session.rollback()
        return _changed(offer)
    except lifecycle.OfferError as error:
        db.session.rollback()
        flash(str(error.message), "danger")
        return redirect(url_for("moderation.review", offer_id=offer.id))
    db.session.commit()
    flash(success() if callable(success) else success, "success")
    return redirect(url_for("moderation.queue"))


@bp.post("/aanbod/<int:offer_id>/goedkeuren")
@login_required
def approve(offer_id: int):
    offer = _load_offer(offer_id)
    stale = _stale(offer, services.is_waiting(offer))
    return stale or _act(offer, lambda: lifecycle.approve(offer, current_user, _seen_version()),
                         lambda: _("Approved: \"%(title)s\" is published.", title=offer.title))


@bp.post("/aanbod/<int:offer_id>/afwijzen")
@login_required
def reject(offer_id: int):
    offer = _load_offer(offer_id)
    stale = _stale(offer, services.is_waiting(offer))
    if stale:
        return stale
    form = ReasonForm(prefix="reject")
    if not form.validate():
        return _render_review(offer, reject_form=form, code=400)
    return _act(offer, lambda: lifecycle.reject(offer, current_user, form.reason.data,
                                                _seen_version()),
                _("Rejected. The provider gets your reason by mail."))


@bp.post("/aanbod/<int:offer_id>/offline")
@login_required
def unpublish(offer_id: int):
    offer = _load_offer(offer_id)
    stale = _stale(offer, offer.status == "published")
    if stale:
        return stale
    form = ReasonForm(prefix="unpublish")
    if not form.validate():
        return _render_review(offer, unpublish_form=form, code=400)
    return _act(offer, lambda: lifecycle.unpublish(offer, current_user, form.reason.data,
                                                   _seen_version()),
                _("Taken offline. The provider gets your reason by mail."))


@bp.post("/aanbod/<int:offer_id>/uitlichten")
@login_required
def feature(offer_id: int):
    offer = get_or_403(Offer, offer_id, can_feature_offer)
    featured = request.form.get("featured") == "1"
    if featured and offer.status != "published":
        flash(_("Only a published offer can be featured on the home page."), "warning")
        return redirect(url_for("moderation.review", offer_id=offer.id))
    services.set_featured(offer, featured)
    db.session.commit()
    flash(_("Featured on the home page.") if featured else _("No longer featured."), "success")
    return redirect(url_for("moderation.review", offer_id=offer.id))

