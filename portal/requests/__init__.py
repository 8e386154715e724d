"""Teacher requests ("vragen"): teachers ask for what is not offered, providers answer.

``services`` holds the request's life (post, review, close, expire), ``answers`` the
providers' answers and accepting one (a booking through the booking area), ``matching``
which providers a request concerns, ``notify`` who is told and when (at once, daily digest),
``queries`` the lists, ``cli`` what ``flask --app portal requests digest|expire`` do.
"""

from __future__ import annotations

from flask import Flask

from portal.plugs import plugs


def init_app(app: Flask) -> None:
    """Request pages, ``flask requests ...``, the /mijn sections and the AVG export and erasure."""
    from portal.requests import cli, dashboard, export, views  # noqa: PLC0415  (the area, once the app exists)

    app.register_blueprint(views.bp)
    app.cli.add_command(cli.requests_group)
    plugs(app).add_section("requests-teacher", {"teacher"}, 15, dashboard.teacher_section)
    plugs(app).add_section("requests-provider", {"provider"}, 15, dashboard.provider_section)
    plugs(app).add_section("requests-staff", {"coordinator", "admin"}, 15, dashboard.staff_section)
    plugs(app).exporters.append(export.export_requests)
    plugs(app).erasers.append(export.close_requests_of)
