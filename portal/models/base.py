"""Small shared pieces for models."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo


def utcnow() -> datetime:
    """Naive UTC now: the same value on SQLite and PostgreSQL."""
    return datetime.now(UTC).replace(tzinfo=None)


def local_now() -> datetime:
    """Now as naive Europe/Amsterdam wall-clock time, comparable with slot and booking times."""
    return datetime.now(ZoneInfo("Europe/Amsterdam")).replace(tzinfo=None)


class TaggedMixin:
    """Rows tagged with the taxonomy (offers, kennisbank articles): their terms by vocabulary.
    The class maps ``terms`` (a list of ``Term``) itself."""

    terms: list

    def terms_of(self, vocabulary: str) -> list:
        return [t for t in self.terms if t.vocabulary == vocabulary]

    @property
    def audiences(self) -> list:
        return self.terms_of("audience")

    @property
    def profiles(self) -> list:
        return self.terms_of("profile")

    @property
    def themes(self) -> list:
        return self.terms_of("theme")
