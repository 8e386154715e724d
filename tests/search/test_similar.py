"""More-like-this on the offer page (``search/_similar.html``)."""

from __future__ import annotations

from flask import render_template


def test_similar_offers_are_published_and_alike(offer, app):
    from portal.search.service import similar_offers

    base = offer(
        title="Robot programmeren",
        summary="Leerlingen programmeren een robotarm",
        description="Robotarm programmeren met sensoren en motoren",
    )
    alike = [
        offer(title=f"Robotarm les {n}", description="Een robotarm programmeren met sensoren")
        for n in range(5)
    ]
    hidden = offer(title="Robotarm concept", description="Robotarm programmeren sensoren", status="draft")
    offer(title="Bakken met brood", description="Deeg kneden en brood bakken")
    found = similar_offers(base)
    assert 1 <= len(found) <= 4
    assert {o.id for o in found} <= {o.id for o in alike}
    assert base not in found and hidden not in found


def test_similar_partial_renders_up_to_four(offer, app):
    base = offer(title="Lassen en solderen", description="Staal lassen in de werkplaats")
    for n in range(6):
        offer(title=f"Lassen {n}", description="Staal lassen en solderen in de werkplaats")
    with app.test_request_context():
        html = render_template("search/_similar.html", offer=base)
    assert html.count('class="card h-100"') == 4 and "<h2" in html


def test_similar_partial_is_empty_without_matches(offer, app):
    base = offer(title="Uniek onderwerp", description="Zeldzaam")
    with app.test_request_context():
        assert "<section" not in render_template("search/_similar.html", offer=base)


def test_healthz_reports_search(client, offer):
    offer(title="Robot")
    body = client.get("/healthz").json
    assert body["checks"]["search"] is True
