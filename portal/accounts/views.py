"""Accounts: registration, login, profile and the AVG rights (blueprint ``auth``).

This module holds registering, confirming the address and logging in/out; passwords
live in ``views_password.py`` and the personal pages under /mijn in ``views_me.py``
(both add routes to the same blueprint).
"""
from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from portal.accounts import services, tokens
from portal.accounts.forms import LoginForm, RegisterForm
from portal.accounts.limits import login_limits, register_limits, remember_browser, resend_limits
from portal.accounts.loader import log_in, log_out
from portal.extensions import db
from portal.models import Municipality, Organisation
from portal.security import safe_next

bp = Blueprint("auth", __name__)


def form_error(form, error: services.AccountError) -> None:
    """Show a service's refusal on its field (or above the form)."""
    message = str(error.message)
    field = {"organisation": "school_id" if form.data.get("role") == "teacher" else "company_id",
             "new_municipality": "new_municipality"}.get(error.field, error.field)
    if field and field in form:
        form[field].errors = [*form[field].errors, message]
    else:
        flash(message, "danger")


# Registration ---------------------------------------------------------------------------
def _fill_choices(form: RegisterForm) -> None:
    municipalities = db.session.scalars(select(Municipality).order_by(Municipality.name)).all()
    form.new_municipality.choices = [("", _("Choose a municipality"))] + [
        (m.id, m.name) for m in municipalities]
    form.school_id.choices = _grouped("school", _("Choose your school"))
    form.company_id.choices = _grouped("company", _("Choose your organisation"))


def _grouped(kind: str, prompt: str) -> dict:
    """Organisations of one kind as optgroups per municipality, sorted by name."""
    rows = db.session.execute(
        select(Organisation.id, Organisation.name, Municipality.name)
        .outerjoin(Municipality, Organisation.municipality_id == Municipality.id)
        .where(Organisation.kind == kind)
        .order_by(Municipality.name, Organisation.name)
    ).all()
    groups: dict = {"": [("", prompt)]}
    for org_id, name, municipality in rows:
        groups.setdefault(municipality or _("Other"), []).append((org_id, name))
    return groups


def _new_organisation(form: RegisterForm) -> services.NewOrganisation | None:
    teacher = form.role.data == "teacher"
    mode = form.school_mode.data if teacher else form.company_mode.data
    if mode == "existing":
        return None
    return services.NewOrganisation(
        kind="school" if teacher else "company", name=form.new_name.data or "",
        municipality_id=form.new_municipality.data, sector=form.new_sector.data,
        brin=form.new_brin.data, website=form.new_website.data,
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
        try:
            _register(form)
        except services.AccountError as error:
            db.session.rollback()
            form_error(form, error)
        else:
            flash(_("We sent a mail to %(email)s.", email=form.email.data.strip().lower()), "info")
            return redirect(url_for("auth.check_mail"))
    return render_template("auth/register.html", form=form)


def _register(form: RegisterForm) -> None:
    new_org = _new_organisation(form)
    existing = None if new_org else (
        form.school_id.data if form.role.data == "teacher" else form.company_id.data)
    details = dict(role=form.role.data, name=form.name.data, email=form.email.data,
                   password=form.password.data, phone=form.phone.data,
                   organisation_id=existing, new_organisation=new_org)
    try:
        services.register_user(**details)
        db.session.commit()
    except IntegrityError:  # the same address registered a moment ago: now it has an account
        db.session.rollback()
        services.register_user(**details)
        db.session.commit()


@bp.get("/registreren/controleer-je-mail")
def check_mail():
    return render_template("auth/check_mail.html")


# Confirming the address -------------------------------------------------------------------
@bp.route("/bevestigen/<token>", methods=["GET", "POST"])
def confirm_email(token: str):
    """GET shows a button, POST confirms: mail scanners that open links change nothing."""
    try:
        user = tokens.user_from_confirm_token(token)
    except tokens.TokenError as error:
        return render_template("auth/confirm_invalid.html", expired=error.expired), 400
    if request.method == "GET":
        return render_template("auth/confirm_email.html", user=user)
    if services.confirm_email(user):
        db.session.commit()
        flash(_("Thank you, your email address is confirmed."), "success")
    else:
        flash(_("Your email address was already confirmed."), "info")
    target = "dashboard.index" if current_user.is_authenticated else "auth.login"
    return redirect(url_for(target))


@bp.post("/bevestiging-opnieuw")
@login_required
@resend_limits
def resend_confirmation():
    if current_user.confirmed:
        flash(_("Your email address was already confirmed."), "info")
    else:
        services.send_confirmation(current_user)
        db.session.commit()
        flash(_("We sent a new link to %(email)s.", email=current_user.email), "success")
    return redirect(safe_next())


# Logging in and out -----------------------------------------------------------------------
@bp.route("/inloggen", methods=["GET", "POST"])
@login_limits
def login():
    if current_user.is_authenticated:
        return redirect(safe_next())
    form = LoginForm()
    if form.validate_on_submit():
        try:
            user = services.authenticate(form.email.data, form.password.data)
        except services.AccountError as error:
            db.session.rollback()
            flash(str(error.message), "danger")
        else:
            log_in(user, remember=form.remember.data)
            db.session.commit()
            flash(_("Welcome back, %(name)s.", name=user.name), "success")
            return remember_browser(redirect(safe_next()), user.email)
    form.password.data = None  # never echo a password back
    return render_template("auth/login.html", form=form)


@bp.post("/uitloggen")
def logout():
    """Ends the login on the server too: a copy of the cookies no longer works."""
    log_out()
    db.session.commit()
    flash(_("You are logged out."), "info")
    return redirect(url_for("main.home"))

