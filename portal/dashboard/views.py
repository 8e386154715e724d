"""``/mijn``: one page per person, built from the sections their role sees."""

from __future__ import annotations

from flask import Blueprint, render_template
from flask_login import current_user, login_required

from portal.dashboard.registry import sections_for

bp = Blueprint("dashboard", __name__, url_prefix="/mijn")


@bp.get("/")
@login_required
def index():
    return render_template("dashboard/index.html", sections=sections_for(current_user))
