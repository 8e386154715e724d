"""/aanbod has a generous per-address rate limit (``RATELIMIT_SEARCH``); over it, a Dutch 429."""

from __future__ import annotations

import pytest
from limits import parse_many

from portal.config import Defaults


@pytest.fixture
def app_config(app_config):
    return {**app_config, "RATELIMIT_ENABLED": True, "RATELIMIT_SEARCH": "3 per minute"}


def search(client, address: str, q: str = "robot"):
    return client.get("/aanbod", query_string={"q": q}, environ_base={"REMOTE_ADDR": address})


@pytest.mark.parametrize("search_kind", ["whoosh"])  # the limit is the page's, not a backend's
def test_searches_are_limited_per_address_with_a_dutch_page(client):
    assert [search(client, "10.0.9.1", q).status_code for q in ("robot", "lassen", "")] == [200] * 3
    refused = search(client, "10.0.9.1")
    html = refused.get_data(as_text=True)
    assert refused.status_code == 429
    assert "Te veel zoekopdrachten" in html and "Wacht een minuut" in html
    assert "Retry-After" in refused.headers
    assert search(client, "10.0.9.2").status_code == 200  # another address is not affected


def test_the_default_limit_is_generous():
    per_minute = [
        limit for limit in parse_many(Defaults.RATELIMIT_SEARCH) if limit.GRANULARITY.name == "minute"
    ]
    assert per_minute and per_minute[0].amount >= 60  # a class behind one school address
