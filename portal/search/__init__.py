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
    # views.py makes the ``search`` blueprint; views_admin adds the /beheer synonym pages to it.
    from portal.search import (  # noqa: PLC0415, F401  (the area, once the app exists)
        cli,
        service,
        sync,
        views,
        views_admin,
    )

    service.init_app(app)
    sync.init_app(app)
    app.register_blueprint(views.bp)
    app.cli.add_command(cli.search_group)
