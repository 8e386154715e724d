"""The "Voorbeeld" tab of the description: a small POST endpoint renders the Markdown through
the same sanitiser as the offer page, for providers only, with CSRF."""

from __future__ import annotations

import re

import pytest

from portal.offers.markdown import render_markdown
from tests.offers.browser_form import form_fields

ATTACKS = [
    "<script>alert(1)</script>",
    "<SCRIPT src=//evil.example/x.js></SCRIPT>",
    '<img src=x onerror="alert(1)">',
    "[klik](javascript:alert(1))",
    '<a href="javascript:alert(1)">klik</a>',
    "<iframe src=https://evil.example></iframe>",
    "<style>body{display:none}</style>",
    '<p onclick="alert(1)">tekst</p>',
    "<scr<script>ipt>alert(1)</script>",
]


@pytest.mark.parametrize("attack", ATTACKS)
def test_the_preview_never_returns_a_script(client, login_as, provider, attack):
    login_as(provider)
    text = f"Een **praktische** les.\n\n{attack}\n\n- helm\n- handschoenen"
    response = client.post("/aanbod/voorbeeld", data={"text": text})
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and response.mimetype == "text/html"
    assert "<strong>praktische</strong>" in html and "<li>helm</li>" in html
    lowered = html.lower()
    for bad in ("<script", "javascript:", "onerror", "onclick", "<iframe", "<style"):
        assert bad not in lowered, bad
    assert html == str(render_markdown(text))  # exactly what the offer page shows


def test_the_preview_renders_links_and_headings_like_the_offer_page(client, login_as, provider):
    login_as(provider)
    html = client.post("/aanbod/voorbeeld", data={"text": "# Kop\n\n[site](https://example.org)"}).get_data(
        as_text=True
    )
    assert "<h2>Kop</h2>" in html
    assert '<a href="https://example.org" rel="nofollow noopener">site</a>' in html


def test_the_preview_is_for_providers_only(client, login_as):
    assert client.post("/aanbod/voorbeeld", data={"text": "**x**"}).status_code == 302  # log in first
    login_as("teacher")
    assert client.post("/aanbod/voorbeeld", data={"text": "**x**"}).status_code == 403


def test_the_preview_needs_the_csrf_token(app, client, login_as, provider):
    app.config["WTF_CSRF_ENABLED"] = True
    login_as(provider)
    assert client.post("/aanbod/voorbeeld", data={"text": "**x**"}).status_code == 400
    page = client.get("/aanbod/nieuw?soort=guest_lesson").get_data(as_text=True)
    token = form_fields(page, "offer-form")["csrf_token"][0]
    response = client.post("/aanbod/voorbeeld", data={"text": "**x**"}, headers={"X-CSRFToken": token})
    assert response.status_code == 200 and "<strong>x</strong>" in response.get_data(as_text=True)


def test_the_form_has_the_toolbar_and_preview_for_scripts_to_enhance(client, login_as, provider):
    login_as(provider)
    page = client.get("/aanbod/nieuw?soort=guest_lesson").get_data(as_text=True)
    editor = page.split("data-md-editor")[1].split('id="md-panel-preview"')[0]
    assert 'data-preview-url="/aanbod/voorbeeld"' in editor
    assert 'role="toolbar"' in editor and 'aria-controls="description"' in editor
    assert [label for label in re.findall(r'data-md="(\w+)"', editor)] == ["bold", "italic", "list", "link"]
    assert ">Voorbeeld</button>" in editor
    assert "data-md-bar hidden" in editor  # without JavaScript: the plain field with its help text
    assert "/static/js/offers.js" in page
