"""Saved searches: a person's /aanbod query and filters, mailed as a digest of new matches.

``query`` is the search as its canonical URL arguments (``portal.search.params.to_args``
without sort and page), so the search a person saved and the link that runs it again are
the same text, and identical searches compare equal (the alert job runs each distinct one
once). ``kind`` names the document type the search covers: ``offer`` today; providers'
searches will also cover teacher requests, a second kind with its own matcher.

``checked_until`` is the high-water mark: everything that went live up to that instant was
considered for this search. The alert job moves it in the transaction that writes the mail.
"""

from __future__ import annotations

from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import CheckConstraint, ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.extensions import Model
from portal.models.accounts import User
from portal.models.base import utcnow
from portal.models.statuses import LabelledStatus, StatusType

__all__ = ["AlertFrequency", "SavedSearch", "SEARCH_KINDS"]

SEARCH_KINDS = ("offer",)  # the document types a saved search can cover


class AlertFrequency(LabelledStatus):
    """How often a saved search mails its new matches (not a status: a person's choice)."""

    DAILY = "daily", _l("daily")
    WEEKLY = "weekly", _l("weekly")

    @property
    def days(self) -> int:
        return 7 if self is AlertFrequency.WEEKLY else 1


class SavedSearch(Model):
    __tablename__ = "saved_search"
    __table_args__ = (
        UniqueConstraint("user_id", "kind", "query", name="uq_saved_search_user_query"),
        CheckConstraint(AlertFrequency.check_sql("frequency"), name="frequency"),
        CheckConstraint("kind IN ('offer', 'request')", name="kind"),
        Index("ix_saved_search_due", "paused_at", "checked_until"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(80))
    kind: Mapped[str] = mapped_column(String(20), default="offer")
    query: Mapped[str] = mapped_column(String(1000), default="")
    frequency: Mapped[AlertFrequency] = mapped_column(
        StatusType(AlertFrequency, 10), default=AlertFrequency.WEEKLY
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # Mails stop while paused (by the person, or by the unsubscribe link in a mail).
    paused_at: Mapped[datetime | None]
    checked_until: Mapped[datetime] = mapped_column(default=utcnow)
    last_sent_at: Mapped[datetime | None]

    user: Mapped[User] = relationship()

    @property
    def paused(self) -> bool:
        return self.paused_at is not None

    def __repr__(self) -> str:
        return f"<SavedSearch {self.id} user={self.user_id} {self.query!r} {self.frequency}>"
