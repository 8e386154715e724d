"""Snippets that start at a sentence or word boundary and never cut a word.

Both backends pick the part of an offer's text around the search words (Whoosh by
characters, PostgreSQL's ``ts_headline`` by words); ``snap`` moves that part's edges to
whole words, to the start of a sentence that begins a few words earlier or later, and to the
end of a sentence close after it. ``ellipses`` says where text was left out; ``shorten``
cuts a summary for a card the same way.
"""

from __future__ import annotations

import re

# A sentence starts at the beginning of the text, after a blank line or line break, or
# after ". ", "! ", "? " followed by a capital, a digit or an opening quote.
_SENTENCE_START = re.compile(r"(?:^|\n\s*|[.!?][\"'”’)]?\s+)(?=[A-Z0-9ÀÁÂÄÈÉÊËÍÏÓÔÖÚÜ\"'“‘(])")
_SENTENCE_END = ".!?"
LOOK_BACK = 60  # characters: a sentence that starts this close before is shown whole
LOOK_AHEAD = 60  # characters: the tail of the previous sentence this short is dropped
ELLIPSIS = "…"


def _sentence_starts(text: str) -> list[int]:
    return sorted({m.end() for m in _SENTENCE_START.finditer(text)})


def _word_start(text: str, pos: int) -> int:
    while 0 < pos < len(text) and not text[pos - 1].isspace():
        pos -= 1
    return pos


def _word_end(text: str, pos: int) -> int:
    while 0 < pos < len(text) and not text[pos].isspace():
        pos += 1
    return pos


def snap(text: str, start: int, end: int, keep: int | None = None) -> tuple[int, int]:
    """``text[start:end]`` widened or narrowed to whole words and, where one is close, to a
    sentence boundary. ``keep``: the first character that must stay in (the first match)."""
    start, end = max(0, min(start, len(text))), max(0, min(end, len(text)))
    keep = start if keep is None else keep
    starts = _sentence_starts(text)
    ahead = [s for s in starts if start < s <= min(start + LOOK_AHEAD, keep)]
    behind = [s for s in starts if start - LOOK_BACK <= s <= start]
    if ahead:
        start = ahead[0]
    elif behind:
        start = behind[-1]
    else:
        start = _word_start(text, start)
    end = _word_end(text, max(end, start))
    sentence_end = next(
        (
            i + 1
            for i in range(end - 1, min(end + LOOK_AHEAD, len(text)))
            if i >= 0 and text[i] in _SENTENCE_END
        ),
        None,
    )
    if sentence_end is not None and (sentence_end == len(text) or text[sentence_end].isspace()):
        end = max(end, sentence_end)
    while start < len(text) and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def ellipses(text: str, start: int, end: int) -> tuple[bool, bool]:
    """(text left out before, text left out after) ``text[start:end]``."""
    before = bool(text[:start].strip()) and start not in _sentence_starts(text)
    after = bool(text[end:].strip()) and not (end and text[end - 1] in _SENTENCE_END)
    return before, after


def shorten(text: str, limit: int) -> str:
    """At most about ``limit`` characters of ``text``: whole sentences when they fill at least
    half of it, else whole words and an ellipsis."""
    text = " ".join((text or "").split())
    if len(text) <= limit:
        return text
    ends = [m.start() for m in re.finditer(r"[.!?](?=\s)", text[: limit + 1])]
    if ends and ends[-1] + 1 >= limit // 2:
        return text[: ends[-1] + 1]
    cut = text.rfind(" ", 0, limit + 1)
    cut = cut if cut > 0 else _word_end(text, limit)
    return text[:cut].rstrip(" ,;:-–") + ELLIPSIS
