"""``/beheer/taxonomie``: the audiences, vmbo profiles and themes, editable as data."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import login_required

from portal import web
from portal.forms import choice_list
from portal.loaders import get_or_404, require
from portal.models import VOCABULARIES, Term
from portal.moderation import taxonomy
from portal.moderation.forms import GROUP_CHOICES, RenameTermForm, TermForm
from portal.moderation.views import bp
from portal.permissions import can_manage_taxonomy

VOCABULARY_LABELS = {
    "audience": _l("Audiences"),
    "profile": _l("vmbo profiles"),
    "theme": _l("Themes"),
}


def _term_form(vocabulary: str, formdata=None) -> TermForm:
    form = TermForm(formdata=formdata, prefix=f"new-{vocabulary}")
    form.group.choices = choice_list([("", _("No group"))]) + GROUP_CHOICES[vocabulary]
    return form


def _page(forms=None, code: int = 200):
    forms = forms or {}
    add_forms = {v: forms.get(v) or _term_form(v) for v in VOCABULARIES}
    return render_template(
        "moderation/taxonomy.html",
        terms=taxonomy.terms_by_vocabulary(),
        usage=taxonomy.usage_counts(),
        add_forms=add_forms,
        rename_form=RenameTermForm(),
        labels=VOCABULARY_LABELS,
        group_labels={c.value: c.label for c in sum(GROUP_CHOICES.values(), [])},
    ), code


def _anchor_url(term: Term | None = None) -> str:
    anchor = f"term-{term.id}" if term is not None and term.id else None
    return url_for("moderation.taxonomy", _anchor=anchor)


def _back(term: Term | None = None):
    return redirect(_anchor_url(term))


@bp.get("/taxonomie", endpoint="taxonomy")
@login_required
def taxonomy_index():
    require(can_manage_taxonomy)
    return _page()


@bp.post("/taxonomie/<vocabulary>")
@login_required
def add_term(vocabulary: str):
    require(can_manage_taxonomy)
    if vocabulary not in VOCABULARIES:
        abort(404)
    form = _term_form(vocabulary, request.form)
    if form.validate():
        with web.refused_on(form):
            term = taxonomy.add_term(vocabulary, form.label.data, form.group.data)
            flash(_('Added "%(label)s".', label=term.label), "success")
            return _back(term)
    return _page({vocabulary: form}, 400)


def _load_term(term_id: int) -> Term:
    """The term, for admins; a refused change lands on its row of the taxonomy page."""
    require(can_manage_taxonomy)
    term = get_or_404(Term, term_id)
    web.on_refusal(_anchor_url(term))
    return term


@bp.post("/taxonomie/term/<int:term_id>/naam")
@login_required
def rename_term(term_id: int):
    term = _load_term(term_id)
    form = RenameTermForm()
    if not form.validate():
        flash(_("Enter a name for the term."), "danger")
        return _back(term)
    taxonomy.rename_term(term, form.label.data)
    flash(_('Renamed to "%(label)s".', label=term.label), "success")
    return _back(term)


@bp.post("/taxonomie/term/<int:term_id>/verplaatsen")
@login_required
def move_term(term_id: int):
    term = _load_term(term_id)
    taxonomy.move_term(term, -1 if request.form.get("direction") == "up" else 1)
    return _back(term)


@bp.post("/taxonomie/term/<int:term_id>/actief")
@login_required
def activate_term(term_id: int):
    term = _load_term(term_id)
    active = request.form.get("active") == "1"
    taxonomy.set_active(term, active)
    if active:
        flash(_('"%(label)s" is active again.', label=term.label), "success")
    else:
        flash(
            _('"%(label)s" is deactivated: it no longer appears in forms and filters.', label=term.label),
            "success",
        )
    return _back(term)


@bp.post("/taxonomie/term/<int:term_id>/verwijderen")
@login_required
def delete_term(term_id: int):
    term = _load_term(term_id)
    label = term.label
    taxonomy.delete_term(term)
    flash(_('Deleted "%(label)s".', label=label), "success")
    return _back()
