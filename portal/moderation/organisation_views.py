"""``/beheer/organisaties``: find organisations in scope, see their offers, verify them."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from portal.extensions import db
from portal.forms import choice_list
from portal.loaders import get_or_403, require
from portal.models import Organisation
from portal.moderation import services
from portal.moderation.forms import OrganisationFilterForm
from portal.moderation.views import bp
from portal.offers.choices import KIND_LABELS
from portal.permissions import can_moderate, can_verify_organisation, can_view_organisation_admin


@bp.get("/organisaties")
@login_required
def organisations():
    require(can_moderate)
    form = OrganisationFilterForm(request.args)
    municipalities = services.municipalities_in_scope(current_user)
    form.municipality.choices = choice_list(
        [("", _("All municipalities"))] + [(str(m.id), m.name) for m in municipalities]
    )
    filters = {}
    if form.validate():
        verified = {"yes": True, "no": False}.get(form.verified.data or "")
        municipality = form.municipality.data
        filters = dict(
            kind=form.kind.data or None,
            verified=verified,
            q=form.q.data or None,
            municipality_id=int(municipality) if municipality and municipality.isdigit() else None,
        )
    query = services.organisations_in_scope(current_user, **filters)
    page = db.paginate(query, per_page=30, error_out=False)
    return render_template("moderation/organisations.html", form=form, page=page)


@bp.get("/organisaties/<int:organisation_id>")
@login_required
def organisation(organisation_id: int):
    org = get_or_403(Organisation, organisation_id, can_view_organisation_admin)
    return render_template(
        "moderation/organisation.html",
        organisation=org,
        kind_labels=KIND_LABELS,
        **services.organisation_summary(org, current_user),
    )


@bp.post("/organisaties/<int:organisation_id>/verificatie")
@login_required
def verify(organisation_id: int):
    org = get_or_403(Organisation, organisation_id, can_verify_organisation)
    verified = request.form.get("verified") == "1"
    services.set_verified(org, verified)
    if verified:
        flash(_("%(name)s is verified: its offers now publish without review.", name=org.name), "success")
    else:
        flash(
            _("%(name)s is no longer verified: new offers wait for review again.", name=org.name), "success"
        )
    return redirect(url_for("moderation.organisation", organisation_id=org.id))
