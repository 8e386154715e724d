"""Finding articles: the shared Dutch analysis (stems, lemmas, compounds, synonyms) in SQL,
with the kind and taxonomy filters and pagination; odd input never breaks the page."""

from __future__ import annotations

import pytest

from portal.extensions import db
from portal.knowledge import queries
from tests.knowledge.conftest import write

pytestmark = pytest.mark.both_databases  # the SQL matching and the version claim, on both


def _titles(client, query: str) -> list[str]:
    text = client.get(f"/kennisbank?{query}").get_data(as_text=True)
    return [t for t in ("Robots bouwen", "Zonnepanelen op het dak", "Bedrijfsbezoek LOB") if t in text]


@pytest.fixture
def articles(make):
    coordinator = make.user("coordinator")
    write(
        coordinator,
        title="Robots bouwen",
        summary="Programmeren in de bovenbouw.",
        body="Groep 8 programmeert een robot met een micro:bit.",
        term_ids=[make.term("theme", "productie-robotica").id, make.term("audience", "po-7-8").id],
    )
    write(
        coordinator,
        kind="lesson_idea",
        title="Zonnepanelen op het dak",
        summary="Meten aan energie.",
        body="Leerlingen meten wat een zonnepaneel oplevert.",
        term_ids=[make.term("theme", "energietransitie").id, make.term("profile", "pie").id],
    )
    write(
        coordinator,
        kind="background",
        title="Bedrijfsbezoek LOB",
        summary="Een dag op bezoek.",
        body="Loopbaanoriëntatie bij een scheepswerf.",
    )
    write(coordinator, publish=False, title="Robots concept", body="Nog niet af: robots.")


def test_words_match_their_stems_lemmas_and_compound_parts(client, articles):
    assert _titles(client, "q=robots") == ["Robots bouwen"]
    assert _titles(client, "q=zonnepaneel") == ["Zonnepanelen op het dak"]
    assert _titles(client, "q=microbit") == ["Robots bouwen"]
    assert _titles(client, "q=werf") == ["Bedrijfsbezoek LOB"]  # scheepswerf -> scheep + werf
    assert _titles(client, "q=LOOPBAANORIENTATIE") == ["Bedrijfsbezoek LOB"]  # case and accents


def test_every_word_must_match_and_drafts_are_never_found(client, articles):
    assert _titles(client, "q=robot+zonnepaneel") == []
    assert "Robots concept" not in client.get("/kennisbank?q=robots").get_data(as_text=True)


def test_kind_and_taxonomy_filters(client, articles):
    assert _titles(client, "soort=lesson_idea") == ["Zonnepanelen op het dak"]
    assert _titles(client, "soort=lesson_idea&soort=background") == [
        "Zonnepanelen op het dak",
        "Bedrijfsbezoek LOB",
    ]
    assert _titles(client, "thema=productie-robotica") == ["Robots bouwen"]
    assert _titles(client, "profiel=pie") == ["Zonnepanelen op het dak"]
    assert _titles(client, "doelgroep=po-7-8&q=robot") == ["Robots bouwen"]
    assert _titles(client, "thema=productie-robotica&thema=energietransitie") == [
        "Robots bouwen",
        "Zonnepanelen op het dak",
    ]
    # a term found through its label: the theme's words are indexed with the article
    assert _titles(client, "q=energietransitie") == ["Zonnepanelen op het dak"]


@pytest.mark.parametrize(
    "query",
    [
        "q=%25",
        "q=_",
        "q='%3B+drop",
        "soort=onbekend",
        "pagina=abc",
        "pagina=99999",
        "q=" + "a" * 900,
        "thema=%00",
    ],
)
def test_odd_input_answers_a_page(client, articles, query):
    assert client.get(f"/kennisbank?{query}").status_code == 200


def test_a_like_wildcard_in_the_query_is_a_character_not_a_wildcard(app, articles):
    with app.test_request_context("/kennisbank?q=rob%25"):
        from flask import request

        page = queries.search(queries.ArticleSearch.from_args(request.args))
    assert page.total == 0


def test_pagination_shows_ten_an_page(client, make):
    coordinator = make.user("coordinator")
    for n in range(12):
        write(coordinator, title=f"Lesidee nummer {n}", summary="Bouwen.", body="Een lesidee over bruggen.")
    first = client.get("/kennisbank?q=brug").get_data(as_text=True)
    assert "12 artikelen" in first and first.count("Lesidee nummer") == 10
    second = client.get("/kennisbank?q=brug&pagina=2").get_data(as_text=True)
    assert second.count("Lesidee nummer") == 2
    assert db.session.scalar(db.select(db.func.count()).select_from(db.text("article"))) == 12


def test_the_offer_search_points_to_articles_with_the_same_words_and_themes(client, articles, make):
    page = client.get("/aanbod?q=robots").get_data(as_text=True)
    assert "Ook in de kennisbank: 1 artikel over je zoekopdracht" in page
    assert "/kennisbank?q=robots" in page
    themed = client.get("/aanbod?thema=energietransitie").get_data(as_text=True)
    assert "/kennisbank?thema=energietransitie" in themed
    assert "Ook in de kennisbank" not in client.get("/aanbod?q=zeppelin").get_data(as_text=True)
    assert "Ook in de kennisbank" not in client.get("/aanbod").get_data(as_text=True)
