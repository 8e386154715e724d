"""Mail that carries a personal link (confirm an address, reset a password).

Three rules keep such links out of reach:

- **Composed by the worker** (``queue_for_address`` + ``@composer``): a request that must
  not show whether an address has an account (a password-reset request) only queues the
  template and the address: the same single row whatever the address. The worker calls the
  template's composer, which looks the account up and renders the message, or returns None
  and the row is dropped. The composed text is never stored.
- **Emptied after sending** (``EMPTIED_AFTER_SENDING``): the row keeps its recipient, status
  and times; the text is blanked once the message is sent.
- **Masked on the admin page** (``mask_links``): links show their host and first path part
  only, for every mail (a calendar-feed or unsubscribe link is personal too).

Areas register their templates at import (``portal/accounts/mails.py``).
"""
from __future__ import annotations

import re
from collections.abc import Callable

from flask import current_app, has_request_context

from portal.extensions import db
from portal.mail.outbox import new_message_id
from portal.models import OutboxMail

# template -> fn(address) returning the composed (unsaved) row, or None to drop the mail.
COMPOSERS: dict[str, Callable[[str], OutboxMail | None]] = {}
EMPTIED_AFTER_SENDING: set[str] = set()

_URL = re.compile(r"(https?://[^\s/<>\"']+(?:/[^\s/?#<>\"']*)?)([^\s<>\"']*)")


def composer(template: str):
    """Register ``fn(address)`` as the worker-side composer of ``template``."""
    def register(fn):
        COMPOSERS[template] = fn
        return fn
    return register


def empty_after_sending(*templates: str) -> None:
    EMPTIED_AFTER_SENDING.update(templates)


def queue_for_address(template: str, address: str) -> OutboxMail:
    """Queue ``template`` to ``address`` for the worker to compose (not committed)."""
    row = OutboxMail(recipient=address, template=template, subject="", body_text="",
                     body_html=None, attachments=[], headers={}, message_id=new_message_id(),
                     status="pending", attempts=0)
    db.session.add(row)
    return row


def composed(row: OutboxMail) -> OutboxMail | None:
    """What to send for ``row``: itself, the worker's composition (links built on
    SITE_URL), or None when its composer drops it."""
    compose = COMPOSERS.get(row.template)
    if compose is None:
        return row
    if has_request_context():
        message = compose(row.recipient)
    else:
        with current_app.test_request_context(base_url=current_app.config["SITE_URL"]):
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
