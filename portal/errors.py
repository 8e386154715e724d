"""Dutch error pages; a 500 rolls the session back so nothing half-done is committed."""

from __future__ import annotations

from flask import Flask, render_template, request
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import SecurityError

from portal.extensions import db

JSON_MESSAGES = {
    400: "Het verzoek klopt niet.",
    403: "Dit mag niet.",
    404: "Niet gevonden.",
    405: "Alleen lezen (GET).",
    413: "Het verzoek is te groot.",
    429: "Te veel verzoeken: wacht even en probeer het opnieuw.",
    500: "Er ging iets mis aan onze kant.",
}


def _wants_json() -> bool:
    return request.path.startswith("/api/")


def init_app(app: Flask) -> None:
    def page(code: int, template: str):
        def handler(error):
            if code >= 500:
                db.session.rollback()
            if _wants_json():  # the shape of portal.api's errors: a code, Dutch and English
                english = getattr(error, "description", "") or ""
                name = getattr(error, "name", "error").lower().replace(" ", "_")
                return {
                    "error": name,
                    "message": JSON_MESSAGES.get(code, english),
                    "message_en": english,
                }, code
            return render_template(template, error=error), code

        return handler

    for code in (400, 403, 404, 405, 413, 429):
        app.register_error_handler(code, page(code, f"errors/{code}.html"))
    app.register_error_handler(500, page(500, "errors/500.html"))
    app.register_error_handler(CSRFError, page(400, "errors/csrf.html"))
    # An untrusted Host header: no URLs can be built for it, so no template either.
    app.register_error_handler(
        SecurityError, lambda error: ("400 Bad Request: unknown host", 400, {"Content-Type": "text/plain"})
    )
