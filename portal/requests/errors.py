"""The request area's refusals (a leaf module): ``portal.web`` turns one into a Dutch message."""

from __future__ import annotations

from portal.exceptions import DomainError


class RequestError(DomainError):
    """A request rule refused the action; ``message`` is shown to the person as it is."""
