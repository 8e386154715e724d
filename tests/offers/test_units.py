"""Small pure rules: slugs, Dutch euro amounts, Markdown sanitising, content sniffing."""

from __future__ import annotations

import pytest

from portal.offers.forms import parse_euro
from portal.offers.markdown import render_markdown
from portal.offers.services import slugify
from portal.offers.uploads import detect


@pytest.mark.parametrize(
    "title,slug",
    [
        ("Lassen & solderen", "lassen-solderen"),
        ("Café Élan: één dag", "cafe-elan-een-dag"),
        ("  --  ", "aanbod"),
        ("Robots programmeren in groep 7-8", "robots-programmeren-in-groep-7-8"),
    ],
)
def test_slugify(title, slug):
    assert slugify(title) == slug


@pytest.mark.parametrize(
    "text,cents",
    [
        ("12,50", 1250),
        ("€ 12,50", 1250),
        ("12.50", 1250),
        ("1.250,00", 125000),
        ("1.250", 125000),
        ("7", 700),
        ("", None),
        ("abc", None),
        ("-5", None),
        ("12,5,0", None),
    ],
)
def test_parse_euro(text, cents):
    assert parse_euro(text) == cents


@pytest.mark.parametrize(
    "source",
    [
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "[x](javascript:alert(1))",
        "<iframe src=https://evil.example></iframe>",
        "<style>body{}</style>",
        '<a href="https://a.nl" onclick="x()">a</a>',
        "<a href='JaVaScRiPt:alert(1)'>a</a>",
    ],
)
def test_markdown_removes_dangerous_markup(source):
    html = str(render_markdown(source)).lower()
    for bad in ("<script", "onerror", "javascript:", "<iframe", "<style", "onclick"):
        assert bad not in html


def test_markdown_links_get_nofollow_noopener():
    assert 'rel="nofollow noopener"' in str(render_markdown("[a](https://a.nl)"))


@pytest.mark.parametrize(
    "data,kind",
    [
        (b"\xff\xd8\xff\xe0rest", "jpeg"),
        (b"\x89PNG\r\n\x1a\nrest", "png"),
        (b"RIFF\x00\x00\x00\x00WEBPVP8 ", "webp"),
        (b"%PDF-1.4", "pdf"),
        (b"MZ\x90\x00", None),
        (b"<html><script>", None),
    ],
)
def test_detect_by_content(data, kind):
    assert detect(data) == kind
