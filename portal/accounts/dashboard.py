"""The membership section on /mijn: a pending member learns why they see nothing yet, and an
organisation's admin sees who asks to join."""

from __future__ import annotations

from portal import permissions
from portal.accounts import membership


def membership_status(user):
    organisation = user.organisation
    if organisation is None or not user.is_approved_member:
        return "auth/_dashboard_membership.html", {"organisation": organisation, "pending": []}
    if not permissions.is_org_admin_of(user, organisation):
        return None
    pending = membership.pending_members(organisation)
    if not pending:
        return None
    return "auth/_dashboard_membership.html", {"organisation": organisation, "pending": pending}
