"""AVG: everything the portal holds about one person, as JSON-ready data.

Each area adds exporters in its ``init_app`` (``plugs(app).exporters``): ``fn(user) ->
(key, data)`` where data is JSON-serialisable (dates may stay ``date``/``datetime``; they
become ISO strings). This module holds the accounts area's own.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import or_, select

from portal.extensions import db
from portal.models import OutboxMail, User, UserSession, utcnow
from portal.plugs import plugs


def _profile(user: User) -> tuple[str, dict]:
    return "profile", {
        "email": user.email,
        "name": user.name,
        "phone": user.phone,
        "role": user.role,
        "confirmed_at": user.confirmed_at,
        "active": user.active,
        "created_at": user.created_at,
        "last_login_at": user.last_login_at,
        "notification_preferences": user.notification_prefs,
        "teaching_levels": user.teaching_levels,
        "usual_group_size": user.usual_group_size,
        "region": user.region.name if user.region else None,
    }


def _organisation(user: User) -> tuple[str, dict | None]:
    org = user.organisation
    if org is None:
        return "organisation", None
    return "organisation", {
        "name": org.name,
        "kind": org.kind,
        "sector": org.sector,
        "brin": org.brin,
        "municipality": org.municipality.name if org.municipality else None,
        "website": org.website,
        "verified": org.verified,
    }


def _mail(user: User) -> tuple[str, list]:
    """The mail the portal sent (or will send) to this person: what, when, its state."""
    rows = db.session.scalars(
        select(OutboxMail)
        .where(or_(OutboxMail.user_id == user.id, OutboxMail.recipient == user.email))
        .order_by(OutboxMail.id)
    )
    return "mail", [
        {
            "type": m.template,
            "subject": m.subject,
            "created_at": m.created_at,
            "status": m.status,
            "sent_at": m.sent_at,
        }
        for m in rows
    ]


def _logins(user: User) -> tuple[str, list]:
    """The logins the server keeps (until the next login after they end)."""
    rows = db.session.scalars(
        select(UserSession).where(UserSession.user_id == user.id).order_by(UserSession.id)
    )
    return "logins", [
        {"started_at": s.created_at, "ended_at": s.revoked_at, "browser": s.user_agent} for s in rows
    ]


ACCOUNT_EXPORTERS = (_profile, _organisation, _mail, _logins)


def export_user_data(user: User) -> dict:
    data: dict[str, Any] = {"exported_at": utcnow()}
    for exporter in plugs().exporters:
        key, value = exporter(user)
        data[key] = value
    return _jsonable(data)


def _jsonable(value):
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set)):
        return [_jsonable(v) for v in value]
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    return value
