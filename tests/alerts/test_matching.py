"""``Backend.match`` (what the alerts ask the search): on both backends, the same words and
filters as the /aanbod page, restricted to the offers that are new."""

from __future__ import annotations

import pytest

from portal.search import service
from portal.search.backends.base import SearchParams


@pytest.fixture(params=["whoosh", pytest.param("postgres", marks=pytest.mark.postgres)])
def search_kind(request):
    return request.param


@pytest.fixture
def backend(search_kind):
    return "postgres" if search_kind == "postgres" else "sqlite"


@pytest.fixture
def app_config(app_config, search_kind):
    return {**app_config, "SEARCH_BACKEND": search_kind, "SEARCH_WRITER_TIMEOUT": 5}


@pytest.fixture
def offers(make, db):
    almere = make.municipality("almere")
    energy = make.term("theme", "energietransitie")
    made = {
        "las": make.offer(
            title="Lassen in de werkplaats", description="Gelast wordt er ook.", municipality=almere
        ),
        "zon": make.offer(title="Zonnepanelen", description="Energie van de zon.", terms=[energy]),
        "robot": make.offer(title="Robots programmeren", description="Een robotarm.", municipality=almere),
        "oud": make.offer(title="Robots van vroeger", description="Oude robots."),
    }
    db.session.commit()
    service.ensure_index()
    return made


def test_words_filters_and_the_new_offers_decide(offers, make):
    new = [offers[k].id for k in ("las", "zon", "robot")]  # "oud" is not new
    searches = [
        SearchParams(q="robots"),
        SearchParams(q="lassen", filters={"municipality": ["almere"]}),
        SearchParams(filters={"theme": ["energietransitie"]}),
        SearchParams(),
        SearchParams(q="robots", filters={"municipality": ["urk"]}),
        SearchParams(q="onbestaandwoord"),
    ]

    found = service.matching_ids(searches, new)

    ids = {k: o.id for k, o in offers.items()}
    assert found == [
        {ids["robot"]},
        {ids["las"]},
        {ids["zon"]},
        {ids["las"], ids["zon"], ids["robot"]},
        set(),
        set(),
    ]


def test_nothing_new_asks_nothing(offers):
    assert service.matching_ids([SearchParams(q="robots")], []) == [set()]
