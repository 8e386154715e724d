"""The admin's ``/mijn`` section: failed and waiting mail, with a link to the outbox."""

from __future__ import annotations

from portal.mail import services
from portal.models.statuses import MailStatus


def outbox_summary(user):
    counts = services.status_counts()
    return "mail/_dashboard.html", {
        "failed_count": counts[MailStatus.FAILED],
        "waiting_count": counts[MailStatus.PENDING],
    }
