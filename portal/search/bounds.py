"""How much work one search may cause: every limit on search input, in one place.

Anyone can type anything into /aanbod, so a search is bounded before a backend sees it:
the characters considered, the search words used (stop words are not searched, so they
do not count), the words the spelling corrector is asked about and their length, the
filter values per group and how deep one can page. ``bound_query`` cuts the text the
page shows (and says so); the backends take their words from ``query_terms`` and
``bounded_words``, so a caller that skips the page is bounded just the same.
The numbers are measured in docs/PERFORMANCE.md ("Adversarial queries").
"""

from __future__ import annotations

import unicodedata

from portal.search.analysis import STOP_WORDS, WORD_RE, fold

MAX_QUERY_CHARS = 200  # the search box's maxlength too
MAX_RAW_CHARS = 4 * MAX_QUERY_CHARS  # read before cleaning (control characters, spaces)
MAX_QUERY_WORDS = 8  # search words; with AND, more words rarely find more
MAX_RELAXED_WORDS = 4  # words of the any-word retry (OR over common words scores everything)
MAX_CORRECTED_WORDS = 3  # words the spelling corrector is asked about per search
MIN_CORRECTED_CHARS, MAX_CORRECTED_CHARS = 4, 30  # the corrector's work grows with length
MAX_RANKED_POSTINGS = 10_000  # Whoosh scores in Python: rank by the rarest words up to this
MAX_FILTER_VALUES = 30  # per filter group (there are fewer real values)
MAX_PAGE = 100  # pages one can browse: the first 1,000 results at 10 a page

CUT_CHARS, CUT_WORDS = "query_chars", "query_words"  # what ``bound_query`` reports


def is_search_word(word: str) -> bool:
    """A folded word the backends search for: stop words are dropped by both."""
    return word not in STOP_WORDS


def bound_query(raw: str) -> tuple[str, str | None]:
    """(query as the page shows it, CUT_CHARS / CUT_WORDS / None).

    Control characters go, whitespace collapses, the text is cut at a space before
    MAX_QUERY_CHARS, then after its MAX_QUERY_WORDS-th search word."""
    text = _clean(raw[:MAX_RAW_CHARS])
    cut = CUT_CHARS if len(raw) > MAX_RAW_CHARS else None
    if len(text) > MAX_QUERY_CHARS:
        head = text[: MAX_QUERY_CHARS + 1]
        text, cut = (head.rsplit(" ", 1)[0] if " " in head else head[:MAX_QUERY_CHARS]), CUT_CHARS
    end = _end_of_allowed_words(text)
    if end is not None:
        text, cut = text[:end].rstrip(), CUT_WORDS
    return text.strip(), cut


def _clean(text: str) -> str:
    text = unicodedata.normalize("NFC", text)
    text = "".join(" " if unicodedata.category(c)[0] in "CZ" else c for c in text)
    return " ".join(text.split())


def _end_of_allowed_words(text: str) -> int | None:
    """Where the first search word past MAX_QUERY_WORDS starts, or None."""
    seen = 0
    for match in WORD_RE.finditer(text):
        seen += sum(1 for w in WORD_RE.findall(fold(match.group())) if is_search_word(w))
        if seen > MAX_QUERY_WORDS:
            return match.start()
    return None


def bounded_words(text: str) -> list[str]:
    """Folded words of ``text`` up to its MAX_QUERY_WORDS-th search word (stop words kept)."""
    out, seen = [], 0
    for word in WORD_RE.findall(fold(text[:MAX_RAW_CHARS])):
        if is_search_word(word):
            if seen == MAX_QUERY_WORDS:
                break
            seen += 1
        out.append(word)
    return out


def query_terms(text: str, match_any: bool = False) -> list[str]:
    """The search words a backend matches, stop words left out: at most MAX_QUERY_WORDS,
    or the first MAX_RELAXED_WORDS for the any-word retry."""
    terms = [w for w in bounded_words(text) if is_search_word(w)]
    return terms[:MAX_RELAXED_WORDS] if match_any else terms


def correctable(word: str) -> bool:
    """Whether the spelling corrector may be asked about this word at all."""
    return MIN_CORRECTED_CHARS <= len(word) <= MAX_CORRECTED_CHARS and is_search_word(word)


def page_number(value: str | None) -> int:
    """``pagina`` as a page in 1..MAX_PAGE; anything odd is page 1."""
    try:
        return min(max(int((value or "1").strip()[:6]), 1), MAX_PAGE)
    except ValueError:
        return 1
