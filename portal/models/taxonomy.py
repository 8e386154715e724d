"""The taxonomy: audiences, vmbo profiles and themes, as editable data."""

from __future__ import annotations

from sqlalchemy import Boolean, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from portal.extensions import Model

# vocabulary code -> what it classifies
VOCABULARIES = ("audience", "profile", "theme")


class Term(Model):
    """One term of a vocabulary, e.g. audience ``vmbo-bb`` "vmbo BB"."""

    __table_args__ = (UniqueConstraint("vocabulary", "code", name="vocabulary_code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    vocabulary: Mapped[str] = mapped_column(String(20), index=True)
    code: Mapped[str] = mapped_column(String(60))
    label: Mapped[str] = mapped_column(String(120))  # Dutch label shown in the UI
    # Audiences: "po" | "vo" | "mbo"; profiles: "technical" | "other"; themes: unused.
    group: Mapped[str | None] = mapped_column(String(20))
    position: Mapped[int] = mapped_column(Integer, default=0)
    active: Mapped[bool] = mapped_column(Boolean, default=True)

    def __str__(self) -> str:
        return self.label

    def __repr__(self) -> str:
        return f"<Term {self.vocabulary}:{self.code}>"
