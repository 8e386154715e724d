"""Home page, ``/healthz`` and the language switch."""

from __future__ import annotations

from flask import Blueprint, abort, current_app, redirect, render_template, request, session

from portal import pagecache
from portal.database import is_reachable
from portal.plugs import plugs
from portal.security import is_safe_next

bp = Blueprint("main", __name__)


@bp.get("/")
@pagecache.anonymous_page
def home():
    chosen = sorted(plugs().home_sections, key=lambda s: s[0])
    sections = [(template, build()) for _, template, build in chosen]
    return render_template("main/home.html", sections=sections)


@bp.get("/healthz")
def healthz():
    checks = {"database": is_reachable()}
    for name, check in plugs().health_checks.items():
        try:
            checks[name] = bool(check())
        except Exception:  # a health check reports failure, it never raises
            checks[name] = False
    ok = all(checks.values())
    return {"status": "ok" if ok else "unavailable", "checks": checks}, 200 if ok else 503


@bp.post("/taal/<lang>")
def set_language(lang: str):
    if lang not in current_app.config["LANGUAGES"]:
        abort(404)
    session["lang"] = lang
    target = request.form.get("next")
    return redirect(target if target and is_safe_next(target) else "/")


@bp.get("/toegankelijkheid")
def accessibility():
    return render_template("main/accessibility.html")


@bp.get("/privacy")
def privacy():
    return render_template("main/privacy.html")
