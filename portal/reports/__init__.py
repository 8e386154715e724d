"""Reports: figures and white spots for coordinators (their region) and admins (every region),
with CSV and .xlsx exports.

Pages ``/beheer/rapportages`` and ``/beheer/witte-vlekken``; the figures are plain queries
(``figures``, ``coverage``), the pages and files get them as tables (``services``,
``exports``).
"""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    """The report pages and their exports."""
    from portal.reports import views  # noqa: PLC0415  (the area, once the app exists)

    app.register_blueprint(views.bp)
