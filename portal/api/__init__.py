"""Open data: the read-only JSON API at /api/v1 and the public feeds /aanbod.ics and /aanbod.atom

No login and never personal data: offers as the public offer page shows them (without its
contact person), the taxonomy, municipalities and regions, and figures per municipality and
school year with small cells suppressed. Every answer is JSON (errors too), carries an ETag
and Last-Modified, may be read from any origin (CORS for GET/HEAD/OPTIONS) and is rate
limited per address (``RATELIMIT_API``, shared by the API and the feeds). The OpenAPI
document is generated from the code (``portal.api.spec``).
"""

from __future__ import annotations

from flask import Flask
from flask_limiter.util import get_remote_address

from portal.extensions import limiter


def init_app(app: Flask) -> None:
    from portal.api import views, views_feeds  # noqa: PLC0415  (the area, once the app exists)

    for blueprint in (views.bp, views_feeds.bp):
        limiter.shared_limit(views.api_limit, scope="api", key_func=get_remote_address)(blueprint)
        app.register_blueprint(blueprint)
