"""Organisations (schools and providers) and the people who use the portal."""

from __future__ import annotations

import secrets
from datetime import datetime

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from flask_login import UserMixin
from sqlalchemy import JSON, Boolean, CheckConstraint, ForeignKey, Integer, String, Text, false, func
from sqlalchemy.orm import Mapped, mapped_column, relationship, validates

from portal.extensions import Model, db
from portal.models.base import utcnow
from portal.models.geo import Municipality, Region
from portal.models.statuses import MembershipStatus, StatusType

ORGANISATION_KINDS = ("school", "company")
SCHOOL_SECTORS = ("po", "vo")
ROLES = ("teacher", "provider", "coordinator", "admin")
# A membership is granted, not taken: choosing an existing organisation makes it "pending"
# until an organisation admin (or, for an organisation without one, a coordinator) approves.
MEMBERSHIP_STATUSES = MembershipStatus.values()

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


class Organisation(Model):
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
    def has_admin(self) -> bool:
        """An approved, active member holds the organisation-admin right."""
        return any(
            m.is_org_admin and m.membership_status == MembershipStatus.APPROVED and m.active and m.confirmed
            for m in self.members
        )

    @property
    def region_id(self) -> int | None:
        return self.municipality.region_id if self.municipality else None

    def __str__(self) -> str:
        return self.name


class User(UserMixin, Model):
    __table_args__ = (
        CheckConstraint("role IN ('teacher', 'provider', 'coordinator', 'admin')", name="role"),
        CheckConstraint(
            "membership_status IS NULL OR " + MembershipStatus.check_sql("membership_status"),
            name="membership_status",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    # Stored lower-cased (see the validator), so the unique index is case-insensitive.
    email: Mapped[str] = mapped_column(String(254), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    phone: Mapped[str | None] = mapped_column(String(40))
    role: Mapped[str] = mapped_column(String(20), index=True)
    organisation_id: Mapped[int | None] = mapped_column(ForeignKey("organisation.id"), index=True)
    # None without an organisation; "pending" until approved; only "approved" gives rights.
    membership_status: Mapped[MembershipStatus | None] = mapped_column(
        StatusType(MembershipStatus, 10), index=True
    )
    # May approve members, remove them and pass the right on (more than one admin is allowed).
    is_org_admin: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    membership_requested_at: Mapped[datetime | None]
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
    notification_prefs: Mapped[dict] = mapped_column(JSON, default=lambda: dict(DEFAULT_NOTIFICATION_PREFS))
    # Secret for the private calendar feed (bookings); None until the user asks for one.
    calendar_token: Mapped[str | None] = mapped_column(String(64), unique=True)
    # A teacher's own classes: audience term codes (e.g. ["vmbo-bb", "vmbo-kb"]) and the
    # usual group size; they pre-fill search filters and the booking form (removable).
    teaching_levels: Mapped[list | None] = mapped_column(JSON)
    usual_group_size: Mapped[int | None] = mapped_column(Integer)

    organisation: Mapped[Organisation | None] = relationship(back_populates="members")
    region: Mapped[Region | None] = relationship()

    @validates("email")
    def _normalise_email(self, key, value):
        return normalise_email(value)

    # Flask-Login ------------------------------------------------------------------------
    @property
    def session_key(self) -> str | None:
        """The login (a UserSession key) this object stands for in the current request: set
        when someone logs in and by the user loader; never stored on the user row."""
        return getattr(self, "_session_key", None)

    @session_key.setter
    def session_key(self, key: str | None) -> None:
        self._session_key = key

    def get_id(self) -> str:
        """Flask-Login's id ``<id>:<login_token>:<session key>`` (portal/accounts/sessions.py).
        Flask-Login asks for it when it logs someone in, after ``sessions.start`` gave this
        object its session key (``loader.log_in``). Without a key the id loads nobody: every
        login is one the server can end."""
        return f"{self.id}:{self.login_token}:{self.session_key or ''}"

    def __eq__(self, other):
        """The same row. (UserMixin compares ``get_id()``, which would start a login session
        for every user object compared.)"""
        if isinstance(other, User):
            return self is other or (self.id is not None and self.id == other.id)
        return NotImplemented

    __hash__ = object.__hash__

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
    def is_approved_member(self) -> bool:
        return self.organisation_id is not None and self.membership_status == MembershipStatus.APPROVED

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


class UserSession(Model):
    """One logged-in browser: logging out revokes exactly this row, so the old session cookie
    and remember cookie stop working on the server, not only in the browser.

    There is no "last seen" time: keeping one would write on every request (GET never
    writes). The rules live in ``portal/accounts/sessions.py``."""

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    key: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    revoked_at: Mapped[datetime | None]
    user_agent: Mapped[str | None] = mapped_column(String(200))

    user: Mapped[User] = relationship()

    @classmethod
    def begin(cls, user: User, user_agent: str | None = None) -> str:
        """Add a session row for ``user`` to the request's transaction; return its key."""
        key = secrets.token_urlsafe(32)
        db.session.add(cls(user=user, key=key, user_agent=(user_agent or "")[:200] or None))
        return key
