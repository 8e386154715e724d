"""Organisations (schools and providers) and the people who use the portal."""
from __future__ import annotations

import secrets
from datetime import datetime

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from flask_login import UserMixin
from sqlalchemy import JSON, Boolean, CheckConstraint, ForeignKey, String, Text, func
from sqlalchemy.orm import Mapped, mapped_column, relationship, validates

from portal.extensions import db
from portal.models.base import utcnow
from portal.models.geo import Municipality, Region

ORGANISATION_KINDS = ("school", "company")
SCHOOL_SECTORS = ("po", "vo")
ROLES = ("teacher", "provider", "coordinator", "admin")

# argon2id with argon2-cffi's RFC 9106 "low memory" profile: above OWASP's floor.
_hasher = PasswordHasher()

DEFAULT_NOTIFICATION_PREFS = {
    "booking_updates": True,  # requests, confirmations, cancellations (the other side acts)
    "reminders": True,  # before the date and the feedback request after it
    "saved_search_digest": "weekly",  # "daily" | "weekly" | "never"
    "moderation": "each",  # coordinators: "each" submission or a "daily" digest
}


def normalise_email(email: str) -> str:
    return (email or "").strip().lower()


class Organisation(db.Model):
    """A school (kind ``school``, sector po/vo) or a provider (kind ``company``)."""

    __table_args__ = (
        CheckConstraint("kind IN ('school', 'company')", name="kind"),
        CheckConstraint("sector IS NULL OR sector IN ('po', 'vo')", name="sector"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(20), index=True)
    name: Mapped[str] = mapped_column(String(200), index=True)
    sector: Mapped[str | None] = mapped_column(String(2))
    brin: Mapped[str | None] = mapped_column(String(6), unique=True)
    municipality_id: Mapped[int | None] = mapped_column(ForeignKey("municipality.id"), index=True)
    address: Mapped[str | None] = mapped_column(String(200))
    postcode: Mapped[str | None] = mapped_column(String(10))
    website: Mapped[str | None] = mapped_column(String(200))
    email: Mapped[str | None] = mapped_column(String(200))
    phone: Mapped[str | None] = mapped_column(String(40))
    description: Mapped[str | None] = mapped_column(Text)
    verified: Mapped[bool] = mapped_column(Boolean, default=False)
    verified_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    municipality: Mapped[Municipality | None] = relationship()
    members: Mapped[list[User]] = relationship(back_populates="organisation")

    @property
    def is_school(self) -> bool:
        return self.kind == "school"

    @property
    def is_provider(self) -> bool:
        return self.kind == "company"

    @property
    def region_id(self) -> int | None:
        return self.municipality.region_id if self.municipality else None

    def __str__(self) -> str:
        return self.name


class User(UserMixin, db.Model):
    __table_args__ = (
        CheckConstraint("role IN ('teacher', 'provider', 'coordinator', 'admin')", name="role"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    # Stored lower-cased (see the validator), so the unique index is case-insensitive.
    email: Mapped[str] = mapped_column(String(254), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    phone: Mapped[str | None] = mapped_column(String(40))
    role: Mapped[str] = mapped_column(String(20), index=True)
    organisation_id: Mapped[int | None] = mapped_column(ForeignKey("organisation.id"), index=True)
    region_id: Mapped[int | None] = mapped_column(ForeignKey("region.id"))  # coordinator scope
    password_hash: Mapped[str | None] = mapped_column(String(255))
    # Rotated on password change and logout-everywhere: old sessions and remember cookies die.
    login_token: Mapped[str] = mapped_column(String(64), default=lambda: secrets.token_urlsafe(24))
    confirmed_at: Mapped[datetime | None]
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_login_at: Mapped[datetime | None]
    # Set when the person deleted their account (AVG): the row stays, anonymised, so bookings
    # and offers of the organisation keep their history (see portal/accounts/services.py).
    deleted_at: Mapped[datetime | None]
    notification_prefs: Mapped[dict] = mapped_column(
        JSON, default=lambda: dict(DEFAULT_NOTIFICATION_PREFS)
    )
    # Secret for the private calendar feed (bookings); None until the user asks for one.
    calendar_token: Mapped[str | None] = mapped_column(String(64), unique=True)

    organisation: Mapped[Organisation | None] = relationship(back_populates="members")
    region: Mapped[Region | None] = relationship()

    @validates("email")
    def _normalise_email(self, key, value):
        return normalise_email(value)

    # Flask-Login ------------------------------------------------------------------------
    def get_id(self) -> str:
        return f"{self.id}:{self.login_token}"

    @property
    def is_active(self) -> bool:  # Flask-Login refuses inactive users
        return self.active

    # Passwords --------------------------------------------------------------------------
    def set_password(self, password: str) -> None:
        self.password_hash = _hasher.hash(password)
        self.login_token = secrets.token_urlsafe(24)

    def check_password(self, password: str) -> bool:
        if not self.password_hash:
            return False
        try:
            return _hasher.verify(self.password_hash, password)
        except (VerificationError, InvalidHashError):
            return False

    # Roles ------------------------------------------------------------------------------
    @property
    def confirmed(self) -> bool:
        return self.confirmed_at is not None

    @property
    def is_teacher(self) -> bool:
        return self.role == "teacher"

    @property
    def is_provider(self) -> bool:
        return self.role == "provider"

    @property
    def is_coordinator(self) -> bool:
        return self.role == "coordinator"

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"

    def pref(self, key: str):
        prefs = self.notification_prefs or {}
        return prefs.get(key, DEFAULT_NOTIFICATION_PREFS.get(key))

    def __repr__(self) -> str:
        return f"<User {self.id} {self.role}>"


def find_user_by_email(email: str) -> User | None:
    return db.session.scalar(db.select(User).where(func.lower(User.email) == normalise_email(email)))
