"""Offer pages: the public page, create/edit, lifecycle buttons and "my offers".

Slots and files live in ``views_manage`` (same blueprint). Every view: load, check access
through portal.permissions, act through a service, flash, redirect; ``portal.web`` commits
and turns a refused step into its message.
"""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from portal import web
from portal.loaders import get_or_403, get_or_404, require
from portal.models import Offer
from portal.models.base import local_now
from portal.models.statuses import OfferStatus
from portal.offers import lifecycle, services, steps
from portal.offers.choices import KIND_HELP, KIND_LABELS, label_of
from portal.offers.forms import OfferForm
from portal.offers.page import page_context
from portal.permissions import (
    acting_organisation,
    can_create_offer,
    can_edit_offer,
    can_list_own_offers,
    can_manage_offer,
    can_view_offer,
)

bp = Blueprint("offers", __name__)


@bp.app_context_processor
def offer_labels():
    """Labels for offer enumerations, usable in every template (search uses the card)."""
    return {
        "offer_kind_label": lambda value: label_of("kind", value),
        "offer_booking_label": lambda value: label_of("booking_mode", value),
        "offer_capacity_label": lambda value: label_of("capacity_unit", value),
        "offers_now": local_now(),
    }


@bp.get("/aanbod/<int:offer_id>-<slug>")
@bp.get("/aanbod/<int:offer_id>", defaults={"slug": None})
def detail(offer_id: int, slug: str | None):
    offer = get_or_404(Offer, offer_id)
    if not can_view_offer(current_user, offer):
        abort(404)  # a visitor cannot tell an unpublished offer from a missing one
    if slug != offer.slug:
        return redirect(url_for("offers.detail", offer_id=offer.id, slug=offer.slug), 301)
    return render_template("offers/detail.html", **page_context(offer))


@bp.route("/aanbod/nieuw", methods=["GET", "POST"])
@login_required
def create():
    require(can_create_offer)
    kind = request.values.get("soort") or request.form.get("kind")
    if kind not in KIND_LABELS:
        return render_template("offers/choose_kind.html", kinds=KIND_LABELS, help=KIND_HELP)
    form = OfferForm()
    if request.method == "GET":
        form.kind.data = kind
        form.contact_name.data = current_user.name
        form.contact_email.data = current_user.email
        form.municipality_id.data = acting_organisation(current_user).municipality_id
        if kind == "material":
            form.location_mode.data = "online"
    if form.validate_on_submit():
        offer = services.create_offer(acting_organisation(current_user), current_user, form.to_data())
        flash(_("Your offer is saved as a draft: visitors do not see it yet."), "success")
        return redirect(steps.after_save(offer, request.form.get("stap"), steps.DATES))
    return render_template("offers/form.html", form=form, offer=None)


def _next_step(offer: Offer) -> str:
    if offer.booking_mode == "slots" and not offer.slots:
        return url_for("offers.slots", offer_id=offer.id)
    return url_for("offers.detail", offer_id=offer.id, slug=offer.slug)


@bp.route("/aanbod/<int:offer_id>/bewerken", methods=["GET", "POST"])
@login_required
def edit(offer_id: int):
    offer = get_or_403(Offer, offer_id, can_edit_offer)
    form = OfferForm(offer=offer)
    if request.method == "GET":
        form.fill(services.form_data(offer))
    if form.validate_on_submit():
        setup = steps.in_setup(offer)
        outcome = services.edit_offer(offer, current_user, form.to_data())
        flash(_saved_message(outcome), "success")
        if setup:  # a new offer goes on to the step its button named
            return redirect(steps.after_save(offer, request.form.get("stap"), steps.DATES))
        return redirect(_next_step(offer))
    return render_template("offers/form.html", form=form, offer=offer)


def _saved_message(outcome: str) -> str:
    if outcome in ("edit_submitted", "pending"):
        return _(
            "Your changes are saved and sent for review. Until a coordinator approves "
            "them, visitors see the published version."
        )
    if outcome == "edit_published":
        return _("Your changes are published.")
    return _("Your changes are saved.")


@bp.post("/aanbod/<int:offer_id>/indienen")
@login_required
def submit(offer_id: int):
    offer = get_or_403(Offer, offer_id, can_edit_offer)
    web.on_refusal(url_for("offers.mine"))
    outcome = lifecycle.submit(offer, current_user)
    messages: dict[str, str] = {
        OfferStatus.SUBMITTED: _(
            "Your offer is sent for review. You get a mail when a coordinator has looked at it."
        ),
        OfferStatus.PUBLISHED: _("Your offer is published."),
    }
    flash(messages.get(outcome) or _saved_message(outcome), "success")
    return redirect(url_for("offers.mine"))


@bp.post("/aanbod/<int:offer_id>/archiveren")
@login_required
def archive(offer_id: int):
    offer = get_or_403(Offer, offer_id, can_manage_offer)
    web.on_refusal(url_for("offers.mine"))
    lifecycle.archive(offer, current_user)
    flash(_("The offer is archived."), "success")
    return redirect(url_for("offers.mine"))


@bp.post("/aanbod/<int:offer_id>/herstellen")
@login_required
def restore(offer_id: int):
    offer = get_or_403(Offer, offer_id, can_manage_offer)
    web.on_refusal(url_for("offers.mine"))
    lifecycle.restore(offer, current_user)
    if steps.publishes_directly(offer.organisation):
        flash(_("The offer is a draft again. Check it and publish it."), "success")
    else:
        flash(_("The offer is a draft again. Check it and submit it for review."), "success")
    return redirect(url_for("offers.mine"))


@bp.post("/aanbod/<int:offer_id>/dupliceren")
@login_required
def duplicate(offer_id: int):
    offer = get_or_403(Offer, offer_id, can_manage_offer)
    require(can_create_offer)
    copy = services.duplicate(offer, current_user)
    if steps.publishes_directly(copy.organisation):
        flash(_("A copy is saved as a draft. Change what is different and publish it."), "success")
    else:
        flash(_("A copy is saved as a draft. Change what is different and submit it for review."), "success")
    return redirect(url_for("offers.edit", offer_id=copy.id))


@bp.get("/mijn/aanbod")
@login_required
def mine():
    require(can_list_own_offers)
    organisation = acting_organisation(current_user)
    groups = services.offers_by_status(organisation)
    offers = [offer for _status, group in groups for offer in group]
    return render_template(
        "offers/mine.html",
        groups=groups,
        total=len(offers),
        organisation=organisation,
        pending_ids=services.pending_ids(offers),
    )
