"""``/bewaard``: the short list, saving and removing an offer (with or without JavaScript),
and the side-by-side comparison of two or three saved offers.

Saving answers a plain form post with a flash and a redirect back to the page it came from
(a safe ``next``); the button's script asks for JSON instead and updates the page in place.
"""

from __future__ import annotations

from flask import Blueprint, abort, flash, g, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from markupsafe import Markup

from portal import web
from portal.loaders import get_or_404
from portal.models import Offer
from portal.permissions import can_save_offer
from portal.security import is_safe_next
from portal.shortlist import compare as facts
from portal.shortlist import services

bp = Blueprint("shortlist", __name__)

# The form says what the click means, so a repeated request does not undo the first one.
WANTS = {"bewaren": True, "verwijderen": False}


# What the "Bewaren" button and the navigation need on every page --------------------------
@bp.app_template_global()
def saved_offer_ids() -> set[int]:
    """The ids on the current user's list, read once per request."""
    if not current_user.is_authenticated:
        return set()
    if "saved_offer_ids" not in g:
        g.saved_offer_ids = services.saved_ids(current_user)
    return g.saved_offer_ids


@bp.app_template_global()
def shortlist_here() -> str:
    """This page, as the ``next`` to come back to after saving or logging in."""
    return request.full_path.rstrip("?")


@bp.app_template_global()
def shortlist_script() -> Markup:
    """The button's script, once per page however many buttons the page has."""
    if g.get("shortlist_script_sent"):
        return Markup("")
    g.shortlist_script_sent = True
    src = url_for("static", filename="js/shortlist.js")
    return Markup('<script src="{}" defer></script>').format(src)


# Pages ------------------------------------------------------------------------------------
@bp.get("/bewaard")
@login_required
def index():
    chosen = {int(v) for v in request.args.getlist("id") if v.isdigit() and len(v) < 10}
    return render_template(
        "shortlist/index.html",
        entries=services.entries(current_user),
        chosen=chosen,
        max_saved=services.MAX_SAVED,
        facts=facts,
    )


@bp.get("/bewaard/vergelijken")
@login_required
def compare():
    web.on_refusal(url_for("shortlist.index"))
    ids = services.parse_ids(request.args.getlist("id"))
    web.on_refusal(url_for("shortlist.index", id=ids))
    offers = services.to_compare(current_user, ids)
    return render_template("shortlist/compare.html", offers=offers, rows=facts.rows(offers))


@bp.post("/bewaard/<int:offer_id>")
def toggle(offer_id: int):
    back = _back(offer_id)
    if not current_user.is_authenticated:
        flash(_("Log in to save offers."), "info")
        return redirect(url_for("auth.login", next=back))
    offer = get_or_404(Offer, offer_id)
    if not (can_save_offer(current_user, offer) or services.is_saved(current_user, offer.id)):
        abort(404)  # like the offer page: an unpublished offer does not exist for others
    want = WANTS.get(request.form.get("actie", ""))
    if _wants_json():
        return _toggle_json(offer, want)
    saved = services.set_saved(current_user, offer, want)
    flash(_saved_message(saved, offer), "success")
    return redirect(back)


def _toggle_json(offer: Offer, want: bool | None):
    """The script's answer. A refusal (the list is full) is said next to the button: a
    redirect with a flash, the usual way (``portal.web``), would be lost on a fetch."""
    try:
        saved = services.set_saved(current_user, offer, want)
    except services.ShortlistError as error:
        return jsonify(message=str(error.message)), 409
    return jsonify(saved=saved, count=services.count(current_user), message=_saved_message(saved, offer))


def _saved_message(saved: bool, offer: Offer) -> str:
    if saved:
        return _("Saved: “%(title)s”. You find it under Saved.", title=offer.title)
    return _("Removed from your saved offers: “%(title)s”.", title=offer.title)


def _back(offer_id: int) -> str:
    target = request.form.get("next")
    return target if target and is_safe_next(target) else url_for("offers.detail", offer_id=offer_id)


def _wants_json() -> bool:
    return request.accept_mimetypes.best_match(["text/html", "application/json"]) == "application/json"
