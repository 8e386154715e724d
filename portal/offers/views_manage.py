"""Managing an offer's dates (slots) and files, the check step of a new offer, the Markdown
preview, and serving the files safely.

A refused date or file is shown on the form field it is about (``web.refused_on``); any
other refusal is flashed on the dates or files page. While an offer is set up step by step
(``portal.offers.steps``) the dates and files pages are its steps 2 and 3: their "previous"
and "next" buttons belong to the page's form, so what was typed is saved (or refused with
its message) before the provider moves on, and an empty form just moves on."""

from __future__ import annotations

from flask import (
    Response,
    abort,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import or_, select
from werkzeug.exceptions import RequestEntityTooLarge

from portal import web
from portal.extensions import db
from portal.loaders import get_or_403, get_or_404, require
from portal.models import Attachment, Offer, Slot
from portal.offers import attachments, steps, uploads
from portal.offers import slots as slot_service
from portal.offers.forms import CapacityForm, SeriesForm, SlotForm, UploadForm
from portal.offers.markdown import DESCRIPTION_MAX, render_markdown
from portal.offers.views import bp
from portal.permissions import acting_organisation, can_create_offer, can_manage_offer


@bp.app_context_processor
def publishing_words():
    """The steps of a new offer and the words of its last button, for every template: a
    provider of a verified organisation publishes, anyone else submits for review."""

    def organisation_of(offer):
        return offer.organisation if offer is not None else acting_organisation(current_user)

    return {
        "offer_in_setup": steps.in_setup,
        "offer_steps": lambda offer, current: steps.steps(offer, current, organisation_of(offer)),
        "offer_step_label": lambda offer, number: steps.label(number, organisation_of(offer)),
        "offer_submit_label": lambda offer: steps.submit_label(organisation_of(offer)),
        "offer_publishes_directly": lambda offer: steps.publishes_directly(organisation_of(offer)),
    }


def _moving_on() -> int | None:
    """The step a "previous" or "next" button of a step's form asked for."""
    return steps.chosen(request.form.get("stap"))


def _blank(*fields) -> bool:
    """Nothing was typed in these fields."""
    return not any((request.form.get(f.name) or "").strip() for f in fields)


def _slot_of(offer: Offer, slot_id: int) -> Slot:
    slot = get_or_404(Slot, slot_id)
    if slot.offer_id != offer.id:
        abort(404)
    return slot


def _slots_page(offer: Offer, form=None, series=None, status: int = 200):
    capacity_forms = {s.id: CapacityForm(prefix=f"slot{s.id}", capacity=s.capacity) for s in offer.slots}
    return render_template(
        "offers/slots.html",
        offer=offer,
        form=form or SlotForm(prefix="one"),
        series=series or SeriesForm(prefix="series"),
        capacity_forms=capacity_forms,
    ), status


@bp.get("/aanbod/<int:offer_id>/tijden")
@login_required
def slots(offer_id: int):
    offer = get_or_403(Offer, offer_id, can_manage_offer)
    return _slots_page(offer)


@bp.post("/aanbod/<int:offer_id>/tijden")
@login_required
def add_slot(offer_id: int):
    offer = get_or_403(Offer, offer_id, can_manage_offer)
    form = SlotForm(prefix="one")
    target = _moving_on()
    if target and _blank(form.day, form.start_time, form.end_time, form.capacity):
        return redirect(steps.step_url(offer, target))  # nothing typed: just move on
    if form.validate_on_submit():
        web.on_refusal(url_for("offers.slots", offer_id=offer.id))
        with web.refused_on(form):
            slot_service.add_slot(
                offer,
                form.day.data,
                form.start_time.data,
                form.end_time.data,
                form.capacity.data,
                actor=current_user,
            )
            flash(_("The date is added."), "success")
            return redirect(steps.step_url(offer, target or steps.DATES))
    return _slots_page(offer, form=form, status=400)


@bp.post("/aanbod/<int:offer_id>/tijden/reeks")
@login_required
def add_series(offer_id: int):
    offer = get_or_403(Offer, offer_id, can_manage_offer)
    series = SeriesForm(prefix="series")
    if series.validate_on_submit():
        web.on_refusal(url_for("offers.slots", offer_id=offer.id))
        with web.refused_on(series):
            count = slot_service.add_series(
                offer,
                series.first_day.data,
                series.last_day.data,
                series.weekday.data,
                series.start_time.data,
                series.end_time.data,
                series.capacity.data,
                actor=current_user,
            )
            flash(_("%(n)s dates are added.", n=count), "success")
            return redirect(url_for("offers.slots", offer_id=offer.id))
    return _slots_page(offer, series=series, status=400)


@bp.post("/aanbod/<int:offer_id>/tijden/<int:slot_id>/capaciteit")
@login_required
def set_capacity(offer_id: int, slot_id: int):
    offer = get_or_403(Offer, offer_id, can_manage_offer)
    slot = _slot_of(offer, slot_id)
    back = url_for("offers.slots", offer_id=offer.id)
    web.on_refusal(back)
    form = CapacityForm(prefix=f"slot{slot.id}")
    if not form.validate_on_submit():
        flash(" ".join(str(e) for e in form.capacity.errors) or _("Enter 0 or more."), "danger")
        return redirect(back)
    slot_service.set_capacity(slot, form.capacity.data)
    flash(_("The number of places is changed."), "success")
    return redirect(back)


@bp.post("/aanbod/<int:offer_id>/tijden/<int:slot_id>/verwijderen")
@login_required
def remove_slot(offer_id: int, slot_id: int):
    offer = get_or_403(Offer, offer_id, can_manage_offer)
    slot = _slot_of(offer, slot_id)
    web.on_refusal(url_for("offers.slots", offer_id=offer.id))
    slot_service.remove_slot(slot)
    flash(_("The date is removed."), "success")
    return redirect(url_for("offers.slots", offer_id=offer.id))


# Files ----------------------------------------------------------------------------------
def _files_page(offer: Offer, form=None, status: int = 200):
    return render_template("offers/files.html", offer=offer, form=form or UploadForm()), status


@bp.get("/aanbod/<int:offer_id>/bestanden")
@login_required
def files(offer_id: int):
    offer = get_or_403(Offer, offer_id, can_manage_offer)
    return _files_page(offer)


@bp.post("/aanbod/<int:offer_id>/bestanden")
@login_required
def upload(offer_id: int):
    offer = get_or_403(Offer, offer_id, can_manage_offer)
    form = UploadForm()
    target = _moving_on()
    if target and not _chose_a_file() and _blank(form.alt_text):
        return redirect(steps.step_url(offer, target))  # nothing chosen or typed: move on
    if form.validate_on_submit():
        storage = form.file.data
        web.on_refusal(url_for("offers.files", offer_id=offer.id))
        with web.refused_on(form):
            attachment = attachments.add_file(
                offer, current_user, storage.filename or "", storage.read(), form.alt_text.data
            )
            if attachment.awaiting_review:
                flash(
                    _(
                        "The file is added and sent for review. Visitors see it once a "
                        "coordinator has approved it."
                    ),
                    "success",
                )
            else:
                flash(_("The file is added."), "success")
            return redirect(steps.step_url(offer, target or steps.IMAGES))
    return _files_page(offer, form, 400)


def _chose_a_file() -> bool:
    storage = request.files.get("file")
    return bool(storage and storage.filename)


@bp.post("/aanbod/<int:offer_id>/bestanden/<int:attachment_id>/verwijderen")
@login_required
def remove_file(offer_id: int, attachment_id: int):
    offer = get_or_403(Offer, offer_id, can_manage_offer)
    attachment = get_or_404(Attachment, attachment_id)
    if attachment.offer_id != offer.id:
        abort(404)
    web.on_refusal(url_for("offers.files", offer_id=offer.id))
    attachments.remove_file(offer, attachment)
    flash(_("The file is removed."), "success")
    return redirect(url_for("offers.files", offer_id=offer.id))


@bp.errorhandler(RequestEntityTooLarge)
def too_large(error):
    """An upload over MAX_CONTENT_LENGTH: stay on the files page with a clear message."""
    offer_id = (request.view_args or {}).get("offer_id")
    offer = db.session.get(Offer, offer_id) if offer_id else None
    if request.endpoint != "offers.upload" or offer is None or not can_manage_offer(current_user, offer):
        return render_template("errors/413.html", error=error), 413
    form = UploadForm(formdata=None)
    limit = request.max_content_length or 0
    form.file.errors = [_("The file is too large. The maximum is %(max)s MB.", max=limit // (1024 * 1024))]
    return _files_page(offer, form, 413)


# The last step and the Markdown preview ------------------------------------------------
@bp.get("/aanbod/<int:offer_id>/controleren")
@login_required
def check(offer_id: int):
    """Step 4: everything teachers will see, what is still missing, and the button that
    submits the offer for review (or publishes it, for a verified organisation)."""
    offer = get_or_403(Offer, offer_id, can_manage_offer)
    return render_template("offers/check.html", **steps.check_summary(offer))


@bp.post("/aanbod/voorbeeld")
@login_required
def preview():
    """The description as the offer page will show it: the same sanitised Markdown."""
    require(can_create_offer)
    text = request.form.get("text", "")[:DESCRIPTION_MAX]
    return Response(render_markdown(text), mimetype="text/html")


@bp.get("/bestanden/<stored_name>")
def file(stored_name: str):
    """A stored file. Public files (an approved file of a published offer) may be cached by
    anyone for an hour; any other file only reaches the offer's organisation and staff in
    scope, never cached (``private, no-store``); everyone else gets 404."""
    attachment = db.session.scalar(
        select(Attachment).where(
            or_(Attachment.stored_name == stored_name, Attachment.thumbnail_name == stored_name)
        )
    )
    if attachment is None or not attachments.may_see(current_user, attachment):
        abort(404)
    return uploads.send_stored(stored_name, attachment, attachments.is_public(attachment))
