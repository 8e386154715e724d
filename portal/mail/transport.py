"""Turning an outbox row into a MIME message and handing it to SMTP or to a file.

Messages are built with Flask-Mail's ``Message`` (multipart text + HTML, attachments,
Message-ID, Date, extra headers). Sending goes through a subclass of Flask-Mail's
``Connection`` whose only change is a socket timeout: Flask-Mail 0.10 opens SMTP without
one, so a server that accepts a connection and then stays silent would hang the worker.
Both transports fire Flask-Mail's ``email_dispatched`` signal, so ``mail.record_messages()``
sees every message, as with Flask-Mail itself.
"""

from __future__ import annotations

import base64
import contextlib
import email.charset
import os
import smtplib
import time
from collections.abc import Iterator
from email.mime.text import MIMEText
from pathlib import Path
from typing import cast

from flask import Flask, current_app
from flask_mail import Attachment, Connection, Message, email_dispatched
from werkzeug.local import LocalProxy

from portal.models import OutboxMail

# Quoted-printable keeps Dutch text readable in a .eml file and in a mail's source.
_UTF8_QP = email.charset.Charset("utf-8")
_UTF8_QP.body_encoding = email.charset.QP


class OutboxMessage(Message):
    """Flask-Mail's Message with quoted-printable text parts instead of base64."""

    def _mimetext(self, text, subtype="plain"):
        return MIMEText(text or "", _subtype=subtype, _charset=_UTF8_QP)


def build_message(row: OutboxMail) -> Message:
    message = OutboxMessage(
        subject=row.subject,
        recipients=[row.recipient],
        body=row.body_text,
        html=row.body_html or None,
        date=time.time(),
        extra_headers=dict(row.headers or {}),
        attachments=[_attachment(a) for a in row.attachments or []],
    )
    if row.message_id:
        message.msgId = row.message_id
    return message


def _attachment(stored: dict) -> Attachment:
    return Attachment(
        filename=stored["filename"],
        content_type=stored["content_type"],
        data=base64.b64decode(stored["data"]),
    )


class TimeoutConnection(Connection):
    """Flask-Mail's SMTP connection, opened with a socket timeout (connect and every read)."""

    def __init__(self, mail, timeout: float) -> None:
        super().__init__(mail)
        self.timeout = timeout

    def configure_host(self) -> smtplib.SMTP:
        smtp_class = smtplib.SMTP_SSL if self.mail.use_ssl else smtplib.SMTP
        host = smtp_class(self.mail.server, self.mail.port, timeout=self.timeout)
        try:
            host.set_debuglevel(int(self.mail.debug))
            if self.mail.use_tls:
                host.starttls()
            if self.mail.username and self.mail.password:
                host.login(self.mail.username, self.mail.password)
        except BaseException:
            host.close()
            raise
        return host


class SmtpTransport:
    """One SMTP connection per batch, opened on first use and dropped after any error
    (the next message then starts with a fresh connection)."""

    def __init__(self, mail_state, timeout: float) -> None:
        self.connection = TimeoutConnection(mail_state, timeout)
        self.connected = False

    def send(self, message: Message) -> None:
        if not self.connected:
            self.connection.__enter__()  # connects, unless MAIL_SUPPRESS_SEND
            self.connected = True
        try:
            self.connection.send(message)
        except BaseException:
            self.abort()
            raise

    def abort(self) -> None:
        host, self.connection.host, self.connected = self.connection.host, None, False
        if host is not None:
            host.close()

    def close(self) -> None:
        if self.connection.host is not None:
            with contextlib.suppress(smtplib.SMTPException, OSError):
                self.connection.host.quit()
        self.abort()


class FileTransport:
    """Development: each message becomes ``<yyyymmdd-hhmmss>-<id>-<template>.eml``."""

    def __init__(self, directory: str | os.PathLike) -> None:
        self.directory = Path(directory)

    def write(self, message: Message, row_id: int, template: str) -> Path:
        self.directory.mkdir(parents=True, exist_ok=True)
        stamp = time.strftime("%Y%m%d-%H%M%S", time.localtime(message.date))
        path = self.directory / f"{stamp}-{row_id}-{template}.eml"
        partial = path.with_suffix(".eml.part")
        partial.write_bytes(message.as_bytes())
        partial.replace(path)  # a reader never sees half a message
        email_dispatched.send(cast("LocalProxy[Flask]", current_app)._get_current_object(), message=message)
        return path

    def close(self) -> None:
        pass


class Sender:
    """Sends outbox rows through the configured transport."""

    def __init__(self, app: Flask) -> None:
        config = app.config
        self.file: FileTransport | None = None
        self.smtp: SmtpTransport | None = None
        if config.get("MAIL_SERVER"):
            self.smtp = SmtpTransport(app.extensions["mail"], float(config.get("MAIL_TIMEOUT_SECONDS") or 20))
        else:
            self.file = FileTransport(config["MAIL_FILE_DIR"])

    def send(self, message: Message, row_id: int, template: str) -> None:
        if self.file is not None:
            self.file.write(message, row_id, template)
        elif self.smtp is not None:
            self.smtp.send(message)

    def close(self) -> None:
        for transport in (self.file, self.smtp):
            if transport is not None:
                transport.close()


@contextlib.contextmanager
def open_sender(app: Flask) -> Iterator[Sender]:
    sender = Sender(app)
    try:
        yield sender
    finally:
        sender.close()
