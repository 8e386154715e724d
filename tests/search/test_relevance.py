"""Dutch analysis: stemming, accents, the domain list and compound parts, on both backends."""

from __future__ import annotations

import pytest

from portal.search.backends.base import SearchParams

CASES = [
    # (query, text of the offer that must be found)
    ("gastlessen", "Gastles over techniek"),
    ("gastles", "Wij geven gastlessen in de bovenbouw"),
    ("zonnepaneel", "Werken met zonnepanelen op het dak"),
    ("zonnepanelen", "Een zonnepaneel leggen"),
    ("energie", "De énergie van morgen"),
    ("énergie", "Duurzame energie"),
    ("lassen", "Een las maken in staal"),
    ("lassen", "Hoe wordt een frame gelast?"),
    ("las", "Leerlingen leren lassen"),
    ("robots", "Bouw je eigen robot"),
    ("robot", "Robots in de fabriek"),
    ("informatica", "Kennismaken met ICT"),
    ("ict", "Informatica voor de onderbouw"),
    ("3d-printer", "Zelf 3D printen in de klas"),
    ("3d printen", "Werken met een 3D-printer"),
    ("po", "Voor de basisschool"),
    ("basisschool", "Speciaal voor het po"),
    ("basisscholen", "Voor elke basisschool"),
    ("programmeren", "Leer coderen met micro:bits"),
]


@pytest.mark.parametrize("query, text", CASES)
def test_dutch_query_finds_its_variant(offer, ids, query, text):
    wanted = offer(title=text)
    offer(title="Bezoek aan een bakkerij")  # a distractor that must not match
    assert ids(query) == {wanted.id}


def test_accents_and_case_fold_in_both_directions(offer, ids):
    one = offer(title="Café over Techniek", description="Een gesprek over ÉNERGIE")
    assert ids("cafe") == {one.id}
    assert ids("ENERGIE") == {one.id}


def test_stop_words_alone_do_not_match_everything(offer, ids, find):
    offer(title="Een les in de klas")
    result = find("de het een")
    assert result.total in (0, 1)  # stop words only: no crash, at most the literal offer


def test_compound_part_finds_compound_word(offer, ids):
    """Stretch goal: "paneel" finds "zonnepanelen" (listed compound heads only)."""
    solar = offer(title="Zonnepanelen installeren")
    assert ids("paneel") == {solar.id}
    assert ids("panelen") == {solar.id}


def test_all_words_must_match_and_title_ranks_first(offer, find):
    in_title = offer(title="Robot programmeren", description="Een dag vol techniek")
    in_body = offer(title="Techniekdag", description="We programmeren een robot")
    offer(title="Robot bouwen")  # only one of the two words
    result = find("robot programmeren")
    assert [h.id for h in result.hits] == [in_title.id, in_body.id]


def test_relaxed_retry_when_no_offer_has_all_words(offer, find):
    robot = offer(title="Robot bouwen")
    result = find("robot zeilboot")
    assert result.relaxed and [h.id for h in result.hits] == [robot.id]


def test_did_you_mean_uses_the_index_vocabulary(offer, find):
    offer(title="Zonnepanelen installeren")
    result = find("zonnepanelne")
    assert result.total == 0
    assert result.suggestion == "zonnepanelen"


def test_the_page_search_answers_a_misspelling_with_the_corrected_spelling(app, offer, find):
    from portal.search import service

    solar = offer(title="Zonnepanelen installeren", terms=[("audience", "po-7-8")])
    assert find("zonnepanelne").total == 0  # the plain interface keeps the words as typed
    result = service.search(SearchParams(q="zonnepanelne"), correct_spelling=True)
    assert result.corrected == "zonnepanelen" and [h.id for h in result.hits] == [solar.id]
    # a filter the corrected spelling does not match either: no swap, a suggestion instead
    narrowed = SearchParams(q="zonnepanelne", filters={"audience": ["vmbo-bb"]})
    result = service.search(narrowed, correct_spelling=True)
    assert result.total == 0 and result.corrected is None and result.suggestion_without_filters


def test_no_suggestion_for_words_that_match(offer, find):
    offer(title="Zonnepanelen installeren")
    assert find("zonnepanelen").suggestion is None


def test_highlights_mark_matches_and_escape_html(offer, find):
    offer(title="<b>Lassen</b> & solderen", description="Wij lassen <script>x</script> samen.")
    hit = find("lassen").hits[0]
    title, snippet = str(hit.title), str(hit.snippet)
    assert "<mark>" in title and "<b>" not in title and "&lt;b&gt;" in title
    assert "<mark>" in snippet and "<script" not in snippet


def test_searches_provider_name_and_theme_labels(offer, ids, make):
    company = make.company(name="Scheepswerf De Vries")
    ship = offer(title="Bezoek aan de werf", organisation=company, terms=[("theme", "maritiem")])
    offer(title="Iets anders")
    assert ids("vries") == {ship.id}
    assert ids("maritiem") == {ship.id}
