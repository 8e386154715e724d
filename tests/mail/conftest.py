"""Mail fixtures: test mail templates, a real SMTP server (aiosmtpd), queueing helpers."""

from __future__ import annotations

import asyncio
import socket
import threading
from email import message_from_bytes, policy
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from jinja2 import ChoiceLoader, FileSystemLoader

from portal.mail.outbox import queue_mail

TEMPLATES = Path(__file__).parent / "templates"


class CollectingHandler:
    """Keeps every envelope; ``reply`` can be set to refuse mail (e.g. "451 try later")."""

    def __init__(self):
        self.envelopes = []
        self.reply: str | None = None
        self.refused: set[str] = set()  # recipients answered with "550 no such user"
        self.delay = 0.0  # seconds per message: lets concurrent workers overlap
        self.lock = threading.Lock()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # noqa: N802
        if address in self.refused:
            return "550 5.1.1 No such user here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's name)
        if self.delay:
            await asyncio.sleep(self.delay)
        if self.reply:
            return self.reply
        with self.lock:
            self.envelopes.append(envelope)
        return "250 Message accepted for delivery"

    def messages(self):
        return [message_from_bytes(e.content, policy=policy.default) for e in self.envelopes]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class SmtpServer:
    """A real SMTP server on 127.0.0.1:<port> that the test starts and stops."""

    def __init__(self):
        self.port = free_port()
        self.handler = CollectingHandler()
        self.controller = None

    def start(self):
        self.controller = Controller(self.handler, hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def stop(self):
        if self.controller is not None:
            self.controller.stop()
            self.controller = None


@pytest.fixture
def smtp():
    """Not started: a test starts it (or leaves it down to simulate an outage)."""
    server = SmtpServer()
    yield server
    server.stop()


@pytest.fixture
def smtp_config(smtp):
    """Config for sending to the ``smtp`` fixture's server for real."""
    return {
        "MAIL_SERVER": "127.0.0.1",
        "MAIL_PORT": smtp.port,
        "MAIL_SUPPRESS_SEND": False,
        "MAIL_TIMEOUT_SECONDS": 5,
        "MAIL_MAX_ATTEMPTS": 3,
    }


@pytest.fixture
def app(app):
    """The shared app, with the test mail templates (email/mail_test.*) available."""
    app.jinja_env.loader = ChoiceLoader([app.jinja_env.loader, FileSystemLoader(str(TEMPLATES))])
    return app


@pytest.fixture
def queue(db):
    """Queue the test mail (Dutch subject/body) to ``to``; not committed."""

    def queue_one(to="docent@example.org", **kw):
        context = {"name": "Sanne", "title": "Zonnepanelen", "when": "dinsdag 1 december"}
        context.update(kw)
        return queue_mail(to, "mail_test", **context)

    return queue_one
