"""Accounts: registration, login, profile and the AVG rights (blueprint ``auth``).

This module holds registering, confirming the address and logging in/out; passwords
live in ``views_password.py``, the personal pages under /mijn in ``views_me.py`` and the
membership pages in ``views_members.py`` (all add routes to the same blueprint).
"""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from portal import web
from portal.accounts import services, tokens
from portal.accounts.forms import LoginForm, RegisterForm
from portal.accounts.limits import login_limits, register_limits, remember_browser, resend_limits
from portal.accounts.loader import log_in, log_out
from portal.security import safe_next

bp = Blueprint("auth", __name__)


@bp.errorhandler(tokens.TokenError)
def invalid_link(error: tokens.TokenError):
    """A confirmation or reset link that is not (or no longer) valid: a page that says why
    and what to do next."""
    return render_template(f"auth/{error.purpose}_invalid.html", expired=error.expired), 400


def grouped_choices(kind: str, prompt: str) -> dict:
    """Organisations of one kind as optgroups per municipality, after a prompt."""
    groups: dict = {"": [("", prompt)]}
    for municipality, organisations in services.organisations_by_municipality(kind).items():
        groups.setdefault(municipality or _("Other"), []).extend(organisations)
    return groups


# Registration ---------------------------------------------------------------------------
def _fill_choices(form: RegisterForm) -> None:
    form.new_municipality.choices = [("", _("Choose a municipality"))] + [
        (m.id, m.name) for m in services.municipalities()
    ]
    form.school_id.choices = grouped_choices("school", _("Choose your school"))
    form.company_id.choices = grouped_choices("company", _("Choose your organisation"))


def _new_organisation(form: RegisterForm) -> services.NewOrganisation | None:
    teacher = form.role.data == "teacher"
    mode = form.school_mode.data if teacher else form.company_mode.data
    if mode == "existing":
        return None
    return services.NewOrganisation(
        kind="school" if teacher else "company",
        name=form.new_name.data or "",
        municipality_id=form.new_municipality.data,
        sector=form.new_sector.data,
        brin=form.new_brin.data,
        website=form.new_website.data,
    )


@bp.route("/registreren", methods=["GET", "POST"])
@register_limits
def register():
    """A new address and one that already has an account get the same answer (the owner of
    the latter gets a mail instead of a new account), so nobody learns who has one."""
    if current_user.is_authenticated:
        return redirect(url_for("dashboard.index"))
    form = RegisterForm()
    _fill_choices(form)
    if form.validate_on_submit():
        new_organisation = _new_organisation(form)
        chosen = form.school_id.data if form.role.data == "teacher" else form.company_id.data
        with web.refused_on(form):
            services.register_user(
                role=form.role.data,
                name=form.name.data,
                email=form.email.data,
                password=form.password.data,
                phone=form.phone.data,
                organisation_id=None if new_organisation else chosen,
                new_organisation=new_organisation,
            )
            flash(_("We sent a mail to %(email)s.", email=form.email.data.strip().lower()), "info")
            return redirect(url_for("auth.check_mail"))
    return render_template("auth/register.html", form=form)


@bp.get("/registreren/controleer-je-mail")
def check_mail():
    return render_template("auth/check_mail.html")


# Confirming the address -------------------------------------------------------------------
@bp.route("/bevestigen/<token>", methods=["GET", "POST"])
def confirm_email(token: str):
    """GET shows a button, POST confirms: mail scanners that open links change nothing."""
    user = tokens.user_from_confirm_token(token)
    if request.method == "GET":
        return render_template("auth/confirm_email.html", user=user)
    if services.confirm_email(user):
        flash(_("Thank you, your email address is confirmed."), "success")
    else:
        flash(_("Your email address was already confirmed."), "info")
    target = "dashboard.index" if current_user.is_authenticated else "auth.login"
    return redirect(url_for(target))


@bp.post("/bevestiging-opnieuw")
@login_required
@resend_limits
def resend_confirmation():
    if services.resend_confirmation(current_user._get_current_object()):
        flash(_("We sent a new link to %(email)s.", email=current_user.email), "success")
    else:
        flash(_("Your email address was already confirmed."), "info")
    return redirect(safe_next())


# Logging in and out -----------------------------------------------------------------------
@bp.route("/inloggen", methods=["GET", "POST"])
@login_limits
def login():
    """A refused login shows the form again (a failed attempt counts for the rate limits)."""
    if current_user.is_authenticated:
        return redirect(safe_next())
    form = LoginForm()
    if form.validate_on_submit():
        with web.refused_on(form):
            user = services.authenticate(form.email.data, form.password.data)
            log_in(user, remember=form.remember.data)
            flash(_("Welcome back, %(name)s.", name=user.name), "success")
            return remember_browser(redirect(safe_next()), user.email)
    form.password.data = None  # never echo a password back
    return render_template("auth/login.html", form=form)


@bp.post("/uitloggen")
def logout():
    """Ends the login on the server too: a copy of the cookies no longer works."""
    log_out()
    flash(_("You are logged out."), "info")
    return redirect(url_for("main.home"))
