"""Home page, ``/healthz`` and the language switch."""
from __future__ import annotations

from flask import Blueprint, abort, current_app, redirect, render_template, request, session
from sqlalchemy import text

from portal.extensions import db
from portal.plugs import plugs
from portal.security import is_safe_next

bp = Blueprint("main", __name__)



@bp.get("/")
def home():
    chosen = sorted(plugs().home_sections, key=lambda s: s[0])
    sections = [(template, build()) for _, template, build in chosen]
    return render_template("main/home.html", sections=sections)


@bp.get("/healthz")
def healthz():
    checks = {"database": _database_ok()}
    for name, check in plugs().health_checks.items():
        try:
            checks[name] = bool(check())
        except Exception:  # a health check reports failure, it never raises
            checks[name] = False
    ok = all(checks.values())
    return {"status": "ok" if ok else "unavailable", "checks": checks}, 200 if ok else 503


def _database_ok() -> bool:
    try:
        db.session.execute(text("SELECT 1"))
        return True
    except Exception:
        db.session.rollback()
        return False


@bp.post("/taal/<lang>")
def set_language(lang: str):
    if lang not in current_app.config["LANGUAGES"]:
        abort(404)
    session["lang"] = lang
    target = request.form.get("next")
    return redirect(target if is_safe_next(target) else "/")


@bp.get("/toegankelijkheid")
def accessibility():
    return render_template("main/accessibility.html")


@bp.get("/privacy")
def privacy():
    return render_template("main/privacy.html")
