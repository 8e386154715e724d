"""HTTP details of the open data answers: CORS for reading from any origin, and conditional GET

Used by the API and the feeds (``after_request``): ``Access-Control-Allow-Origin: *`` on
GET, HEAD and OPTIONS only, and on every successful GET an ETag (a hash of the body) and
``make_conditional``, so ``If-None-Match`` or ``If-Modified-Since`` (with the
Last-Modified a view set) answers 304 without a body.
"""

from __future__ import annotations

from flask import request

CORS_METHODS = "GET, HEAD, OPTIONS"


def add_http_details(response):
    if request.method in ("GET", "HEAD", "OPTIONS"):
        response.headers["Access-Control-Allow-Origin"] = "*"
        response.headers["Access-Control-Allow-Methods"] = CORS_METHODS
        response.headers["Access-Control-Allow-Headers"] = "If-None-Match, If-Modified-Since"
        response.headers["Access-Control-Expose-Headers"] = "ETag, Last-Modified, Retry-After"
    if request.method in ("GET", "HEAD") and response.status_code == 200 and not response.direct_passthrough:
        response.headers.setdefault("Cache-Control", "public, max-age=60")
        if not response.get_etag()[0]:  # a view may set one that ignores a form's CSRF token
            response.add_etag()
        response.make_conditional(request)
    return response
