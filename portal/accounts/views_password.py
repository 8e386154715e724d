"""Forgotten, reset and changed passwords (routes on the ``auth`` blueprint)."""

from __future__ import annotations

from flask import current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from portal import web
from portal.accounts import services, tokens
from portal.accounts.forms import ChangePasswordForm, ForgotPasswordForm, ResetPasswordForm
from portal.accounts.limits import reset_limits
from portal.accounts.loader import log_in
from portal.accounts.views import bp


@bp.route("/wachtwoord-vergeten", methods=["GET", "POST"])
@reset_limits
def forgot_password():
    form = ForgotPasswordForm()
    if form.validate_on_submit():
        # The same code, rows and answer whether or not the address has an account.
        services.request_password_reset(form.email.data)
        flash(
            _(
                "If an account exists for %(email)s, we have sent a link to reset the password. "
                "Check your inbox (and your spam folder) in a few minutes.",
                email=form.email.data.strip().lower(),
            ),
            "info",
        )
        return redirect(url_for("auth.login"))
    return render_template("auth/forgot_password.html", form=form)


@bp.route("/wachtwoord-herstellen/<token>", methods=["GET", "POST"])
def reset_password(token: str):
    user = tokens.user_from_reset_token(token)
    form = ResetPasswordForm()
    if form.validate_on_submit():
        with web.refused_on(form):
            services.reset_password(user, form.password.data)
            log_in(user)
            flash(_("Your password has been changed and you are logged in."), "success")
            return redirect(url_for("dashboard.index"))
    return render_template("auth/reset_password.html", form=form, user=user)


@bp.route("/mijn/wachtwoord", methods=["GET", "POST"])
@login_required
def change_password():
    form = ChangePasswordForm()
    if form.validate_on_submit():
        user = current_user._get_current_object()
        with web.refused_on(form):
            services.change_password(user, form.current_password.data, form.password.data)
            # Every login ended (the login token rotated); this browser starts a new one.
            remember = current_app.config.get("REMEMBER_COOKIE_NAME", "remember_token") in request.cookies
            log_in(user, remember=remember)
            flash(_("Your password has been changed. You are logged out on other devices."), "success")
            return redirect(url_for("auth.profile"))
    return render_template("auth/change_password.html", form=form)
