"""Load it, or 404, or 403: the helpers every view uses for objects it acts on."""
from __future__ import annotations

from collections.abc import Callable

from flask import abort
from flask_login import current_user

from portal.extensions import db


def get_or_404(model, object_id):
    obj = db.session.get(model, object_id)
    if obj is None:
        abort(404)
    return obj


def get_or_403(model, object_id, check: Callable) -> object:
    """404 when it does not exist, 403 when ``check(current_user, obj)`` refuses."""
    obj = get_or_404(model, object_id)
    if not check(current_user, obj):
        abort(403)
    return obj


def require(check: Callable, *args) -> None:
    if not check(current_user, *args):
        abort(403)
