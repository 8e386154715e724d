"""The app factory, config layers, security headers, error pages and health check."""

from __future__ import annotations

import pytest

from portal import create_app
from portal.config import DEFAULT_SECRET_KEY


def test_production_refuses_default_secret_key(tmp_path):
    with pytest.raises(RuntimeError, match="PORTAL_SECRET_KEY"):
        create_app(
            {
                "ENV_NAME": "production",
                "SECRET_KEY": DEFAULT_SECRET_KEY,
                "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path}/x.db",
            }
        )


PRODUCTION = {
    "ENV_NAME": "production",
    "SECRET_KEY": "x" * 40,
    "SITE_URL": "https://techniekflevoland.example",
}


def test_production_needs_a_real_site_url(tmp_path):
    with pytest.raises(RuntimeError, match="PORTAL_SITE_URL"):
        create_app(
            {
                **PRODUCTION,
                "SITE_URL": "http://127.0.0.1:5000",
                "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path}/x.db",
            }
        )


def test_production_refuses_a_forged_host_so_mailed_links_stay_ours(tmp_path):
    app = create_app({**PRODUCTION, "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path}/x.db"})
    client = app.test_client()
    forged = client.post("/wachtwoord-vergeten", data={"email": "a@b.nl"}, headers={"Host": "evil.example"})
    assert forged.status_code == 400
    assert client.get("/healthz", headers={"Host": "techniekflevoland.example"}).status_code != 400


def test_ids_beyond_a_database_integer_are_not_found(client):
    assert client.get("/aanbod/99999999999999999999999-x").status_code == 404


def test_production_turns_on_secure_cookies(tmp_path):
    app = create_app({**PRODUCTION, "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path}/x.db"})
    assert app.config["SESSION_COOKIE_SECURE"] is True
    assert app.config["REMEMBER_COOKIE_SECURE"] is True
    assert app.config["SESSION_COOKIE_SAMESITE"] == "Lax"


def test_environment_variables_override_defaults(monkeypatch, tmp_path):
    monkeypatch.setenv("PORTAL_MAIL_PORT", "2525")
    monkeypatch.setenv("PORTAL_SEARCH_BACKEND", "postgres")
    app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path}/x.db"})
    assert app.config["MAIL_PORT"] == 2525
    assert app.config["SEARCH_BACKEND"] == "postgres"


def test_security_headers(client):
    response = client.get("/")
    csp = response.headers["Content-Security-Policy"]
    script_src = next(part for part in csp.split(";") if "script-src" in part)
    assert "unsafe-inline" not in script_src
    assert "frame-ancestors 'none'" in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response.headers["X-Frame-Options"] == "DENY"


def test_home_page_is_dutch_and_serves_bootstrap_locally(client):
    html = client.get("/").get_data(as_text=True)
    assert '<html lang="nl">' in html
    assert 'href="#inhoud"' in html  # skip link
    assert "cdn" not in html.lower()
    assert "/bootstrap/static/css/bootstrap.min.css" in html
    assert client.get("/bootstrap/static/css/bootstrap.min.css").status_code == 200


def test_404_page_is_dutch(client):
    response = client.get("/bestaat-niet")
    assert response.status_code == 404
    assert "Pagina niet gevonden" in response.get_data(as_text=True)


def test_500_rolls_back_and_shows_dutch_page(app, db, make):
    from portal.models import Organisation

    app.config["PROPAGATE_EXCEPTIONS"] = False

    @app.get("/kapot")
    def broken():
        db.session.add(Organisation(kind="company", name="Half opgeslagen"))
        db.session.flush()
        raise RuntimeError("boom")

    response = app.test_client().get("/kapot")
    assert response.status_code == 500
    assert "Er ging iets mis" in response.get_data(as_text=True)
    assert db.session.query(Organisation).filter_by(name="Half opgeslagen").count() == 0


@pytest.mark.both_databases
def test_healthz_reports_database(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json["checks"]["database"] is True


def test_a_regions_municipalities_are_asked_once_per_request(app, db):
    """Permission checks ask for a coordinator's municipalities per row of a list: one query
    per request (``portal.scope``), fresh in the next request."""
    from sqlalchemy import event, select

    from portal import scope
    from portal.models import Region

    region = db.session.scalar(select(Region).where(Region.slug == "flevoland"))
    region.region_ids()  # load the region tree first: only the municipality queries count
    asked = []

    def count(conn, cursor, statement, *args):
        if "FROM municipality" in statement:
            asked.append(statement)

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        for request_number in (1, 2):  # each request has an app context (and ``g``) of its own
            with app.app_context(), app.test_request_context():
                first = scope.municipality_ids(region)
                assert scope.municipality_ids(region) == first and len(first) == 6
            assert len(asked) == request_number
    finally:
        event.remove(db.engine, "before_cursor_execute", count)
