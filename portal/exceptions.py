"""The one base class of the rules' refusals.

A service raises a ``DomainError`` (each area has its own subclass) with a lazily translated
English msgid and, when the refusal is about one form field, that field's name. Views never
catch them one by one: ``portal.web`` turns any of them into a rollback and a Dutch message
(on the form field, or flashed) in one place. A leaf module: it imports nothing of the portal.
"""

from __future__ import annotations


class DomainError(Exception):
    """A rule refused the action; ``message`` is shown to the person as it is."""

    def __init__(self, message, field: str | None = None):
        super().__init__(str(message))
        self.message = message
        self.field = field
