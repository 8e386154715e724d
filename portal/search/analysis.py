"""Dutch text analysis shared by both search backends.

Whoosh gets an analyzer chain (tokenize, lowercase, fold accents, domain overrides,
compound parts, Dutch stop words, Snowball Dutch stemmer). PostgreSQL gets the same
domain knowledge by rewriting text in Python before ``to_tsvector`` /
``websearch_to_tsquery`` (its ``portal_dutch`` configuration folds accents and stems).

``DOMAIN_TERMS`` is the maintained list: words the Snowball stemmer gets wrong and words
teachers write differently. Keys are lowercased, accent-folded words; the value is the
canonical word (or words) both the index and the query use. Add a line, run
``flask search reindex``.
"""

from __future__ import annotations

import re
import unicodedata

from whoosh.analysis import (
    CharsetFilter,
    Filter,
    LowercaseFilter,
    RegexTokenizer,
    StemFilter,
    StopFilter,
)
from whoosh.lang import stemmer_for_language, stopwords_for_language
from whoosh.support.charset import accent_map

DOMAIN_TERMS: dict[str, str] = {
    # gastles: the stemmer leaves "gastles" but cuts "gastlessen" to "gastless"
    "gastlessen": "gastles",
    "gastles": "gastles",
    "gastlesje": "gastles",
    "lessen": "les",
    "lesje": "les",
    "lesjes": "les",
    "gastdocenten": "gastdocent",
    "gastdocent": "gastdocent",
    # lassen: las, gelast, lassen, lasser ... are one craft
    "lassen": "las",
    "las": "las",
    "gelast": "las",
    "laste": "las",
    "lasten": "las",
    "lasser": "las",
    "lassers": "las",
    "laswerk": "las",
    "lastechniek": "las",
    "solderen": "soldeer",
    "gesoldeerd": "soldeer",
    "soldeer": "soldeer",
    # robots and robotics
    "robots": "robot",
    "robotica": "robot",
    "robotjes": "robot",
    "robotje": "robot",
    # synonyms teachers use
    "informatica": "ict",
    "it": "ict",
    "ict": "ict",
    "programmeren": "programmeer",
    "coderen": "programmeer",
    "codeer": "programmeer",
    "po": "basisschool",
    "basisonderwijs": "basisschool",
    "basisscholen": "basisschool",
    "basisschool": "basisschool",
    "3dprinter": "3d print",
    "3dprinters": "3d print",
    "3dprinten": "3d print",
    "printer": "print",
    "printers": "print",
    "printen": "print",
    "geprint": "print",
    "zonnecel": "zonnepaneel",
    "zonnecellen": "zonnepaneel",
    "pv": "zonnepaneel",
    "bedrijfsbezoeken": "bedrijfsbezoek",
    "excursie": "bedrijfsbezoek",
    "excursies": "bedrijfsbezoek",
    "lesmaterialen": "lesmateriaal",
    "lespakket": "lesmateriaal",
    "lespakketten": "lesmateriaal",
    "techniekles": "techniek gastles",
}

# Heads of compound words: "zonnepanelen" is also indexed as "panelen" (index time only),
# so a search for "paneel" finds it. Longest heads first.
COMPOUND_HEADS: tuple[str, ...] = tuple(
    sorted(
        (
            "panelen",
            "paneel",
            "techniek",
            "technieken",
            "energie",
            "lessen",
            "robot",
            "robots",
            "printer",
            "printers",
            "bouw",
            "schip",
            "schepen",
            "motor",
            "motoren",
            "auto",
            "autos",
            "installatie",
            "installaties",
            "machine",
            "machines",
            "warmte",
            "pomp",
            "pompen",
            "centrale",
            "molen",
            "molens",
            "turbine",
            "turbines",
            "station",
            "stations",
            "school",
            "scholen",
            "bedrijf",
            "bedrijven",
            "werk",
            "water",
            "stroom",
        ),
        key=len,
        reverse=True,
    )
)
MIN_COMPOUND_PREFIX = 3

STOP_WORDS = frozenset(stopwords_for_language("nl"))
WORD_RE = re.compile(r"\w+", re.UNICODE)


def fold(text: str) -> str:
    """Lowercase and strip accents ("Énergie" -> "energie")."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


_HEAD_SET = frozenset(COMPOUND_HEADS)
_HEAD_LENGTHS = sorted({len(h) for h in COMPOUND_HEADS}, reverse=True)
_MIN_COMPOUND = min(_HEAD_LENGTHS) + MIN_COMPOUND_PREFIX


def compound_head(word: str) -> str | None:
    """The longest listed head a word ends with, leaving a real first part ("zonne|panelen")."""
    if len(word) < _MIN_COMPOUND:
        return None
    for length in _HEAD_LENGTHS:
        if len(word) - length >= MIN_COMPOUND_PREFIX and word[-length:] in _HEAD_SET:
            return word[-length:]
    return None


class DomainFilter(Filter):
    """Replace words by their canonical domain form; at index time add compound heads."""

    def __call__(self, tokens):
        for t in tokens:
            replacement = DOMAIN_TERMS.get(t.text)
            if replacement is not None:
                for word in replacement.split():
                    t.text = word
                    yield t
                continue
            original = t.text
            yield t
            if t.mode == "index":
                head = compound_head(original)
                if head is not None:
                    t.text = DOMAIN_TERMS.get(head, head)
                    yield t


def dutch_analyzer():
    """The analyzer for every full-text field."""
    return (
        RegexTokenizer()
        | LowercaseFilter()
        | CharsetFilter(accent_map)
        | DomainFilter()
        | StopFilter(stoplist=STOP_WORDS, minsize=2)
        | StemFilter(stemfn=stemmer_for_language("nl"), lang="nl")
    )


def spelling_analyzer():
    """Unstemmed, accent-folded words: the vocabulary for "did you mean"."""
    return RegexTokenizer() | LowercaseFilter() | CharsetFilter(accent_map)


def words(text: str) -> list[str]:
    """Folded words of a text, limited to what a search box sensibly holds."""
    return WORD_RE.findall(fold(text))[:32]


def rewrite_for_postgres(text: str, *, index: bool) -> str:
    """Apply the domain list to text PostgreSQL then stems (accents: unaccent)."""
    out = []
    for word in WORD_RE.findall(fold(text)):
        replacement = DOMAIN_TERMS.get(word)
        if replacement is not None:
            out.append(replacement)
            continue
        out.append(word)
        head = compound_head(word) if index else None
        if head is not None:
            out.append(DOMAIN_TERMS.get(head, head))
    return " ".join(out)
