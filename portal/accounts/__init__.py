"""Accounts: registration, login, profile and the AVG rights (blueprint ``auth``)."""

from __future__ import annotations

from flask import Flask

from portal.plugs import plugs


def init_app(app: Flask) -> None:
    """Login, registration, passwords, /mijn/profiel, memberships, ``flask users``, AVG."""
    # The area's modules load once the app exists (they import the models and each other).
    # views.py makes the ``auth`` blueprint; views_me/_password/_members add routes to it.
    from portal.accounts import (  # noqa: PLC0415, F401  (the area, once the app exists)
        cli,
        dashboard,
        export,
        loader,
        mails,
        views,
        views_me,
        views_members,
        views_password,
    )

    loader.init_app(app)
    mails.init_app(app)
    app.register_blueprint(views.bp)
    app.cli.add_command(cli.users_cli)
    plugs(app).add_section("membership", {"teacher", "provider"}, 1, dashboard.membership_status)
    plugs(app).exporters.extend(export.ACCOUNT_EXPORTERS)
