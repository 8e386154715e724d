"""Markdown for offer descriptions: rendered, then sanitised with nh3.

No script/style/iframe, no event handler attributes, only http(s)/mailto links, and every
link gets ``rel="nofollow noopener"``. The allow-list is small on purpose.
"""

from __future__ import annotations

import re

import markdown as md
import nh3
from markupsafe import Markup

ALLOWED_TAGS = {
    "p",
    "br",
    "strong",
    "em",
    "b",
    "i",
    "ul",
    "ol",
    "li",
    "a",
    "h2",
    "h3",
    "h4",
    "blockquote",
    "code",
    "pre",
    "hr",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "th": {"scope"}}
URL_SCHEMES = {"http", "https", "mailto"}
DESCRIPTION_MAX = 20000  # characters of Markdown a description may have (the form's limit)


def render_markdown(text: str | None, image_prefix: str | None = None) -> Markup:
    """Sanitised HTML of ``text``. With ``image_prefix`` (a path such as
    ``/kennisbank/bestand/``), images are kept whose source is one of our own stored files
    under that path; any other image (another site, a data: URL) is removed."""
    html = md.markdown(text or "", extensions=["sane_lists", "tables"], output_format="html")
    # The page has its own h1: a "# heading" in a description becomes an h2, and so on.
    html = re.sub(r"<(/?)h([1-5])\b", lambda m: f"<{m[1]}h{int(m[2]) + 1}", html)
    tags, attributes = ALLOWED_TAGS, ALLOWED_ATTRIBUTES
    if image_prefix:
        html = re.sub(r"<img\b[^>]*>", lambda m: _own_image(m[0], image_prefix), html)
        tags, attributes = tags | {"img"}, {**attributes, "img": {"src", "alt"}}
    clean = nh3.clean(
        html,
        tags=tags,
        attributes=attributes,
        url_schemes=URL_SCHEMES,
        link_rel="nofollow noopener",
        strip_comments=True,
    )
    return Markup(clean)  # sanitised by nh3 just above


_SRC = re.compile(r'\bsrc="([^"]*)"')


def _own_image(tag: str, prefix: str) -> str:
    """The tag when its source is a plain stored name under ``prefix``, else nothing."""
    found = _SRC.search(tag)
    name = found[1][len(prefix) :] if found and found[1].startswith(prefix) else ""
    return tag if re.fullmatch(r"[A-Za-z0-9_-]+\.[a-z]{2,4}", name) else ""
