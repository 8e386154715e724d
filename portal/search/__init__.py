"""Search: the only package that imports Whoosh.

Public interface (see ``service``): ``search(params)``, ``similar_offers(offer)``,
``get_backend()`` with index/remove/query/suggest/similar/rebuild/fingerprints; consistency
in ``sync`` (queue, reindex, check); Dutch analysis in ``analysis``; the backend of the app
in ``engine``.
"""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    """The ``/aanbod`` page, ``flask search ...``, the index following committed data."""
    from portal.search import cli, service, sync, views  # noqa: PLC0415  (the area, once the app exists)

    service.init_app(app)
    sync.init_app(app)
    app.register_blueprint(views.bp)
    app.cli.add_command(cli.search_group)
