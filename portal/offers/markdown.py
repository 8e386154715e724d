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


def render_markdown(text: str | None) -> Markup:
    html = md.markdown(text or "", extensions=["sane_lists", "tables"], output_format="html")
    # The page has its own h1: a "# heading" in a description becomes an h2, and so on.
    html = re.sub(r"<(/?)h([1-5])\b", lambda m: f"<{m[1]}h{int(m[2]) + 1}", html)
    clean = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="nofollow noopener",
        strip_comments=True,
    )
    return Markup(clean)  # sanitised by nh3 just above
