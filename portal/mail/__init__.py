"""Mail through a transactional outbox.

``portal.mail.outbox.queue_mail`` renders a message and adds an outbox row to the *current*
session: it is committed with the event that caused it, or rolled back with it. The worker
(``flask --app portal mail deliver``) sends committed rows later.
"""

from __future__ import annotations

from flask import Flask

from portal.plugs import plugs


def init_app(app: Flask) -> None:
    """``/beheer/mail``, ``flask mail deliver``, the admin's /mijn section."""
    from portal.mail import cli, dashboard, views  # noqa: PLC0415  (the area, once the app exists)

    app.register_blueprint(views.bp)
    app.cli.add_command(cli.mail_group)
    plugs(app).add_section("mail-outbox", {"admin"}, 90, dashboard.outbox_summary)
