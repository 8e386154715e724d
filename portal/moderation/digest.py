"""The daily moderation digest for coordinators whose preference is ``daily``.

It runs as a CLI command, outside any request: its links are built by
``portal.urls.absolute_url`` from ``SITE_URL``."""

from __future__ import annotations

from datetime import date

from portal.extensions import db
from portal.mail.outbox import queue_mail
from portal.moderation.services import digest_recipients, queue
from portal.urls import absolute_url


def queue_digests(today: date) -> tuple[int, int]:
    """Queue one digest per daily-coordinator with offers waiting; returns (queued, skipped).

    The dedupe key holds the coordinator and the date, so a second run on the same day
    queues nothing new.
    """
    queued = skipped = 0
    for coordinator in digest_recipients():
        offers = list(db.session.scalars(queue(coordinator)))
        if not offers:
            skipped += 1
            continue
        row = queue_mail(
            coordinator,
            "moderation_digest",
            dedupe_key=f"moderation-digest:{coordinator.id}:{today.isoformat()}",
            offers=offers,
            review_urls={o.id: absolute_url("moderation.review", offer_id=o.id) for o in offers},
            queue_url=absolute_url("moderation.queue"),
            day=today,
        )
        if row is None:
            skipped += 1
        else:
            queued += 1
    return queued, skipped
