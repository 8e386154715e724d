"""Absolute links, for mail, calendars and feeds: the one helper that builds a URL outside
a request (a CLI job, the mail worker) from ``SITE_URL``, with no fake request context."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import current_app, has_request_context, url_for


def absolute_url(endpoint: str, **values) -> str:
    """``url_for(endpoint, _external=True)`` that also works outside a request."""
    if has_request_context():
        return url_for(endpoint, _external=True, **values)
    site = urlsplit(current_app.config["SITE_URL"])
    adapter = current_app.url_map.bind(
        site.netloc, url_scheme=site.scheme or "https", script_name=site.path or "/"
    )
    return adapter.build(endpoint, values, force_external=True)
