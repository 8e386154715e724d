"""Dutch word knowledge for search: stop words, the C Snowball stemmer, lemmas and compound splitting.

Pure Python on top of three packages whose data ship inside their wheels (nothing is
downloaded at run time): ``PyStemmer`` (Snowball "dutch", in C), ``simplemma`` (lemmas:
schepen -> schip, steden -> stad) and ``wordfreq`` (how common a Dutch word is, as a Zipf
value: 6 is "de", 3 a word seen once per million words). The word list and the
lemmatizer's dictionary load on first use (a few seconds, ~90 MB per process); every
answer is cached per process.

``split_compound`` cuts a word into known Dutch words: energiecoöperatie -> energie +
coöperatie, scheepswerf -> scheep(s) + werf, windmolenpark -> windmolen (wind + molen) +
park. A part must be a common word (``PART_ZIPF``) that simplemma knows, except a few
productive heads that are rare on their own (``RARE_HEADS``: makerij); ``STOP_PARTS`` and
``STOP_HEADS`` refuse the cuts that only look like compounds (ter|rein, aan|bieder,
waar|heid, proef|jes), and a word much more common than its parts is no compound at all
(tele|foon, tech|niek). The hand lists here are for what the data cannot know.
"""

from __future__ import annotations

import gzip
import importlib.util
import threading
import unicodedata
from functools import lru_cache
from pathlib import Path

import msgpack
import simplemma
import Stemmer


def _word_set(text: str) -> frozenset[str]:
    return frozenset(text.split())


# The Snowball Dutch stop list (the one Whoosh's LanguageAnalyzer("nl") used).
STOP_WORDS = _word_set(
    """aan al alles als altijd andere ben bij daar dan dat de der deze die dit doch doen door dus
    een eens en er ge geen geweest haar had heb hebben heeft hem het hier hij hoe hun iemand iets
    ik in is ja je kan kon kunnen maar me meer men met mij mijn moet na naar niet niets nog nu of
    om omdat onder ons ook op over reeds te tegen toch toen tot u uit uw van veel voor want waren
    was wat werd wezen wie wil worden wordt zal ze zelf zich zij zijn zo zonder zou"""
)

PART_ZIPF = 2.0  # every part of a compound is at least this common ...
RARE_HEAD_ZIPF = 1.0  # ... except these heads, productive but rare on their own
RARE_HEADS = frozenset({"makerij", "makerijen", "kwekerij", "brouwerij", "branderij", "zagerij"})
UNKNOWN_PART_ZIPF = 3.3  # a part simplemma does not know must be this common (lego, tuinbouw)
SHORT_PART_ZIPF = 3.8  # a three-letter first part must be very common (las, kas, zon, pan, zee)
SHORT_HEAD_ZIPF = 3.5  # a three-letter head too (bit, kas)
SPLIT_MARGIN = 1.0  # a word more common than its rarer part plus this is not a compound
MIN_PART = 3
MIN_COMPOUND = 2 * MIN_PART
MAX_PARTS = 4

# First parts that make words look like compounds: prefixes and particles.
STOP_PARTS = STOP_WORDS | _word_set("be ge ver ont her mis toe af mee weg ter ten waar per tus")
# Heads that are really suffixes or word endings (waar|heid, ter|rein, proef|jes, bakke|rij).
STOP_HEADS = STOP_WORDS | _word_set(
    """heid rein bieder schap lijk baar ing isch ster ter tie ties aar eren ers je jes tje tjes
    pje pjes etje etjes lingen end ist den ten sen ren eer ere rij ende erde eerde rende eelde
    gers erts ment essen teren chen heden tellend"""
)
# Words that split into real words but are not compounds of them.
NO_SPLIT = _word_set(
    """programmeren programmeer programmeert programmeerde programmeur televisie telegraaf
    metselaar metselaars handelaar handelaars tuinieren"""
)
# Words whose family neither the stemmer nor the lemmatizer joins: folded word -> the word
# both the index and the query also use. (gelast, lassen and las already stem alike.)
WORD_FAMILIES: dict[str, str] = {
    "lasser": "las",
    "lassers": "las",
    "laswerk": "las",
    "printer": "print",
    "printers": "print",
    "printen": "print",
    "geprint": "print",
    "solderen": "soldeer",
    "gesoldeerd": "soldeer",
    "soldeerbout": "soldeer",
    "robotica": "robot",
    "gastlesje": "gastles",
    "lesjes": "les",
}
LINKS = ("s", "en", "e")  # the linking sounds between parts: scheep-s-werf, boek-en-kast, zonn-e-bloem

_local = threading.local()


def fold(text: str) -> str:
    """Lowercase and strip accents ("Énergie" -> "energie", "coöperatie" -> "cooperatie")."""
    text = text.lower()
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def stem(word: str) -> str:
    """Snowball Dutch (PyStemmer, C). One stemmer per thread: they are not thread-safe."""
    stemmer = getattr(_local, "stemmer", None)
    if stemmer is None:
        stemmer = _local.stemmer = Stemmer.Stemmer("dutch")
    return stemmer.stemWord(word)


@lru_cache(maxsize=200_000)
def _is_known(word: str) -> bool:
    return simplemma.is_known(word, lang="nl")


class _Vocabulary:
    """wordfreq's large Dutch list: folded word -> Zipf value and its most common spelling."""

    def __init__(self) -> None:
        self._zipf: dict[str, float] | None = None
        self._spelling: dict[str, str] = {}
        self._lock = threading.Lock()

    def _load(self) -> dict[str, float]:
        with self._lock:
            if self._zipf is None:
                zipf: dict[str, float] = {}
                # Bucket i holds the words of frequency 10^(-i/100): Zipf 9 - i/100.
                for i, words in enumerate(_word_buckets()):
                    value = 9 - i / 100
                    if value < RARE_HEAD_ZIPF:
                        break
                    for word in words:
                        self._add(zipf, word, value)
                self._zipf = zipf
        return self._zipf

    def _add(self, zipf: dict[str, float], word: str, value: float) -> None:
        folded = fold(word)
        if folded in zipf or not folded.isalpha():
            return
        if value >= PART_ZIPF or (folded in RARE_HEADS and value >= RARE_HEAD_ZIPF):
            zipf[folded] = value
            if folded != word:
                self._spelling[folded] = word

    def zipf(self, folded: str) -> float:
        """How common a folded word is (0 for words rarer than the parts we accept)."""
        return (self._zipf or self._load()).get(folded, 0.0)

    def spelling(self, folded: str) -> str:
        """The word list's most common spelling of a folded word ("cooperatie" -> "coöperatie")."""
        if self._zipf is None:
            self._load()
        return self._spelling.get(folded, folded)

    def known(self, folded: str) -> bool:
        """A Dutch word simplemma knows (asked with its accents where the list has them)."""
        return _is_known(self._spelling.get(folded, folded))


VOCABULARY = _Vocabulary()


def _word_buckets() -> list[list[str]]:
    """wordfreq's large Dutch list, read from the file its wheel ships ("cBpack": gzipped
    msgpack, a header and then the words of each centibel of frequency). Read directly:
    importing wordfreq itself costs half a second of imports (ftfy, langcodes, regex)."""
    spec = importlib.util.find_spec("wordfreq")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("wordfreq is not installed (pip install -r requirements.txt)")
    path = Path(spec.submodule_search_locations[0]) / "data" / "large_nl.msgpack.gz"
    with gzip.open(path, "rb") as fh:
        data = msgpack.load(fh, raw=False)
    if not data or data[0] != {"format": "cB", "version": 1}:
        raise RuntimeError(f"unexpected word list format in {path}")
    return data[1:]


@lru_cache(maxsize=200_000)
def lemma(word: str) -> str:
    """simplemma's lemma of a lowercase word, folded. It knows words with their accents
    ("coöperaties"), so a folded word is asked in the word list's spelling."""
    if word.isascii():
        word = VOCABULARY.spelling(word)
    return fold(simplemma.lemmatize(word, lang="nl"))


def _is_word(part: str, zipf: float) -> bool:
    """A Dutch word simplemma knows, or a common one it does not (lego, tuinbouw)."""
    if zipf >= UNKNOWN_PART_ZIPF and len(part) > MIN_PART:
        return True
    return zipf >= PART_ZIPF and VOCABULARY.known(part)


def _left(part: str) -> tuple[str, float] | None:
    """(base word, Zipf) of a first part, its linking -s-/-e-/-en- taken off, or None."""
    if part in STOP_PARTS or (len(part) == MIN_PART and VOCABULARY.zipf(part) < SHORT_PART_ZIPF):
        return None
    seen = VOCABULARY.zipf(part)
    found = [(part, seen)] if _is_word(part, seen) else []
    for link in LINKS:
        base = part[: -len(link)]
        if not part.endswith(link) or len(base) < MIN_PART:
            continue
        if link != "s" and len(base) > MIN_PART and base[-1] == base[-2]:
            base = base[:-1]  # pann-en-koek, zonn-e-bloem: the doubled consonant goes too
        if base in STOP_PARTS:
            continue
        value = VOCABULARY.zipf(base)
        # "scheep" is no word on its own, but "scheeps" is written as one: a linking form
        if value >= PART_ZIPF and (VOCABULARY.known(base) or (seen >= PART_ZIPF and len(base) > MIN_PART)):
            found.append((base, value))
    return max(found, key=lambda f: f[1]) if found else None


def _head(part: str) -> float:
    """Zipf of a head that may end a compound, or 0."""
    if part in STOP_HEADS:
        return 0.0
    value = VOCABULARY.zipf(part)
    if part in RARE_HEADS and value >= RARE_HEAD_ZIPF:
        return max(value, PART_ZIPF)
    if not _is_word(part, value):
        return 0.0
    return 0.0 if len(part) == MIN_PART and value < SHORT_HEAD_ZIPF else value


def _best_cut(word: str) -> tuple[str, str] | None:
    """One cut, the best by its rarer part: (first part's base, head)."""
    best, score = None, 0.0
    for i in range(MIN_PART, len(word) - MIN_PART + 1):
        head = word[i:]
        if len(head) == MIN_PART and word[i - 1] == head[0] and head[0] not in "aeiou":
            continue  # klik|ken, shop|pen: a doubled consonant before an ending
        head_zipf = _head(head)
        if not head_zipf:
            continue
        left = _left(word[:i])
        if left is not None and min(left[1], head_zipf) > score:
            best, score = (left[0], head), min(left[1], head_zipf)
    if best is None or score < VOCABULARY.zipf(word) - SPLIT_MARGIN:
        return None
    return best


@lru_cache(maxsize=200_000)
def split_compound(word: str) -> tuple[str, ...]:
    """The parts of a folded compound word, longest first parts kept too, or () when it is none.

    windmolenpark -> ("windmolen", "park", "wind", "molen"); parts are base words (the
    linking sound removed: "scheep" of scheepswerf)."""
    if len(word) < MIN_COMPOUND or word in NO_SPLIT or not word.isalpha():
        return ()
    cut = _best_cut(word)
    if cut is None:
        return ()
    parts = list(cut)
    for part in cut:
        parts += [p for p in split_compound(part) if p not in parts]
    return tuple(parts[:MAX_PARTS])


def family(word: str) -> str | None:
    """The hand-listed family word of a folded word (lasser -> las), if any."""
    return WORD_FAMILIES.get(word)


def warm_up() -> None:
    """Load the word list, lemmatizer and stemmer now (a reindex, a worker's start)."""
    VOCABULARY.zipf("")
    lemma("schepen")
    stem("schepen")
