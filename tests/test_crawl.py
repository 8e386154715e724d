"""Walk the demo portal as each kind of user, following every link: no page may fail.

This catches what per-area tests miss: a template that breaks on demo data, a link to a
route that no longer exists, a page another area's data crashes.
"""

from __future__ import annotations

from html.parser import HTMLParser
from urllib.parse import urldefrag, urlsplit

import pytest
from sqlalchemy import select

from portal.demo import DEMO_DOMAIN
from portal.models import User
from tests.conftest import log_in_client

MAX_PAGES = 250
SKIP_PREFIXES = ("/static/", "/bootstrap/", "/bestanden/")


class LinkParser(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            href = dict(attrs).get("href")
            if href:
                self.links.append(href)


def internal_links(html: str) -> list[str]:
    parser = LinkParser()
    parser.feed(html)
    found = []
    for href in parser.links:
        href = urldefrag(href)[0]
        parts = urlsplit(href)
        local = parts.scheme in ("", "http") and parts.netloc in ("", "portal.test")
        if local and parts.path.startswith("/"):
            path = parts.path + (f"?{parts.query}" if parts.query else "")
            if not path.startswith(SKIP_PREFIXES):
                found.append(path)
    return found


@pytest.fixture
def demo(runner):
    result = runner.invoke(args=["seed-demo"])
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize("who", [None, "docent", "aanbieder", "coordinator", "beheerder"])
def test_every_linked_page_answers_without_error(app, client, demo, db, who):
    if who:
        user = db.session.scalar(select(User).where(User.email == f"{who}@{DEMO_DOMAIN}"))
        log_in_client(client, user)
    todo, seen, failures = ["/", "/mijn/", "/aanbod", "/beheer/"], set(), []
    while todo and len(seen) < MAX_PAGES:
        path = todo.pop(0)
        if path in seen:
            continue
        seen.add(path)
        response = client.get(path)
        if response.status_code >= 500:
            failures.append(f"{path}: {response.status_code}")
            continue
        if response.status_code == 200 and response.mimetype == "text/html":
            todo.extend(link for link in internal_links(response.get_data(as_text=True)) if link not in seen)
    assert not failures, "\n".join(failures)
    assert len(seen) > 40  # the demo links far: offers, dashboards, bookings, moderation
