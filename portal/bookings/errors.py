"""The booking area's refusals: a leaf module, so that every booking module (and the
capacity rule below the services) raises the same classes without importing each other.

``portal.web`` turns an uncaught one into a rollback, the Dutch message and a redirect.
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from portal.exceptions import DomainError


class BookingError(DomainError):
    """A booking rule refused the action; ``message`` is shown to the person as it is."""


class SlotFullError(BookingError):
    """The date has no places left for this group."""

    def __init__(self, message=None, field: str | None = None):
        super().__init__(
            message or _l("Sorry, this date is full. Join the waiting list to hear when a place comes free."),
            field,
        )
