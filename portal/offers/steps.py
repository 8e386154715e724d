"""The steps of publishing a new offer: details, dates, images, then check and submit (or
publish).

A new offer, a draft and a rejected offer are set up step by step; each step is the page
that also manages that part later (the offer form, the dates page, the files page) plus the
check page, and each step saves before it moves on, so going back loses nothing. A
submitted, published or archived offer is edited page by page without the steps.

Whether the last step says "submit for review" or "publish" follows the rule of
``lifecycle.submit``: a verified organisation's offers are published without review.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask import url_for
from flask_babel import lazy_gettext as _l

from portal.models import Offer, Organisation
from portal.offers import lifecycle, revisions
from portal.offers.errors import OfferError
from portal.offers.markdown import render_markdown

DETAILS, DATES, IMAGES, CHECK = 1, 2, 3, 4
ENDPOINTS = {DETAILS: "offers.edit", DATES: "offers.slots", IMAGES: "offers.files", CHECK: "offers.check"}
LABELS = {DETAILS: _l("Details"), DATES: _l("Dates"), IMAGES: _l("Images")}


@dataclass(frozen=True)
class Step:
    number: int
    label: str
    url: str | None
    current: bool


def in_setup(offer: Offer | None) -> bool:
    """A new offer (None), a draft or a rejected offer is set up step by step."""
    return offer is None or offer.is_submittable


def publishes_directly(organisation: Organisation | None) -> bool:
    """A verified organisation's offers are published without review (``lifecycle.submit``)."""
    return organisation is not None and bool(organisation.verified)


def submit_label(organisation: Organisation | None) -> str:
    """The words of the button that sends an offer on: only the reviewed submit it."""
    return str(_l("Publish") if publishes_directly(organisation) else _l("Submit for review"))


def check_label(organisation: Organisation | None) -> str:
    return str(_l("Check and publish") if publishes_directly(organisation) else _l("Check and submit"))


def label(number: int, organisation: Organisation | None) -> str:
    return check_label(organisation) if number == CHECK else str(LABELS[number])


def step_url(offer: Offer, number: int) -> str:
    return url_for(ENDPOINTS[number], offer_id=offer.id)


def chosen(value: str | None) -> int | None:
    """The step a "previous" or "next" button asked for (a form's ``stap`` value), or None."""
    return int(value) if value in ("1", "2", "3", "4") else None


def after_save(offer: Offer, value: str | None, default: int) -> str:
    """Where a step's form goes once it saved: the step its button named, else ``default``."""
    return step_url(offer, chosen(value) or default)


def steps(offer: Offer | None, current: int, organisation: Organisation | None) -> list[Step]:
    """The step indicator: every step with its link (none for steps of an offer that does
    not exist yet) and which one this page is."""
    return [
        Step(
            number,
            label(number, organisation),
            step_url(offer, number) if offer is not None else None,
            number == current,
        )
        for number in (DETAILS, DATES, IMAGES, CHECK)
    ]


def missing(offer: Offer) -> str | None:
    """What the offer still needs before it can be sent on (``lifecycle.check_complete``)."""
    try:
        lifecycle.check_complete(offer)
    except OfferError as refusal:
        return str(refusal.message)
    return None


def check_summary(offer: Offer) -> dict:
    """The check step: every field as the provider last wrote it, the description as the
    offer page shows it, the dates, images and documents, and what is still missing."""
    newest = lifecycle.newest_snapshot(offer)
    return {
        "offer": offer,
        "fields": revisions.readable(newest),
        "description_html": render_markdown(newest.get("description")),
        "preparation": newest.get("preparation"),
        "images": [a for a in offer.attachments if a.kind == "image"],
        "documents": [a for a in offer.attachments if a.kind == "document"],
        "missing": missing(offer) if offer.is_submittable else None,
    }
