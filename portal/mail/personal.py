"""Mail that carries a personal link (confirm an address, reset a password).

Three rules keep such links out of reach:

- **Composed by the worker** (``queue_for_address`` + ``add_composer``): a request that must
  not show whether an address has an account (a password-reset request) only queues the
  template and the address: the same single row whatever the address. The worker calls the
  template's composer, which looks the account up and renders the message, or returns None
  and the row is dropped. The composed text is never stored.
- **Emptied after sending** (``empty_after_sending``): the row keeps its recipient, status
  and times; the text is blanked once the message is sent.
- **Masked on the admin page** (``mask_links``): links show their host and first path part
  only, for every mail (a calendar-feed or unsubscribe link is personal too).

An area registers its templates in its ``init_app`` (``portal/accounts/mails.py``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from flask import Flask, current_app

from portal.extensions import db
from portal.mail.outbox import new_message_id
from portal.models import OutboxMail
from portal.models.statuses import MailStatus

KEY = "portal.mail.personal"

_URL = re.compile(r"(https?://[^\s/<>\"']+(?:/[^\s/?#<>\"']*)?)([^\s<>\"']*)")


@dataclass
class PersonalMail:
    """The templates of one app that carry a personal link."""

    # template -> fn(address) returning the composed (unsaved) row, or None to drop the mail.
    composers: dict[str, Callable[[str], OutboxMail | None]] = field(default_factory=dict)
    emptied_after_sending: set[str] = field(default_factory=set)


def personal_mail(app: Flask | None = None) -> PersonalMail:
    return (app or current_app).extensions.setdefault(KEY, PersonalMail())


def add_composer(app: Flask, template: str, compose: Callable[[str], OutboxMail | None]) -> None:
    """``compose(address)`` writes ``template`` in the worker (see ``queue_for_address``)."""
    personal_mail(app).composers[template] = compose


def empty_after_sending(app: Flask, *templates: str) -> None:
    personal_mail(app).emptied_after_sending.update(templates)


def is_emptied_after_sending(template: str) -> bool:
    return template in personal_mail().emptied_after_sending


def queue_for_address(template: str, address: str) -> OutboxMail:
    """Queue ``template`` to ``address`` for the worker to compose (not committed)."""
    row = OutboxMail(
        recipient=address,
        template=template,
        subject="",
        body_text="",
        body_html=None,
        attachments=[],
        headers={},
        message_id=new_message_id(),
        status=MailStatus.PENDING,
        attempts=0,
    )
    db.session.add(row)
    return row


def composed(row: OutboxMail) -> OutboxMail | None:
    """What to send for ``row``: itself, the worker's composition (its links are built on
    SITE_URL: ``portal.urls.absolute_url``), or None when its composer drops it."""
    compose = personal_mail().composers.get(row.template)
    if compose is None:
        return row
    message = compose(row.recipient)
    if message is not None and row.message_id:
        message.message_id = row.message_id  # stable across retries
    return message


def mask_links(text: str | None) -> str:
    """``https://host/wachtwoord-herstellen/<token>`` -> ``https://host/wachtwoord-herstellen/…``"""
    return _URL.sub(_masked, text or "")


def _masked(match: re.Match) -> str:
    kept, rest = match.group(1), match.group(2)
    if not rest.strip("/"):
        return kept + rest
    return kept + ("…" if kept.endswith("/") else "/…")
