"""Load it, or 404, or 403: the helpers every view uses for objects it acts on.

Typed: ``get_or_403(Offer, id, can_edit_offer)`` returns an ``Offer``."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from flask import abort
from flask_login import current_user

from portal.extensions import db

T = TypeVar("T")


def get_or_404(model: type[T], object_id: int) -> T:
    obj = db.session.get(model, object_id)
    if obj is None:
        abort(404)
    return obj


def get_or_403(model: type[T], object_id: int, check: Callable[[Any, T], bool]) -> T:
    """404 when it does not exist, 403 when ``check(current_user, obj)`` refuses."""
    obj = get_or_404(model, object_id)
    if not check(current_user, obj):
        abort(403)
    return obj


def require(check: Callable[..., bool], *args: Any) -> None:
    if not check(current_user, *args):
        abort(403)
