"""The personal pages under /mijn: profile, logging out everywhere, data export and account
deletion (AVG)."""

from __future__ import annotations

import json

from flask import Response, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from portal import web
from portal.accounts import services, sessions
from portal.accounts.export import export_user_data
from portal.accounts.forms import DeleteAccountForm, ProfileForm
from portal.accounts.loader import log_out
from portal.accounts.views import bp
from portal.forms import choice_list


@bp.route("/mijn/profiel", methods=["GET", "POST"])
@login_required
def profile():
    user = current_user._get_current_object()
    shown = services.relevant_prefs(user)
    form = ProfileForm(
        data={
            "name": user.name,
            "phone": user.phone,
            "teaching_levels": user.teaching_levels or [],
            "usual_group_size": user.usual_group_size,
            **{key: user.pref(key) for key in services.PREF_FIELDS},
        }
    )
    for key in services.PREF_FIELDS:
        if key not in shown:
            delattr(form, key)
    if user.is_teacher:
        form.teaching_levels.choices = choice_list(services.teaching_level_choices())
    else:
        del form.teaching_levels, form.usual_group_size
    if form.validate_on_submit():
        services.update_profile(
            user,
            name=form.name.data,
            phone=form.phone.data,
            prefs={key: form[key].data for key in shown},
            classes=(form.teaching_levels.data, form.usual_group_size.data) if user.is_teacher else None,
        )
        flash(_("Your profile has been saved."), "success")
        return redirect(url_for("auth.profile"))
    return render_template("auth/profile.html", form=form, prefs=shown, logins=sessions.live_count(user))


@bp.post("/mijn/overal-uitloggen")
@login_required
def log_out_everywhere():
    """Every login of this person ends, remembered devices and this browser included."""
    sessions.end_all(current_user._get_current_object())
    log_out()
    flash(_("You are logged out on every device. Log in again to go on."), "success")
    return redirect(url_for("auth.login"))


@bp.get("/mijn/gegevens.json")
@login_required
def export_data():
    payload = json.dumps(export_user_data(current_user), ensure_ascii=False, indent=2)
    return Response(
        payload,
        mimetype="application/json",
        headers={
            "Content-Disposition": 'attachment; filename="mijn-gegevens.json"',
            "Cache-Control": "no-store",
        },
    )


@bp.route("/mijn/account-verwijderen", methods=["GET", "POST"])
@login_required
def delete_account():
    form = DeleteAccountForm()
    if form.validate_on_submit():
        with web.refused_on(form):
            services.delete_account(current_user._get_current_object(), form.password.data)
            log_out()
            flash(_("Your account has been deleted. Thank you for using the portal."), "info")
            return redirect(url_for("main.home"))
    return render_template("auth/delete_account.html", form=form)
