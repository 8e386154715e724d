"""Membership pages: "my organisation" (status, or ask to join one) and an organisation's
members page for its admins (or, when it has none, the coordinators of its region)."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from portal import permissions, web
from portal.accounts import membership
from portal.accounts.forms import JoinOrganisationForm, RefuseMemberForm
from portal.accounts.views import bp, grouped_choices
from portal.loaders import get_or_403, get_or_404
from portal.models import Organisation, User


@bp.route("/mijn/organisatie", methods=["GET", "POST"])
@login_required
def my_organisation():
    user = current_user._get_current_object()
    kind = membership.ORGANISATION_KIND.get(user.role)
    if kind is None:
        abort(404)
    form = JoinOrganisationForm()
    form.organisation_id.choices = grouped_choices(kind, _("Choose your organisation"))
    if form.validate_on_submit():
        with web.refused_on(form):
            organisation = membership.join(user, form.organisation_id.data)
            flash(
                _("Your request to join %(name)s has been sent to its admins.", name=organisation.name),
                "success",
            )
            return redirect(url_for("auth.my_organisation"))
    pending = membership.pending_members(user.organisation) if user.organisation else []
    return render_template("auth/my_organisation.html", form=form, user=user, pending_count=len(pending))


@bp.get("/organisaties/<int:organisation_id>/leden")
@login_required
def members(organisation_id: int):
    organisation = get_or_403(Organisation, organisation_id, permissions.can_view_members)
    return render_template(
        "auth/members.html",
        organisation=organisation,
        pending=membership.pending_members(organisation),
        approved=membership.approved_members(organisation),
        refuse_form=RefuseMemberForm(),
    )


@bp.post("/organisaties/<int:organisation_id>/leden/<int:user_id>/<action>")
@login_required
def member_action(organisation_id: int, user_id: int, action: str):
    organisation = get_or_403(Organisation, organisation_id, permissions.can_manage_members)
    member = get_or_404(User, user_id)
    actor = current_user._get_current_object()
    steps = {  # the action in the URL -> what it does, and what the page says after
        "goedkeuren": (
            lambda: membership.approve(actor, member, organisation),
            _("%(name)s is now a member.", name=member.name),
        ),
        "weigeren": (
            lambda: membership.refuse(actor, member, organisation, request.form.get("reason", "")[:500]),
            _("The request of %(name)s was refused.", name=member.name),
        ),
        "verwijderen": (
            lambda: membership.remove(actor, member, organisation),
            _("%(name)s is no longer a member.", name=member.name),
        ),
        "beheerder": (
            lambda: membership.set_admin(actor, member, organisation, True),
            _("%(name)s is now an admin.", name=member.name),
        ),
        "geen-beheerder": (
            lambda: membership.set_admin(actor, member, organisation, False),
            _("%(name)s is no longer an admin.", name=member.name),
        ),
    }
    if action not in steps:
        abort(404)
    web.on_refusal(url_for("auth.members", organisation_id=organisation.id))
    act, message = steps[action]
    act()
    flash(message, "success")
    if permissions.can_view_members(actor, organisation):
        return redirect(url_for("auth.members", organisation_id=organisation.id))
    return redirect(url_for("auth.my_organisation"))
