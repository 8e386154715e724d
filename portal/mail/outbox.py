"""Writing mail into the outbox (never sending it): the worker in ``delivery`` sends."""

from __future__ import annotations

import base64
import uuid
from email.utils import parseaddr

from flask import current_app, render_template
from flask_babel import force_locale

from portal.extensions import db
from portal.models import OutboxMail, User
from portal.models.statuses import MailStatus


def queue_mail(
    to: str | User,
    template: str,
    *,
    attachments: list[tuple[str, str, bytes]] | None = None,
    dedupe_key: str | None = None,
    **context,
) -> OutboxMail | None:
    """Render ``email/<template>.txt`` (+ ``.html``) and add an outbox row to the session.

    ``to`` is a User or an address. ``attachments`` are ``(filename, content_type, bytes)``.
    With ``dedupe_key``, a key that is already in the outbox queues nothing (returns None).
    The subject is the ``subject`` block of the text template. A context value
    ``unsubscribe_url`` marks a bulk mail (digest): it is sent with ``List-Unsubscribe``.
    Nothing is committed here: the row is committed (or rolled back) with the event.
    """
    if dedupe_key and db.session.scalar(db.select(OutboxMail.id).where(OutboxMail.dedupe_key == dedupe_key)):
        return None
    row = compose_mail(to, template, attachments=attachments, **context)
    row.dedupe_key = dedupe_key
    db.session.add(row)
    return row


def compose_mail(
    to: str | User,
    template: str,
    *,
    attachments: list[tuple[str, str, bytes]] | None = None,
    **context,
) -> OutboxMail:
    """The rendered message as an outbox row that is not added to any session (the worker
    composes some mail itself: ``portal/mail/personal.py``)."""
    user = to if isinstance(to, User) else None
    context.setdefault("recipient", user)
    with force_locale("nl"):
        subject, text_body = _render_text(template, context)
        html_body = render_template(f"email/{template}.html", **context)
    return OutboxMail(
        recipient=user.email if user else str(to),
        user_id=user.id if user else None,
        template=template,
        subject=subject,
        body_text=text_body,
        body_html=html_body,
        attachments=[
            {"filename": n, "content_type": t, "data": base64.b64encode(d).decode("ascii")}
            for n, t, d in (attachments or [])
        ],
        headers=_extra_headers(context),
        message_id=new_message_id(),
        status=MailStatus.PENDING,
        attempts=0,
    )


def _render_text(template: str, context: dict) -> tuple[str, str]:
    tmpl = current_app.jinja_env.get_template(f"email/{template}.txt")
    tmpl_context = tmpl.new_context(dict(context))
    subject = "".join(tmpl.blocks["subject"](tmpl_context)).strip() if "subject" in tmpl.blocks else ""
    body = render_template(f"email/{template}.txt", **context)
    return " ".join(subject.split()), body.strip() + "\n"


def _extra_headers(context: dict) -> dict:
    """Every mail is automatic (no out-of-office replies, RFC 3834); digests can be
    unsubscribed from in the mail client (RFC 2369, one-click per RFC 8058)."""
    headers = {"Auto-Submitted": "auto-generated"}
    unsubscribe_url = context.get("unsubscribe_url")
    if unsubscribe_url:
        headers["List-Unsubscribe"] = f"<{unsubscribe_url}>"
        if context.get("unsubscribe_one_click", True):
            headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    return headers


def new_message_id() -> str:
    return f"<{uuid.uuid4().hex}@{_sender_domain()}>"


def _sender_domain() -> str:
    sender = current_app.config.get("MAIL_DEFAULT_SENDER") or ""
    if isinstance(sender, tuple | list):  # Flask-Mail also accepts (name, address)
        sender = sender[1]
    _name, address = parseaddr(sender)
    return address.rpartition("@")[2] or "localhost"
