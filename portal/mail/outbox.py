"""Writing mail into the outbox (never sending it)."""
from __future__ import annotations

import base64

from flask import render_template
from flask_babel import force_locale

from portal.extensions import db
from portal.models import OutboxMail, User


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
    The subject is the ``subject`` block of the text template.
    """
    user = to if isinstance(to, User) else None
    recipient = user.email if user else str(to)
    if dedupe_key and db.session.scalar(
        db.select(OutboxMail.id).where(OutboxMail.dedupe_key == dedupe_key)
    ):
        return None
    context.setdefault("recipient", user)
    with force_locale("nl"):
        subject, text_body = _render_text(template, context)
        html_body = render_template(f"email/{template}.html", **context)
    row = OutboxMail(
        recipient=recipient,
        user_id=user.id if user else None,
        template=template,
        subject=subject,
        body_text=text_body,
        body_html=html_body,
        attachments=[
            {"filename": n, "content_type": t, "data": base64.b64encode(d).decode("ascii")}
            for n, t, d in (attachments or [])
        ],
        dedupe_key=dedupe_key,
    )
    db.session.add(row)
    return row


def _render_text(template: str, context: dict) -> tuple[str, str]:
    from flask import current_app

    tmpl = current_app.jinja_env.get_template(f"email/{template}.txt")
    tmpl_context = tmpl.new_context(dict(context))
    subject = "".join(tmpl.blocks["subject"](tmpl_context)).strip() if "subject" in tmpl.blocks else ""
    body = render_template(f"email/{template}.txt", **context)
    return " ".join(subject.split()), body.strip() + "\n"
