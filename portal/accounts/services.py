"""Account rules: registration, logging in, confirming, passwords, profile, deletion.

Services take plain arguments and never touch ``request`` or ``flash``; they raise
``AccountError`` (a ``DomainError`` with an English msgid and, where it is about one, the
form field) and leave the commit to the request (``portal.web``). Mail is queued into the
outbox in the same transaction.

Choosing an existing organisation (a teacher picks their school, a provider their company)
asks to join it: the membership stays pending, with no rights of the organisation, until
its admins or a coordinator approve (``portal/accounts/membership.py``).
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, or_, select
from sqlalchemy.exc import IntegrityError

from portal import permissions
from portal.accounts import mails, membership, sessions
from portal.accounts.membership import ORGANISATION_KIND
from portal.exceptions import DomainError
from portal.extensions import db
from portal.models import Municipality, Organisation, OutboxMail, Term, User, UserSession, utcnow
from portal.models.accounts import DEFAULT_NOTIFICATION_PREFS, find_user_by_email
from portal.plugs import plugs

MIN_PASSWORD_LENGTH = 10
BRIN_PATTERN = re.compile(r"^[0-9]{2}[A-Z]{2}([0-9]{2})?$")
# Stored data, not UI text: what colleagues see where a deleted person used to be named.
DELETED_NAME = "Verwijderd account"
# The notification settings the profile offers. The saved-search digest preference exists in
# the model but is offered only once saved searches exist (a later issue): a setting for a
# feature nobody can use only confuses.
PREF_FIELDS = ("booking_updates", "reminders", "moderation")
# The form field that names the chosen organisation, per role.
ORGANISATION_FIELD = {"teacher": "school_id", "provider": "company_id"}


class AccountError(DomainError):
    """An account rule refused the action (on form ``field``, when it names one)."""


@dataclass
class NewOrganisation:
    kind: str  # "school" | "company"
    name: str
    municipality_id: int
    sector: str | None = None
    brin: str | None = None
    website: str | None = None


def normalise_brin(brin: str | None) -> str | None:
    brin = (brin or "").replace(" ", "").upper()
    return brin or None


def valid_brin(brin: str | None) -> bool:
    return brin is None or bool(BRIN_PATTERN.match(brin))


# Registration ---------------------------------------------------------------------------
def register_user(
    *,
    role: str,
    name: str,
    email: str,
    password: str,
    phone: str | None = None,
    organisation_id: int | None = None,
    new_organisation: NewOrganisation | None = None,
) -> User | None:
    """Create an unconfirmed teacher or provider and queue the confirmation mail.

    An address that already has an account gets no account and no error, which would tell
    anyone which addresses have one: its owner gets a mail instead and this returns None, and
    the caller shows the same "check your mail" either way. Every other rule is checked
    first, so what the form says never depends on the address."""
    kind = ORGANISATION_KIND.get(role)
    if kind is None:
        raise AccountError(_l("Choose whether you are a teacher or a provider."), "role")
    check_password_rules(password)
    choice: Organisation | NewOrganisation
    if organisation_id is not None:
        choice = _chosen_organisation(organisation_id, role)
    else:
        choice = check_new_organisation(new_organisation, kind)
    owner = find_user_by_email(email)
    if owner is None:
        try:
            with db.session.begin_nested():
                return _new_user(role, name, email, password, phone, choice)
        except IntegrityError:  # the same address registered a moment ago: now it has an account
            owner = find_user_by_email(email)
    else:
        _spend_hash_time(password)  # as long as hashing the new account's password
    if owner is not None:
        mails.tell_owner_about_registration(owner)
    return None


def _chosen_organisation(organisation_id: int, role: str) -> Organisation:
    organisation = db.session.get(Organisation, organisation_id)
    if organisation is None or organisation.kind != ORGANISATION_KIND[role]:
        raise AccountError(_l("Choose an organisation from the list."), ORGANISATION_FIELD[role])
    return organisation


def _new_user(
    role: str, name: str, email: str, password: str, phone: str | None, choice: Organisation | NewOrganisation
) -> User:
    """The account, a member of the organisation it chose (pending) or founded (its admin)."""
    user = User(email=email, name=name.strip(), phone=(phone or "").strip() or None, role=role)
    user.set_password(password)
    db.session.add(user)
    if isinstance(choice, Organisation):
        membership.request_membership(user, choice)
    else:
        membership.start_as_founder(user, _add_organisation(choice, ORGANISATION_KIND[role]))
    db.session.flush()
    send_confirmation(user)
    return user


def check_new_organisation(data: NewOrganisation | None, kind: str) -> NewOrganisation:
    """``data`` when a new organisation of ``kind`` may be registered with it."""
    if data is None or data.kind != kind or not data.name.strip():
        raise AccountError(_l("Fill in the name of your organisation."), "new_name")
    if db.session.get(Municipality, data.municipality_id) is None:
        raise AccountError(_l("Choose a municipality."), "new_municipality")
    brin = normalise_brin(data.brin) if kind == "school" else None
    if not valid_brin(brin):
        raise AccountError(
            _l(
                "A BRIN code is 2 digits and 2 letters, like 12AB, optionally followed "
                "by 2 digits for the location."
            ),
            "new_brin",
        )
    if brin and db.session.scalar(select(Organisation.id).where(Organisation.brin == brin)):
        raise AccountError(
            _l("A school with this BRIN code is already registered: choose it from the list."), "new_brin"
        )
    if _same_name_exists(kind, data.name, data.municipality_id):
        raise AccountError(
            _l(
                "An organisation with this name already exists in this municipality: choose it from the list."
            ),
            "new_name",
        )
    return data


def _add_organisation(data: NewOrganisation, kind: str) -> Organisation:
    brin = normalise_brin(data.brin) if kind == "school" else None
    organisation = Organisation(
        kind=kind,
        name=data.name.strip(),
        municipality_id=data.municipality_id,
        brin=brin,
        sector=data.sector if kind == "school" else None,
        website=((data.website or "").strip() or None) if kind == "company" else None,
        verified=False,
    )
    db.session.add(organisation)
    return organisation


def _same_name_exists(kind: str, name: str, municipality_id: int) -> bool:
    return (
        db.session.scalar(
            select(Organisation.id).where(
                Organisation.kind == kind,
                Organisation.municipality_id == municipality_id,
                func.lower(Organisation.name) == name.strip().lower(),
            )
        )
        is not None
    )


def check_password_rules(password: str) -> None:
    if len(password or "") < MIN_PASSWORD_LENGTH:
        raise AccountError(_l("Use at least %(n)s characters.", n=MIN_PASSWORD_LENGTH), "password")


def organisations_by_municipality(kind: str) -> dict[str | None, list[tuple[int, str]]]:
    """Organisations of one kind per municipality name (None: without one), sorted by name:
    what the registration and "my organisation" forms offer to choose from."""
    rows = db.session.execute(
        select(Organisation.id, Organisation.name, Municipality.name)
        .outerjoin(Municipality, Organisation.municipality_id == Municipality.id)
        .where(Organisation.kind == kind)
        .order_by(Municipality.name, Organisation.name)
    ).all()
    groups: dict[str | None, list[tuple[int, str]]] = {}
    for org_id, name, municipality in rows:
        groups.setdefault(municipality, []).append((org_id, name))
    return groups


def municipalities() -> list[Municipality]:
    return list(db.session.scalars(select(Municipality).order_by(Municipality.name)))


# Confirmation -----------------------------------------------------------------------------
def send_confirmation(user: User) -> None:
    mails.send_confirmation(user)


def resend_confirmation(user: User) -> bool:
    """A new confirmation mail; False (and no mail) when the address is already confirmed."""
    if user.confirmed:
        return False
    send_confirmation(user)
    return True


def confirm_email(user: User) -> bool:
    """Mark the address confirmed; False when it already was."""
    if user.confirmed:
        return False
    user.confirmed_at = utcnow()
    return True


# Logging in -------------------------------------------------------------------------------
def _spend_hash_time(password: str) -> None:
    """Verify against a throwaway hash when the address is unknown, so the response time
    does not tell whether an account exists."""
    dummy = User(password_hash=_dummy_hash())
    dummy.check_password(password)


def _dummy_hash() -> str:
    global _DUMMY_HASH
    if _DUMMY_HASH is None:
        probe = User()
        probe.set_password(secrets.token_urlsafe(16))
        _DUMMY_HASH = probe.password_hash or ""
    return _DUMMY_HASH


_DUMMY_HASH: str | None = None


def authenticate(email: str, password: str) -> User:
    """The active user with this address and password; refused on the password field, with
    the same message whether or not the address has an account."""
    user = find_user_by_email(email)
    if user is None or user.deleted_at is not None:
        _spend_hash_time(password)
        raise AccountError(_l("Email address or password is incorrect."), "password")
    if not user.check_password(password):
        raise AccountError(_l("Email address or password is incorrect."), "password")
    if not user.active:
        raise AccountError(
            _l("This account has been deactivated. Contact the coordinator if you think this is a mistake."),
            "password",
        )
    user.last_login_at = utcnow()
    return user


# Passwords --------------------------------------------------------------------------------
def request_password_reset(email: str) -> None:
    """Queue the request; the mail worker sends a reset mail only when an active account has
    this address. Looking the account up here would make the request differ (in queries,
    rows and time) between addresses with and without an account."""
    mails.queue_password_reset(email)


def reset_password(user: User, password: str) -> None:
    """A new password from a reset link: the link and every login of the user end."""
    check_password_rules(password)
    _new_password(user, password)
    if not user.confirmed:
        user.confirmed_at = utcnow()  # the link reached this inbox: the address works


def change_password(user: User, current: str, new: str) -> None:
    """A new password: every login of the user ends (the caller logs this browser in again)."""
    if not user.check_password(current):
        raise AccountError(_l("Your current password is not correct."), "current_password")
    check_password_rules(new)
    _new_password(user, new)


def _new_password(user: User, password: str) -> None:
    user.set_password(password)  # a new hash and login token: old links and cookies die
    sessions.end_all(user)  # and the server ends every login


# Profile ----------------------------------------------------------------------------------
def relevant_prefs(user: User) -> tuple[str, ...]:
    """Which notification settings mean something for this role."""
    if permissions.is_staff(user):
        return ("moderation",)
    return ("booking_updates", "reminders")


def update_profile(
    user: User,
    *,
    name: str,
    phone: str | None,
    prefs: dict,
    classes: tuple[list[str], int | None] | None = None,
) -> None:
    """Name, phone and mail preferences; for a teacher also ``classes``: the audience codes
    they teach (unknown codes are dropped, the taxonomy's order kept) and the usual group size."""
    user.name = name.strip()
    user.phone = (phone or "").strip() or None
    if classes is not None:
        levels, group_size = classes
        known = teaching_level_choices()
        user.teaching_levels = [code for code, _label in known if code in set(levels or [])] or None
        user.usual_group_size = group_size or None
    merged = dict(DEFAULT_NOTIFICATION_PREFS)
    merged.update(user.notification_prefs or {})
    merged.update({k: v for k, v in prefs.items() if k in DEFAULT_NOTIFICATION_PREFS})
    user.notification_prefs = merged  # a new dict, so the JSON column is marked changed


def teaching_level_choices() -> list[tuple[str, str]]:
    """The audiences a teacher can choose as their own classes: (code, Dutch label)."""
    terms = db.session.scalars(
        select(Term)
        .where(Term.vocabulary == "audience", Term.active.is_(True))
        .order_by(Term.position, Term.id)
    )
    return [(t.code, t.label) for t in terms]


# Deletion (AVG) ---------------------------------------------------------------------------
def delete_account(user: User, password: str) -> None:
    """Anonymise the person; their organisation and everything other people need stays.

    The row is kept (not deleted) because bookings, offers and their history point at it:
    those records belong to the organisations too. Everything that identifies the person
    is removed, the account can never log in again and the outbox loses their mail."""
    if not user.check_password(password):
        raise AccountError(_l("Your password is not correct."), "password")
    if user.is_admin and _active_admin_count() <= 1:
        raise AccountError(
            _l("You are the only administrator. Make someone else administrator first."), "password"
        )
    for erase in plugs().erasers:
        erase(user)
    db.session.execute(
        db.delete(OutboxMail).where(or_(OutboxMail.user_id == user.id, OutboxMail.recipient == user.email))
    )
    db.session.execute(db.delete(UserSession).where(UserSession.user_id == user.id))
    _anonymise(user)


def _anonymise(user: User) -> None:
    user.email = f"verwijderd-{user.id}@deleted.invalid"
    user.name = DELETED_NAME
    user.phone = None
    user.password_hash = None
    user.login_token = secrets.token_urlsafe(24)
    user.calendar_token = None
    user.active = False
    user.confirmed_at = None
    user.last_login_at = None
    user.organisation = None
    user.membership_status = None
    user.is_org_admin = False
    user.region = None
    user.notification_prefs = {}
    user.teaching_levels = None
    user.usual_group_size = None
    user.deleted_at = utcnow()


def _active_admin_count() -> int:
    return (
        db.session.scalar(select(func.count(User.id)).where(User.role == "admin", User.active.is_(True))) or 0
    )
