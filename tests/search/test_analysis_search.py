"""The Dutch analysis through the public search, on both backends: each phenomenon finds an
offer that a plain stemmer would miss, and both backends index the same tokens."""

from __future__ import annotations

import pytest
from sqlalchemy import select, text

from portal.models import SearchSynonym
from portal.search import synonyms
from portal.search.analysis import index_tokens
from portal.search.documents import build_document


@pytest.mark.parametrize(
    "query, title",
    [
        ("schepen", "Rondleiding over de scheepswerf"),
        ("meubels", "Een dag in de meubelmakerij"),
        ("coöperatie", "Energiecoöperatie Almere zoekt jonge techneuten"),
        ("microbit", "Programmeren met de micro:bit"),
        ("micro:bit", "Programmeren met de microbit"),
        ("micro bit", "Programmeren met de micro:bit"),
        ("3d printen", "Workshop 3D-printen"),
        ("cnc frees", "Werken met de CNC-frees"),
        ("stad", "Steden van de toekomst"),
        ("kinderen", "Techniek voor elk kind"),
        ("robot", "De lasrobot aan het werk"),
        ("lasrobots", "Lassen met een robot"),
    ],
)
def test_the_query_finds_the_offer(offer, ids, query, title):
    wanted = offer(title=title)
    offer(title="Bezoek aan een bakkerij")  # a distractor that must not match
    assert ids(query) == {wanted.id}


def test_windmolen_finds_windturbines_only_through_the_synonym(offer, ids, db):
    turbines = offer(title="Windturbines op zee", description="Hoe een windpark stroom maakt.")
    synonyms.delete(db.session.scalars(select(SearchSynonym).where(SearchSynonym.term == "windmolen")).one())
    db.session.commit()
    assert ids("windmolen") == set()
    synonyms.add("windmolen", "windturbine", two_way=True)
    db.session.commit()
    assert ids("windmolen") == {turbines.id}


def test_provider_municipality_and_theme_names_are_searchable(offer, ids, make):
    company = make.company(name="Meubelmakerij Van Dijk", municipality_slug="noordoostpolder")
    made = offer(title="Een kast maken", organisation=company, terms=[("theme", "maritiem")])
    offer(title="Iets anders")
    assert ids("meubelmakerij") == {made.id}
    assert ids("meubels") == {made.id}
    assert ids("noordoostpolder") == {made.id}
    assert ids("maritiem") == {made.id}


@pytest.mark.parametrize("search_kind", ["postgres"])
def test_postgres_stores_exactly_the_tokens_whoosh_indexes(offer, db):
    made = offer(title="Scheepswerf: CNC-frees en micro:bit", summary="Schepen bouwen in Urk")
    row = db.session.execute(
        text("SELECT array(SELECT lexeme FROM unnest(tsv)) FROM search_document WHERE offer_id = :id"),
        {"id": made.id},
    ).scalar_one()
    doc = build_document(made)
    document = " ".join([doc["title"], doc["keywords"], doc["summary"], doc["body"]])
    assert set(row) == {token for token, _, _ in index_tokens(document)}
    assert {"scheep", "werf", "microbit", "cncfrees", "schip"} <= set(row)
