"""What the public offer page shows: sanitised text, future slots, files, share links
and JSON-LD (schema.org Event per slot, or Course)."""

from __future__ import annotations

from urllib.parse import quote

from flask import url_for
from flask_babel import gettext as _
from flask_login import current_user

from portal.models import Offer
from portal.models.statuses import OfferStatus
from portal.offers.attachments import shown_on_page
from portal.offers.choices import KIND_LABELS
from portal.offers.lifecycle import has_pending_changes, offer_url
from portal.offers.markdown import render_markdown
from portal.offers.slots import upcoming
from portal.permissions import can_edit_offer, can_manage_offer, can_moderate_offer


def page_context(offer: Offer) -> dict:
    slots = upcoming(offer) if offer.booking_mode == "slots" else []
    share_url = offer_url(offer)
    is_owner = can_manage_offer(current_user, offer)
    files = shown_on_page(offer)
    return {
        "offer": offer,
        "slots": slots,
        "description_html": render_markdown(offer.description),
        "images": [a for a in files if a.kind == "image"],
        "documents": [a for a in files if a.kind == "document"],
        "share_url": share_url,
        "mailto": _mailto(offer, share_url),
        "jsonld": jsonld(offer, slots, share_url),
        "is_owner": is_owner,
        "show_banner": not offer.is_published
        or offer.edit_pending
        or (is_owner and has_pending_changes(offer)),
        "banner": banner_text(offer),
        "can_edit": can_edit_offer(current_user, offer),
        "can_moderate": can_moderate_offer(current_user, offer),
        "kind_label": KIND_LABELS.get(offer.kind, offer.kind),
    }


def _mailto(offer: Offer, url: str) -> str:
    subject = quote(offer.title)
    body = quote(f"{offer.summary}\n\n{url}")
    return f"mailto:?subject={subject}&body={body}"


def _place(offer: Offer) -> dict:
    if offer.location_mode == "online":
        return {"@type": "VirtualLocation", "url": offer_url(offer)}
    return {
        "@type": "Place",
        "name": offer.organisation.name,
        "address": {
            "@type": "PostalAddress",
            "streetAddress": offer.address or "",
            "addressLocality": offer.municipality.name if offer.municipality else "",
            "addressCountry": "NL",
        },
    }


def _price(offer: Offer) -> dict:
    return {
        "@type": "Offer",
        "price": f"{(offer.price_cents or 0) / 100:.2f}",
        "priceCurrency": "EUR",
        "url": offer_url(offer),
    }


def jsonld(offer: Offer, slots, url: str) -> dict | list:
    provider = {"@type": "Organization", "name": offer.organisation.name}
    if offer.organisation.website:
        provider["url"] = offer.organisation.website
    if slots:
        return [
            {
                "@context": "https://schema.org",
                "@type": "Event",
                "name": offer.title,
                "description": offer.summary,
                "url": url,
                "startDate": slot.starts_at.isoformat(),
                "endDate": slot.ends_at.isoformat(),
                "eventStatus": "https://schema.org/EventScheduled",
                "eventAttendanceMode": "https://schema.org/"
                + {"online": "OnlineEventAttendanceMode", "hybrid": "MixedEventAttendanceMode"}.get(
                    offer.location_mode, "OfflineEventAttendanceMode"
                ),
                "location": _place(offer),
                "organizer": provider,
                "offers": _price(offer),
                "remainingAttendeeCapacity": slot.remaining,
            }
            for slot in slots[:20]
        ]
    data = {
        "@context": "https://schema.org",
        "@type": "Course",
        "name": offer.title,
        "description": offer.summary,
        "url": url,
        "provider": provider,
        "offers": _price(offer),
        "inLanguage": "nl",
    }
    if offer.themes:
        data["about"] = [t.label for t in offer.themes]
    image = next((a for a in shown_on_page(offer) if a.kind == "image"), None)
    if image is not None:
        data["image"] = url_for("offers.file", stored_name=image.stored_name, _external=True)
    return data


def banner_text(offer: Offer) -> str:
    if offer.edit_pending:
        return _("Your changes wait for review. Visitors see the published version.")
    return {
        OfferStatus.DRAFT: _("This offer is a draft. Only your organisation and coordinators can see it."),
        OfferStatus.SUBMITTED: _("This offer waits for review by a coordinator. Visitors cannot see it yet."),
        OfferStatus.REJECTED: _("This offer was not approved. Visitors cannot see it."),
        OfferStatus.ARCHIVED: _("This offer is archived. Visitors cannot see it."),
    }.get(offer.status, _("You have changes that are not sent for review yet."))
