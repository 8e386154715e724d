"""The offers area's refusals (a leaf module: the lifecycle, slots, files and edits all raise
them, and importing them pulls in nothing else of the area)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from portal.exceptions import DomainError


class OfferError(DomainError):
    """A refused change to an offer; ``message`` is a lazily translated text, ``field`` the
    form field it is about (if any)."""


class OfferChanged(OfferError):
    """Someone changed the offer after this request (or the page it came from) read it."""

    def __init__(self, message=None):
        super().__init__(message or _l("This offer was changed in the meantime. Check it and try again."))
