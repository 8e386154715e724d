"""``/beheer/mail``: the outbox for admins — counts, waiting and failed mail, retry.

Links in subjects and texts show only their host and first path part (``mask_links``):
an admin looking into delivery never sees a working reset or confirmation link."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import login_required

from portal import web
from portal.loaders import get_or_404, require
from portal.mail import services
from portal.mail.personal import mask_links
from portal.models import OutboxMail
from portal.models.statuses import MailStatus
from portal.permissions import can_view_outbox

bp = Blueprint("mail", __name__, url_prefix="/beheer/mail")

bp.add_app_template_filter(mask_links, "mask_links")


@bp.get("/")
@login_required
def outbox():
    require(can_view_outbox)
    return render_template(
        "mail/outbox.html",
        counts=services.status_counts(),
        failed=services.messages_with_status(MailStatus.FAILED),
        pending=services.messages_with_status(MailStatus.PENDING),
        limit=100,
    )


@bp.get("/<int:mail_id>")
@login_required
def show(mail_id: int):
    require(can_view_outbox)
    mail = get_or_404(OutboxMail, mail_id)
    return render_template("mail/show.html", mail=mail, can_retry=services.can_retry(mail))


@bp.post("/<int:mail_id>/opnieuw")
@login_required
def retry(mail_id: int):
    require(can_view_outbox)
    mail = get_or_404(OutboxMail, mail_id)
    web.on_refusal(url_for("mail.show", mail_id=mail.id))
    services.retry_now(mail)
    flash(_("The message to %(recipient)s will be sent again shortly.", recipient=mail.recipient), "success")
    return redirect(url_for("mail.outbox"))
