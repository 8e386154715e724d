"""How a request ends, in one place (in the spirit of Indico's ``RH.process``).

- **One commit per successful request**: views never commit. After a view answered a
  request that may write (POST and friends) with a success or a redirect, ``_commit`` commits
  the session once; a GET, and a request answered with an error, never commit.
- **One path for a refused rule**: a service raises a ``DomainError``. Not caught, it reaches
  ``_refused``: rollback, the Dutch message flashed, and a redirect back to the page the
  person came from (or where the error or the view says). Inside ``refused_on(form)``, a
  refusal that names one of the form's fields becomes that field's error instead, so the
  form is shown again with everything that was typed.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from urllib.parse import urlsplit

from flask import Flask, Response, flash, g, redirect, request, url_for

from portal.exceptions import DomainError
from portal.extensions import db

WRITING_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})


def init_app(app: Flask) -> None:
    app.register_error_handler(DomainError, _refused)
    app.after_request(_commit)


def _commit(response: Response) -> Response:
    """Commit what a successful writing request did. Anything else is never committed: the
    session ends with the request's app context, which rolls back what it holds."""
    if request.method in WRITING_METHODS and response.status_code < 400:
        db.session.commit()
    return response


def _refused(error: DomainError):
    db.session.rollback()
    flash(str(error.message), "danger")
    return redirect(getattr(error, "redirect_to", None) or g.get("refusal_url") or _back(), 303)


def on_refusal(url: str) -> None:
    """Where a refusal in this request sends the person (default: the page they came from)."""
    g.refusal_url = url


@contextmanager
def refused_on(form) -> Iterator[None]:
    """A refusal naming a field of ``form`` becomes that field's error (after a rollback);
    the view then falls through to render the form again. Other refusals go on to
    ``_refused``."""
    try:
        yield
    except DomainError as error:
        if not error.field or error.field not in form:
            raise
        db.session.rollback()
        form[error.field].errors = [*form[error.field].errors, str(error.message)]


def _back() -> str:
    """The page the request came from, when it is one of ours; else the home page."""
    referrer = request.referrer or ""
    parts = urlsplit(referrer)
    if referrer and parts.netloc == request.host and parts.scheme in ("http", "https"):
        return parts.path + (f"?{parts.query}" if parts.query else "")
    return url_for("main.home")
