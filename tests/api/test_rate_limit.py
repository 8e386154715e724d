"""/api/v1 and the feeds share a per-address limit (``RATELIMIT_API``); over it, a 429 in JSON."""

from __future__ import annotations

import pytest
from limits import parse_many

from portal.config import Defaults


@pytest.fixture
def app_config(app_config):
    return {**app_config, "RATELIMIT_ENABLED": True, "RATELIMIT_API": "3 per minute"}


def get(client, path: str, address: str):
    return client.get(path, environ_base={"REMOTE_ADDR": address})


def test_over_the_limit_is_a_json_429(client):
    assert [get(client, "/api/v1/taxonomy", "10.0.8.1").status_code for _ in range(2)] == [200, 200]
    assert get(client, "/aanbod.atom", "10.0.8.1").status_code == 200  # the feeds count too
    refused = get(client, "/api/v1/offers", "10.0.8.1")
    assert refused.status_code == 429 and refused.is_json
    body = refused.get_json()
    assert (
        body["error"] == "too_many_requests" and "Wacht" in body["message"] and "Wait" in body["message_en"]
    )
    assert "Retry-After" in refused.headers
    assert refused.headers["Access-Control-Allow-Origin"] == "*"
    assert get(client, "/api/v1/offers", "10.0.8.2").status_code == 200  # another address


def test_the_default_limit_lets_a_harvester_page_through():
    per_minute = [limit for limit in parse_many(Defaults.RATELIMIT_API) if limit.GRANULARITY.name == "minute"]
    assert per_minute and per_minute[0].amount >= 30
