"""Offers (guest lessons, company visits, materials, ...) with slots, files and history."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Column,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.extensions import Model, db
from portal.models.accounts import Organisation, User
from portal.models.base import TaggedMixin, utcnow
from portal.models.geo import Municipality
from portal.models.statuses import OfferStatus, StatusType
from portal.models.taxonomy import Term

OFFER_KINDS = ("guest_lesson", "company_visit", "material", "guest_teacher", "facility")
# A draft or a rejected offer is the provider's to (re)submit for review.
SUBMITTABLE = (OfferStatus.DRAFT, OfferStatus.REJECTED)
LOCATION_MODES = ("onsite", "online", "hybrid")
BOOKING_MODES = ("request", "slots", "download")
CAPACITY_UNITS = ("pupils", "groups")

offer_term = Table(
    "offer_term",
    db.metadata,
    Column("offer_id", ForeignKey("offer.id", ondelete="CASCADE"), primary_key=True),
    Column("term_id", ForeignKey("term.id"), primary_key=True),
)


class Offer(TaggedMixin, Model):
    __table_args__ = (
        CheckConstraint(
            "kind IN ('guest_lesson', 'company_visit', 'material', 'guest_teacher', 'facility')",
            name="kind",
        ),
        CheckConstraint(OfferStatus.check_sql(), name="status"),
        CheckConstraint("group_min IS NULL OR group_min >= 1", name="group_min"),
        CheckConstraint(
            "group_max IS NULL OR group_min IS NULL OR group_max >= group_min", name="group_range"
        ),
        # the home page's newest and featured offers: read in order, not sorted per request
        Index("ix_offer_status_published_at", "status", "published_at", "id"),
        Index("ix_offer_featured_status_published_at", "featured", "status", "published_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id"), index=True)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    kind: Mapped[str] = mapped_column(String(20), index=True)
    status: Mapped[OfferStatus] = mapped_column(
        StatusType(OfferStatus, 12), default=OfferStatus.DRAFT, index=True
    )
    title: Mapped[str] = mapped_column(String(160))
    slug: Mapped[str] = mapped_column(String(180))
    summary: Mapped[str] = mapped_column(String(400), default="")
    description: Mapped[str] = mapped_column(Text, default="")  # Markdown, sanitised on render
    municipality_id: Mapped[int | None] = mapped_column(ForeignKey("municipality.id"), index=True)
    location_mode: Mapped[str] = mapped_column(String(10), default="onsite")
    address: Mapped[str | None] = mapped_column(String(250))
    duration_minutes: Mapped[int | None] = mapped_column(Integer)
    group_min: Mapped[int | None] = mapped_column(Integer)
    group_max: Mapped[int | None] = mapped_column(Integer)
    price_cents: Mapped[int | None] = mapped_column(Integer)  # None or 0: free
    price_note: Mapped[str | None] = mapped_column(String(200))
    contact_name: Mapped[str | None] = mapped_column(String(120))
    contact_email: Mapped[str | None] = mapped_column(String(254))
    contact_phone: Mapped[str | None] = mapped_column(String(40))
    vog_available: Mapped[bool] = mapped_column(Boolean, default=False)
    booking_mode: Mapped[str] = mapped_column(String(10), default="request")
    capacity_unit: Mapped[str] = mapped_column(String(10), default="pupils")
    auto_confirm: Mapped[bool] = mapped_column(Boolean, default=False)
    featured: Mapped[bool] = mapped_column(Boolean, default=False, index=True)
    # A published offer of an unverified provider was edited: the edit waits for review in
    # the newest unapproved OfferRevision while this row keeps the approved (public) version.
    edit_pending: Mapped[bool] = mapped_column(Boolean, default=False, index=True)
    # Bumped by every change a reviewer would see (text, terms, files) and every lifecycle
    # step, in one conditional UPDATE (portal.offers.lifecycle.claim): a moderation decision
    # names the version it was made on and applies only while it is still current.
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    rejection_reason: Mapped[str | None] = mapped_column(Text)
    external_id: Mapped[str | None] = mapped_column(String(120), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    published_at: Mapped[datetime | None] = mapped_column(index=True)
    submitted_at: Mapped[datetime | None]
    archived_at: Mapped[datetime | None]
    # Offers without slots (materials, request mode) may end on a date.
    available_until: Mapped[date | None]
    # What the teacher or the class prepares (sent with the confirmation).
    preparation: Mapped[str | None] = mapped_column(Text)
    # A guest lesson (or guest teacher) comes to schools within this many kilometres of its
    # municipality (centre to centre); None: the default of ``portal.offers.coverage``.
    serves_within_km: Mapped[int | None] = mapped_column(Integer)

    organisation: Mapped[Organisation] = relationship()
    created_by: Mapped[User | None] = relationship()
    municipality: Mapped[Municipality | None] = relationship()
    terms: Mapped[list[Term]] = relationship(secondary=offer_term, order_by="Term.position")
    slots: Mapped[list[Slot]] = relationship(
        back_populates="offer", cascade="all, delete-orphan", order_by="Slot.starts_at"
    )
    attachments: Mapped[list[Attachment]] = relationship(
        back_populates="offer", cascade="all, delete-orphan", order_by="Attachment.position"
    )
    status_changes: Mapped[list[OfferStatusChange]] = relationship(
        back_populates="offer", cascade="all, delete-orphan", order_by="OfferStatusChange.id"
    )

    @property
    def is_free(self) -> bool:
        return not self.price_cents

    @property
    def is_online(self) -> bool:
        return self.location_mode in ("online", "hybrid")

    @property
    def is_published(self) -> bool:
        return self.status == OfferStatus.PUBLISHED

    @property
    def is_archived(self) -> bool:
        return self.status == OfferStatus.ARCHIVED

    @property
    def is_submittable(self) -> bool:
        """A draft or a rejected offer: the provider may submit it for review."""
        return self.status in SUBMITTABLE

    @property
    def changes_need_review(self) -> bool:
        """Changes to this offer wait for a coordinator before the public sees them: it is
        published, by an organisation that is not verified."""
        return self.is_published and not self.organisation.verified

    def __repr__(self) -> str:
        return f"<Offer {self.id} {self.status} {self.title!r}>"


class Slot(Model):
    """A fixed date of a slot-mode offer. ``booked`` never exceeds ``capacity``."""

    __table_args__ = (
        CheckConstraint("capacity >= 0", name="capacity_positive"),
        CheckConstraint("booked >= 0 AND booked <= capacity", name="not_overbooked"),
        CheckConstraint("ends_at > starts_at", name="ends_after_start"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    offer_id: Mapped[int] = mapped_column(ForeignKey("offer.id", ondelete="CASCADE"), index=True)
    starts_at: Mapped[datetime] = mapped_column(index=True)  # Europe/Amsterdam wall clock
    ends_at: Mapped[datetime]
    capacity: Mapped[int] = mapped_column(Integer)
    booked: Mapped[int] = mapped_column(Integer, default=0)
    note: Mapped[str | None] = mapped_column(String(200))

    offer: Mapped[Offer] = relationship(back_populates="slots")

    @property
    def remaining(self) -> int:
        return max(self.capacity - self.booked, 0)

    @property
    def is_full(self) -> bool:
        return self.remaining == 0


class Attachment(Model):
    """An uploaded image or document; ``stored_name`` is random, never the user's name."""

    id: Mapped[int] = mapped_column(primary_key=True)
    offer_id: Mapped[int] = mapped_column(ForeignKey("offer.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(10))  # "image" | "document"
    stored_name: Mapped[str] = mapped_column(String(80), unique=True)
    thumbnail_name: Mapped[str | None] = mapped_column(String(80))
    original_name: Mapped[str] = mapped_column(String(200))
    content_type: Mapped[str] = mapped_column(String(120))
    size_bytes: Mapped[int] = mapped_column(Integer)
    alt_text: Mapped[str | None] = mapped_column(String(200))
    position: Mapped[int] = mapped_column(Integer, default=0)
    # Added by an unverified provider to a published offer: hidden from the public until a
    # coordinator approves it with the offer's pending changes.
    awaiting_review: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    offer: Mapped[Offer] = relationship(back_populates="attachments")


class OfferStatusChange(Model):
    """Who moved an offer from one status to another, when and why."""

    id: Mapped[int] = mapped_column(primary_key=True)
    offer_id: Mapped[int] = mapped_column(ForeignKey("offer.id", ondelete="CASCADE"), index=True)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    from_status: Mapped[str | None] = mapped_column(String(12))
    to_status: Mapped[str] = mapped_column(String(12))
    # What happened: submit, publish, approve, reject, unpublish, archive, restore,
    # edit_submitted, edit_approved, edit_rejected, expire (see portal/offers/lifecycle.py),
    # dates_added (portal/offers/slots.py: dates need no review, but the history shows them).
    event: Mapped[str | None] = mapped_column(String(20))
    reason: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    offer: Mapped[Offer] = relationship(back_populates="status_changes")
    actor: Mapped[User | None] = relationship()


class OfferRevision(Model):
    """A snapshot of an offer's public fields.

    ``approved`` revisions are what the public sees while a later edit of an unverified
    provider waits for review; the moderation diff compares the pending edit with the
    latest approved revision.
    """

    __table_args__ = (UniqueConstraint("offer_id", "number", name="offer_number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    offer_id: Mapped[int] = mapped_column(ForeignKey("offer.id", ondelete="CASCADE"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    data: Mapped[dict] = mapped_column(JSON)
    approved: Mapped[bool] = mapped_column(Boolean, default=False)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class SavedOffer(Model):
    """An offer on a user's short list ("bewaard"), to compare and come back to."""

    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), primary_key=True)
    offer_id: Mapped[int] = mapped_column(ForeignKey("offer.id", ondelete="CASCADE"), primary_key=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    offer: Mapped[Offer] = relationship()
