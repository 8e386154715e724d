"""XSS payloads in every text field of an offer come out inert on every page showing it."""

from __future__ import annotations

import json
from html.parser import HTMLParser

import pytest

from portal.offers import uploads
from tests.offers.conftest import offer_url
from tests.offers.test_uploads import png_bytes

PAYLOADS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "[x](javascript:alert(1))",
    '" onmouseover="x',
    '<a href="javascript:alert(1)">klik</a>',
    "</script><svg onload=alert(1)>",
]
TEXT_FIELDS = [
    "title",
    "summary",
    "description",
    "address",
    "price_note",
    "contact_name",
    "contact_email",
    "contact_phone",
]


class _Inspector(HTMLParser):
    """Collects what a browser would treat as markup: tags, attributes, script bodies."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems, self._script = [], None

    def handle_starttag(self, tag, attrs):
        if tag in ("svg", "iframe", "object", "embed"):
            self.problems.append(f"<{tag}>")
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"{tag} {name}=")
            if name in ("href", "src", "action") and (value or "").strip().lower().startswith("javascript:"):
                self.problems.append(f"{tag} {name}=javascript:")
        if tag == "script":
            self._script = dict(attrs)
            self._script["body"] = ""

    def handle_data(self, data):
        if self._script is not None:
            self._script["body"] += data

    def handle_endtag(self, tag):
        if tag == "script" and self._script is not None:
            script, self._script = self._script, None
            if script.get("type") == "application/ld+json":
                json.loads(script["body"])  # still valid JSON: nothing broke out of it
            elif script["body"].strip():
                self.problems.append("inline script: " + script["body"][:40])


def assert_inert(html: str) -> None:
    inspector = _Inspector()
    inspector.feed(html)
    assert inspector.problems == []


@pytest.mark.parametrize("payload", PAYLOADS)
@pytest.mark.parametrize("field", TEXT_FIELDS)
def test_payload_is_inert_on_offer_page_dashboard_and_home(
    field, payload, client, login_as, make, db, provider
):
    values = {name: "gewoon" for name in TEXT_FIELDS}
    values[field] = payload
    offer = make.offer(organisation=provider.organisation, status="published", featured=True, **values)
    uploads.store(offer, f"{payload}.png", png_bytes(size=(40, 40)), payload)
    db.session.commit()
    pages = [client.get(offer_url(offer)), client.get("/")]
    login_as(provider)
    pages += [
        client.get("/mijn/aanbod"),
        client.get("/mijn/"),
        client.get(offer_url(offer)),
        client.get(f"/aanbod/{offer.id}/bewerken"),
        client.get(f"/aanbod/{offer.id}/bestanden"),
    ]
    for response in pages:
        assert response.status_code == 200, response.request.path
        assert_inert(response.get_data(as_text=True))


def test_safe_markdown_still_renders(client, make, db):
    offer = make.offer(description="## Wat je doet\n\n* **lassen**\n* [meer](https://example.org)")
    db.session.commit()
    html = client.get(offer_url(offer)).get_data(as_text=True)
    assert "<h3>Wat je doet</h3>" in html and "<strong>lassen</strong>" in html
    assert '<a href="https://example.org" rel="nofollow noopener">meer</a>' in html


@pytest.mark.parametrize(
    "html",
    [
        "<img src=x onerror=alert(1)>",
        '<a href="javascript:alert(1)">x</a>',
        "<script>alert(1)</script>",
        '<p onmouseover="x">',
        "<svg onload=alert(1)>",
        '<script type="application/ld+json">{"a": "</script><script>alert(1)</script>',
    ],
)
def test_the_inspector_catches_live_markup(html):
    with pytest.raises((AssertionError, ValueError)):
        assert_inert(html)
