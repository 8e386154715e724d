"""``/beheer/zoeksynoniemen``: coordinators keep the search synonyms (list, add, edit, delete).

Synonyms apply at query time (``portal.search.synonyms``): a change works on the next
search without a reindex. The routes belong to the search blueprint.
"""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import login_required

from portal import web
from portal.loaders import get_or_404, require
from portal.models import SearchSynonym
from portal.permissions import can_manage_search_synonyms
from portal.search import synonyms
from portal.search.forms import DeleteSynonymForm, SynonymForm
from portal.search.views import bp


def _list_page(form: SynonymForm | None = None, code: int = 200):
    return render_template(
        "search/admin_synonyms.html",
        rows=synonyms.all_synonyms(),
        form=form or SynonymForm(),
        delete_form=DeleteSynonymForm(),
    ), code


@bp.get("/beheer/zoeksynoniemen", endpoint="synonyms")
@login_required
def synonym_list():
    require(can_manage_search_synonyms)
    return _list_page()


@bp.post("/beheer/zoeksynoniemen", endpoint="add_synonym")
@login_required
def add_synonym():
    require(can_manage_search_synonyms)
    form = SynonymForm()
    if form.validate():
        with web.refused_on(form):
            row = synonyms.add(form.term.data, form.synonyms.data, form.two_way.data)
            flash(_('Added "%(term)s". The next search uses it.', term=row.term), "success")
            return redirect(url_for("search.synonyms"))
    return _list_page(form, 400)


def _load(synonym_id: int) -> SearchSynonym:
    require(can_manage_search_synonyms)
    return get_or_404(SearchSynonym, synonym_id)


@bp.route("/beheer/zoeksynoniemen/<int:synonym_id>", methods=["GET", "POST"], endpoint="edit_synonym")
@login_required
def edit_synonym(synonym_id: int):
    row = _load(synonym_id)
    form = SynonymForm(obj=row)
    if request.method == "POST" and form.validate():
        with web.refused_on(form):
            synonyms.update(row, form.term.data, form.synonyms.data, form.two_way.data)
            flash(_('Saved "%(term)s". The next search uses it.', term=row.term), "success")
            return redirect(url_for("search.synonyms"))
    code = 400 if form.errors else 200
    return render_template("search/admin_synonym_form.html", form=form, row=row), code


@bp.post("/beheer/zoeksynoniemen/<int:synonym_id>/verwijderen", endpoint="delete_synonym")
@login_required
def delete_synonym(synonym_id: int):
    row = _load(synonym_id)
    if DeleteSynonymForm().validate():
        term = row.term
        synonyms.delete(row)
        flash(_('Deleted "%(term)s".', term=term), "success")
    return redirect(url_for("search.synonyms"))
