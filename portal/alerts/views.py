"""``/mijn/zoekopdrachten``: a person's saved searches (save from /aanbod, or from /vragen for
providers; rename, change
how often, pause, resume, delete, run), and the one-click unsubscribe link of alert mails.

Saving is a small POST form on /aanbod that works without JavaScript; a visitor is sent to
log in and comes back to the same search. The unsubscribe link needs no login: GET shows a
confirm page (link scanners in mail filters only GET), POST stops the mails, whether it
comes from that page or from the mail client's one-click button (RFC 8058, which posts
``List-Unsubscribe=One-Click`` without a session, hence without a CSRF token: the signed
token in the URL is what proves the right to act).
"""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from portal.accounts.tokens import TokenError
from portal.alerts import request_searches, searches
from portal.alerts.forms import EditSearchForm, SaveRequestSearchForm, SaveSearchForm
from portal.extensions import csrf
from portal.loaders import get_or_403
from portal.models import SavedSearch
from portal.permissions import can_manage_saved_search, can_save_request_search, can_save_search

bp = Blueprint("alerts", __name__)


# What the save form on /aanbod needs ------------------------------------------------------
@bp.app_template_global()
def save_search_box(params, labels) -> dict:
    """For ``alerts/_save_search.html``: the search as it would be stored, a suggested name,
    the form, and the saved search that already is this search (or None)."""
    query, parsed = searches.canonical(searches.link_args_of(_as_query(params)), labels)
    existing = None
    if current_user.is_authenticated:
        existing = searches.find(current_user, searches.OFFER, query)
    form = SaveSearchForm(formdata=None, zoekopdracht=query, name=searches.suggested_name(parsed, labels))
    return {"query": query, "form": form, "existing": existing, "here": _search_url(query)}


@bp.app_template_global()
def save_request_search_box(args) -> dict:
    """For ``alerts/_save_request_search.html`` on /vragen: the same, for a /vragen search
    (``args``: the page's URL arguments)."""
    query, filters = request_searches.canonical(args)
    existing = None
    if can_save_request_search(current_user):
        existing = searches.find(current_user, searches.REQUEST, query)
    name = searches.cut_name(", ".join(request_searches.describe(filters)))
    form = SaveRequestSearchForm(formdata=None, zoekopdracht=query, name=name)
    here = url_for(request_searches.ENDPOINT, **request_searches.link_args_of(query))
    return {"query": query, "form": form, "existing": existing, "here": here}


@bp.app_template_global()
def saved_search_url(search: SavedSearch) -> str:
    """The page that runs a saved search: /vragen for a request search, else /aanbod."""
    endpoint, args = searches.link_of(search.kind, search.query)
    return url_for(endpoint, **args)


def _as_query(params) -> str:
    return searches.query_of(params)


def _search_url(query: str) -> str:
    return url_for("search.index", **searches.link_args_of(query))


# Saving -----------------------------------------------------------------------------------
@bp.post("/mijn/zoekopdrachten")
def create():
    form = SaveSearchForm()
    query = (form.zoekopdracht.data or "")[:2000]
    back = _search_url(searches.canonical(searches.link_args_of(query))[0])
    if not current_user.is_authenticated:
        flash(_("Log in to save this search. You come back to it afterwards."), "info")
        return redirect(url_for("auth.login", next=back))
    if not can_save_search(current_user):
        abort(403)
    if not form.validate():
        flash(" ".join(str(e) for errors in form.errors.values() for e in errors), "danger")
        return redirect(back)
    search = searches.save(
        current_user, searches.link_args_of(query), form.name.data or "", form.frequency.data
    )
    flash(
        _(
            "Search saved as “%(name)s”. We mail you %(frequency)s when new offers match. "
            "Manage it under My searches.",
            name=search.name,
            frequency=search.frequency.label,
        ),
        "success",
    )
    return redirect(back)


@bp.post("/mijn/zoekopdrachten/vragen")
def create_request_search():
    form = SaveRequestSearchForm()
    query = (form.zoekopdracht.data or "")[:2000]
    stored, _filters = request_searches.canonical(request_searches.link_args_of(query))
    back = url_for(request_searches.ENDPOINT, **request_searches.link_args_of(stored))
    if not current_user.is_authenticated:
        flash(_("Log in to save this search. You come back to it afterwards."), "info")
        return redirect(url_for("auth.login", next=back))
    if not can_save_request_search(current_user):
        abort(403)
    if not form.validate():
        flash(" ".join(str(e) for errors in form.errors.values() for e in errors), "danger")
        return redirect(back)
    search = searches.save(
        current_user,
        request_searches.link_args_of(stored),
        form.name.data or "",
        form.frequency.data,
        kind=searches.REQUEST,
    )
    flash(
        _(
            "Search saved as “%(name)s”. We mail you %(frequency)s when new requests from teachers "
            "match. Manage it under My searches.",
            name=search.name,
            frequency=search.frequency.label,
        ),
        "success",
    )
    return redirect(back)


# Managing ---------------------------------------------------------------------------------
@bp.get("/mijn/zoekopdrachten")
@login_required
def index():
    return _list_page()


def _list_page(failed: SavedSearch | None = None, failed_form: EditSearchForm | None = None):
    saved = searches.of_user(current_user)
    labels = searches.filter_labels()
    forms = {
        s.id: failed_form
        if failed is not None and s.id == failed.id and failed_form is not None
        else EditSearchForm(formdata=None, obj=s, prefix=f"z{s.id}")
        for s in saved
    }
    return render_template(
        "alerts/index.html",
        saved=saved,
        forms=forms,
        describe=lambda s: searches.describe_search(s, labels),
        max_saved=searches.MAX_SAVED_SEARCHES,
    )


@bp.post("/mijn/zoekopdrachten/<int:search_id>")
@login_required
def edit(search_id: int):
    search = get_or_403(SavedSearch, search_id, can_manage_saved_search)
    form = EditSearchForm(prefix=f"z{search.id}")
    if form.validate():
        searches.update(search, form.name.data or "", form.frequency.data)
        flash(
            _("Saved: “%(name)s”, %(frequency)s.", name=search.name, frequency=search.frequency.label),
            "success",
        )
        return redirect(url_for("alerts.index"))
    return _list_page(search, form), 400


@bp.post("/mijn/zoekopdrachten/<int:search_id>/pauzeren")
@login_required
def pause(search_id: int):
    search = get_or_403(SavedSearch, search_id, can_manage_saved_search)
    searches.set_paused(search, True)
    flash(_("Paused: you get no mails for “%(name)s” until you resume it.", name=search.name), "success")
    return redirect(url_for("alerts.index"))


@bp.post("/mijn/zoekopdrachten/<int:search_id>/hervatten")
@login_required
def resume(search_id: int):
    search = get_or_403(SavedSearch, search_id, can_manage_saved_search)
    searches.set_paused(search, False)
    flash(
        _("Resumed: you get mails for “%(name)s” again, about offers new from now on.", name=search.name),
        "success",
    )
    return redirect(url_for("alerts.index"))


@bp.post("/mijn/zoekopdrachten/<int:search_id>/verwijderen")
@login_required
def delete(search_id: int):
    search = get_or_403(SavedSearch, search_id, can_manage_saved_search)
    name = search.name
    searches.delete(search)
    flash(_("Deleted: “%(name)s”. You get no more mails for it.", name=name), "success")
    return redirect(url_for("alerts.index"))


# Unsubscribing from a mail, without logging in -------------------------------------------
@bp.route("/zoekopdrachten/afmelden/<token>", methods=["GET", "POST"])
@csrf.exempt
def unsubscribe(token: str):
    try:
        search = searches.from_unsubscribe_token(token)
    except TokenError as error:
        return render_template("alerts/unsubscribe_invalid.html", expired=error.expired), 400
    if request.method == "POST" and search is not None:
        searches.set_paused(search, True)
        if request.form.get("List-Unsubscribe") == "One-Click":  # the mail client, RFC 8058
            return _("You will no longer receive these mails."), 200, {"Content-Type": "text/plain"}
        return redirect(url_for("alerts.unsubscribe", token=token), 303)
    return render_template("alerts/unsubscribe.html", search=search, token=token)
