"""A real SMTP server for browser journeys: aiosmtpd on 127.0.0.1, a free port.

The portal's mail worker delivers to it over SMTP, exactly as in production; the test
reads the parsed messages back (``wait_for``) and follows the links in them (``links``).
"""

from __future__ import annotations

import email
import email.policy
import re
import socket
import threading
import time
from collections.abc import Callable
from email.message import EmailMessage

from aiosmtpd.controller import Controller

URL_PATTERN = re.compile(r"https?://[^\s<>\"')\]]+")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class _Collector:
    def __init__(self, sink: SmtpSink) -> None:
        self.sink = sink

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's name)
        message = email.message_from_bytes(
            envelope.original_content or envelope.content, policy=email.policy.default
        )
        self.sink._add(message, list(envelope.rcpt_tos))
        return "250 Message accepted for delivery"


class SmtpSink:
    """Collects every message it receives as an ``email.message.EmailMessage``."""

    def __init__(self) -> None:
        self.host = "127.0.0.1"
        self.port = free_port()
        self.messages: list[EmailMessage] = []
        self._lock = threading.Lock()
        # Called while waiting, so queued outbox rows get delivered (set by live_server).
        self.pump: Callable[[], object] | None = None
        self._controller = Controller(_Collector(self), hostname=self.host, port=self.port)

    def start(self) -> SmtpSink:
        self._controller.start()
        return self

    def stop(self) -> None:
        self._controller.stop()

    def _add(self, message: EmailMessage, recipients: list[str]) -> None:
        message["X-Envelope-To"] = ", ".join(recipients)
        with self._lock:
            self.messages.append(message)

    def clear(self) -> None:
        with self._lock:
            self.messages.clear()

    def find(self, to: str | None = None, subject_contains: str | None = None) -> list[EmailMessage]:
        with self._lock:
            found = list(self.messages)
        if to:
            found = [m for m in found if to.lower() in (m.get("X-Envelope-To", "") + m.get("To", "")).lower()]
        if subject_contains:
            found = [m for m in found if subject_contains.lower() in str(m.get("Subject", "")).lower()]
        return found

    def wait_for(
        self, to: str | None = None, subject_contains: str | None = None, timeout: float = 10
    ) -> EmailMessage:
        """The newest message matching ``to``/``subject_contains``; fails after ``timeout`` s."""
        deadline = time.monotonic() + timeout
        while True:
            if self.pump is not None:
                self.pump()
            found = self.find(to, subject_contains)
            if found:
                return found[-1]
            if time.monotonic() > deadline:
                seen = [(m.get("X-Envelope-To"), str(m.get("Subject"))) for m in self.find()]
                raise AssertionError(
                    f"No mail to {to!r} with subject containing {subject_contains!r} "
                    f"within {timeout}s. Received: {seen}"
                )
            time.sleep(0.2)

    @staticmethod
    def text(message: EmailMessage) -> str:
        part = message.get_body(preferencelist=("plain",))
        return part.get_content() if part is not None else ""

    @staticmethod
    def html(message: EmailMessage) -> str:
        part = message.get_body(preferencelist=("html",))
        return part.get_content() if part is not None else ""

    def links(self, message: EmailMessage) -> list[str]:
        """The URLs in the plain-text part, in order, without duplicates."""
        seen: dict[str, None] = {}
        for url in URL_PATTERN.findall(self.text(message)):
            seen.setdefault(url.rstrip(".,;:"), None)
        return list(seen)

    @staticmethod
    def attachments(message: EmailMessage) -> list[tuple[str, str, bytes]]:
        """(filename, content type, bytes) of each attachment (e.g. a booking's .ics)."""
        return [
            (part.get_filename(), part.get_content_type(), part.get_payload(decode=True))
            for part in message.iter_attachments()
        ]
