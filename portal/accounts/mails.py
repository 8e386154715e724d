"""The account mails: confirm your address, reset your password, and "someone tried to
register with your address".

They carry a personal link or tell something about an account, so the mail worker empties
their text once sent and the admin page masks their links (``portal/mail/personal.py``).
The reset mail is composed by the worker from the address alone: the request for it does
the same thing whether or not the address has an account.
"""

from __future__ import annotations

from flask import Flask

from portal.accounts import tokens
from portal.mail import personal
from portal.mail.outbox import compose_mail, queue_mail
from portal.models import OutboxMail, User, utcnow
from portal.models.accounts import find_user_by_email, normalise_email
from portal.urls import absolute_url

CONFIRM = "auth_confirm"
RESET = "auth_reset"
REGISTER_ATTEMPT = "auth_register_attempt"


def init_app(app: Flask) -> None:
    """The account mails are personal; the worker writes the reset mail."""
    personal.empty_after_sending(app, CONFIRM, RESET, REGISTER_ATTEMPT)
    personal.add_composer(app, RESET, compose_reset)


def send_confirmation(user: User) -> None:
    link = absolute_url("auth.confirm_email", token=tokens.make_confirm_token(user))
    queue_mail(user, CONFIRM, user=user, link=link)


def tell_owner_about_registration(owner: User) -> None:
    """Someone registered with an address that has an account: its owner hears of it (at
    most once a day), with the way back in should it have been them."""
    if not owner.active or owner.deleted_at is not None:
        return
    queue_mail(
        owner,
        REGISTER_ATTEMPT,
        dedupe_key=f"register-attempt:{owner.id}:{utcnow():%Y-%m-%d}",
        user=owner,
        login_link=absolute_url("auth.login"),
        reset_link=absolute_url("auth.forgot_password"),
    )


def queue_password_reset(address: str) -> None:
    """One outbox row with the address, whatever the address: the worker does the rest."""
    personal.queue_for_address(RESET, normalise_email(address))


def compose_reset(address: str) -> OutboxMail | None:
    """In the mail worker: the reset mail for an active account, or None (dropped)."""
    user = find_user_by_email(address)
    if user is None or not user.active or user.deleted_at is not None:
        return None
    link = absolute_url("auth.reset_password", token=tokens.make_reset_token(user))
    return compose_mail(user, RESET, user=user, link=link)
