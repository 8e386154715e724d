"""Totals and facet counts stay right while offers change, and a search that matches many
offers pages through every match exactly once, the best title first.

On PostgreSQL the counts of a search without words or filters come from
``search_tag_count`` (kept by triggers, also on cascaded deletes), the others from
``search_facet``; a search with more than ``RANK_ALL`` matches ranks a bounded candidate
set (``postgres._page_ids``). Both backends must answer the same.
"""

from __future__ import annotations

from collections import Counter

import pytest
from sqlalchemy import select, text

from portal.models.statuses import OfferStatus


def served(*offers) -> dict[str, int]:
    """Municipality slug -> how many of ``offers`` serve it (``offers/coverage.py``): what the
    municipality facet counts."""
    from portal.extensions import db
    from portal.models import Municipality, Offer
    from portal.offers.coverage import offer_columns, served_by_offers

    by_offer = served_by_offers(offer_columns().where(Offer.id.in_([o.id for o in offers])))
    slugs = dict(db.session.execute(select(Municipality.id, Municipality.slug)).tuples().all())
    return dict(Counter(slugs[i] for ids in by_offer.values() for i in ids))


def served_terms(offers, vocabulary: str) -> dict[str, int]:
    return dict(Counter(t.code for o in offers for t in o.terms if t.vocabulary == vocabulary))


def nonzero(counts: dict) -> dict:
    """Whoosh may list a value no offer carries any more with 0; the page shows neither."""
    return {value: n for value, n in counts.items() if n}


@pytest.fixture
def three(make, offer):
    lely = make.company(name="Lely Techniek", municipality_slug="lelystad")
    urk = make.company(name="Urker Scheepsbouw", municipality_slug="urk")
    return (
        offer(
            title="Robots in de stal",
            organisation=lely,
            terms=[("theme", "ict"), ("audience", "po-7-8")],
        ),
        offer(
            title="Robot lassen",
            organisation=urk,
            terms=[("theme", "maritiem"), ("audience", "vmbo-bb")],
        ),
        offer(title="Scheepsbouw", organisation=urk, terms=[("theme", "maritiem")]),
    )


def test_browse_counts_follow_deletes_archiving_and_new_terms(three, make, db, find):
    stal, lassen, scheepsbouw = three
    everything = find("")
    assert everything.total == 3
    assert nonzero(everything.facets["theme"]) == {"ict": 1, "maritiem": 2}
    assert nonzero(everything.facets["municipality"]) == served(*three)

    db.session.delete(lassen)  # its search document goes by a cascaded delete on PostgreSQL
    db.session.commit()
    scheepsbouw.status = OfferStatus.ARCHIVED
    db.session.commit()
    stal.terms.append(make.term("theme", "maritiem"))
    db.session.commit()

    after = find("")
    assert after.total == 1
    assert nonzero(after.facets["theme"]) == {"ict": 1, "maritiem": 1}
    assert nonzero(after.facets["municipality"]) == served(stal)
    assert nonzero(after.facets["audience"]) == {"po-7-8": 1}


def test_a_chosen_facet_counts_its_values_as_if_it_were_not_chosen(three, find):
    one = find("", filters={"theme": ["ict"]})
    assert one.total == 1
    assert nonzero(one.facets["theme"]) == {"ict": 1, "maritiem": 2}
    assert nonzero(one.facets["municipality"]) == served(three[0])

    two = find("robot", filters={"theme": ["maritiem"], "municipality": ["urk"]})
    assert [h.id for h in two.hits] == [three[1].id]
    assert two.total == 1
    # theme counted among robot offers in Urk, municipality among robot offers about maritiem
    robots_serving_urk = [
        o for o in three[:2] if served(o).get("urk")
    ]  # "Robots in de stal" too, if it reaches Urk
    assert nonzero(two.facets["theme"]) == served_terms(robots_serving_urk, "theme")
    assert nonzero(two.facets["municipality"]) == served(three[1])
    assert nonzero(two.facets["audience"]) == {"vmbo-bb": 1}


def test_many_matches_page_through_every_match_once_best_title_first(offer, find, monkeypatch):
    from portal.search.backends import postgres

    # Tiny bounds, so eight matches take the bounded path on PostgreSQL and the pages
    # cross from the exactly ranked candidates into the rest.
    monkeypatch.setattr(postgres, "RANK_ALL", 3)
    monkeypatch.setattr(postgres, "RANK_TOP", 4)
    others = [
        offer(title=f"Bedrijfsbezoek {n}", description="Je ziet hoe een lasrobot werkt.") for n in range(7)
    ]
    best = offer(title="Lasrobot programmeren", description="Een lasrobot aan het werk.")

    seen = []
    for page in (1, 2, 3):
        result = find("lasrobot", per_page=3, page=page)
        assert result.total == 8
        seen += [h.id for h in result.hits]
    assert seen[0] == best.id
    assert sorted(seen) == sorted([best.id, *(o.id for o in others)])


@pytest.mark.parametrize("search_kind", [pytest.param("postgres", marks=pytest.mark.postgres)])
def test_upgrade_fills_facets_and_counts_of_documents_indexed_before_it(three, db, find):
    from portal.search.backends.pg_ddl import SPEED_STATEMENTS

    with db.engine.begin() as conn:
        conn.execute(text("DELETE FROM search_facet"))  # as before migration 0011
        conn.execute(text("DELETE FROM search_tag_count"))
        for statement in SPEED_STATEMENTS:
            conn.execute(text(statement))
    everything = find("")
    assert everything.total == 3
    assert nonzero(everything.facets["theme"]) == {"ict": 1, "maritiem": 2}
    assert find("", filters={"municipality": ["urk"]}).total == served(*three)["urk"]
