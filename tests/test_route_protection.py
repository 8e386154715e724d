"""No page is left open by accident: every GET route without URL arguments is either on the
public list or sends an anonymous visitor to the login page. Routes with arguments are covered
by each area's own permission matrix."""

from __future__ import annotations

import pytest

PUBLIC = {
    "/",
    "/healthz",
    "/toegankelijkheid",
    "/privacy",
    "/aanbod",
    "/vragen",  # open teacher requests, without personal data (portal/requests)
    "/registreren",
    "/inloggen",
    "/wachtwoord-vergeten",
    "/registreren/controleer-je-mail",
    # open data (portal/api): read-only, no login, no personal data
    "/api/v1/",
    "/api/v1/openapi.json",
    "/api/v1/offers",
    "/api/v1/taxonomy",
    "/api/v1/municipalities",
    "/api/v1/regions",
    "/api/v1/figures",
    "/aanbod.ics",
    "/aanbod.atom",
    # the kennisbank (portal/knowledge): published articles are public
    "/kennisbank",
}


def _get_routes(app):
    for rule in app.url_map.iter_rules():
        if "GET" in rule.methods and not rule.arguments and not rule.endpoint.endswith("static"):
            yield rule.rule


def test_every_argument_free_page_is_public_or_needs_login(app, client):
    refused = []
    for path in sorted(set(_get_routes(app))):
        response = client.get(path)
        if path in PUBLIC:
            if response.status_code != 200:
                refused.append(f"{path}: public page answered {response.status_code}")
        elif not (response.status_code == 302 and "/inloggen" in response.headers["Location"]):
            refused.append(f"{path}: anonymous visitor got {response.status_code}")
    assert not refused, "\n".join(refused)


@pytest.mark.parametrize("role", ["teacher", "provider", "coordinator", "admin"])
def test_beheer_pages_are_for_staff_only(app, client, login_as, role):
    login_as(role)
    for path in sorted(p for p in _get_routes(app) if p.startswith("/beheer")):
        status = client.get(path).status_code
        expected = {200} if role == "admin" else ({200, 403} if role == "coordinator" else {403})
        assert status in expected, f"{role} on {path}: {status}"
