"""``flask --app portal mail deliver [--loop] [--batch N] [--interval SECONDS]``."""

from __future__ import annotations

import logging

import click
from flask import current_app
from flask.cli import AppGroup

from portal.mail.delivery import deliver_all_due
from portal.mail.worker import run_worker, stop_on_signals

mail_group = AppGroup("mail", help="The mail outbox.")


@mail_group.command("deliver")
@click.option("--loop", is_flag=True, help="Keep running: send mail as it becomes due.")
@click.option(
    "--batch", default=10, show_default=True, type=click.IntRange(1, 500), help="Messages claimed per batch."
)
@click.option(
    "--interval",
    default=5.0,
    show_default=True,
    type=click.FloatRange(0.1),
    help="Seconds to sleep when nothing is due (with --loop).",
)
def deliver(loop: bool, batch: int, interval: float) -> None:
    """Send due mail from the outbox (once, or with --loop until stopped)."""
    _configure_logging()
    _announce_backend()
    if loop:
        with stop_on_signals() as stop:
            run_worker(stop, batch_size=batch, interval=interval)
        return
    result = deliver_all_due(batch_size=batch)
    click.echo(f"Mail: {result}.")


def _configure_logging() -> None:
    logger = logging.getLogger("portal.mail")
    if not logger.handlers and not logging.getLogger().handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        logger.addHandler(handler)
    logger.setLevel(logging.INFO)


def _announce_backend() -> None:
    config = current_app.config
    if not config.get("MAIL_SERVER"):
        logging.getLogger("portal.mail").info(
            "MAIL_SERVER is not set: mail is written to %s (*.eml)", config["MAIL_FILE_DIR"]
        )
