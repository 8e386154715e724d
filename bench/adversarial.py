"""Adversarial searches: input meant to make one search expensive.

Unlike the main mix (one ``Backend.query`` call), these go the whole way a /aanbod
request goes: ``parse_args`` on the raw URL arguments (the bounds), then
``service.search`` (the query, the relaxed any-word retry, "did you mean" and its
check queries). Every call gets a fresh random query of its type, so no cache helps.
"""

from __future__ import annotations

import random
import time
from collections import Counter

from werkzeug.datastructures import MultiDict

from bench.stats import percentiles

TYPES = [
    "40 random words",
    "5,000 characters of words",
    "5,000 characters, one word",
    "common words, OR-ish",
    "common words + a typo",
    "long typo strings",
    "page 99999, common word",
    "page 99999, browsing",
    "unknown filter values",
]
LETTERS = "abcdefghijklmnopqrstuvwxyz"


class QueryMaker:
    """Random raw URL arguments of each type, drawn from the corpus's own words."""

    def __init__(self, docs: list[dict], seed: int = 11):
        from portal.search.analysis import STOP_WORDS, WORD_RE, fold

        df = Counter()
        for d in docs[:3000]:
            df.update(set(WORD_RE.findall(fold(" ".join([d["title"], d["summary"], d["body"]])))))
        words = [w for w in df if w.isalpha() and len(w) >= 4 and w not in STOP_WORDS]
        self.vocabulary = sorted(words)
        self.common = sorted(words, key=lambda w: (-df[w], w))[:30]
        self.long = [w for w in self.vocabulary if len(w) >= 12] or self.vocabulary
        self.rng = random.Random(seed)

    def typo(self, word: str) -> str:
        chars = list(word)
        for _ in range(2):
            chars[self.rng.randrange(len(chars))] = self.rng.choice("qxzjkv")
        return "".join(chars)

    def words_up_to(self, chars: int) -> str:
        text = ""
        while len(text) < chars:
            text += self.rng.choice(self.vocabulary) + " "
        return text[:chars]

    def make(self, kind: str) -> MultiDict:
        r = self.rng
        if kind == "40 random words":
            return MultiDict({"q": " ".join(r.choice(self.vocabulary) for _ in range(40))})
        if kind == "5,000 characters of words":
            return MultiDict({"q": self.words_up_to(5000)})
        if kind == "5,000 characters, one word":
            return MultiDict({"q": "".join(r.choice(LETTERS) for _ in range(5000))})
        if kind == "common words, OR-ish":  # every word matches thousands: the any-word retry
            picked = r.sample(self.common, 20)
            return MultiDict(
                {"q": picked[0] + "".join(r.choice([" OR ", " of ", " | ", " "]) + w for w in picked[1:])}
            )
        if kind == "common words + a typo":  # no offer has all: retry, correction, re-checks
            return MultiDict({"q": " ".join([*r.sample(self.common, 7), self.typo(r.choice(self.long))])})
        if kind == "long typo strings":
            return MultiDict({"q": " ".join(self.typo(r.choice(self.long)) for _ in range(40))})
        if kind == "page 99999, common word":
            return MultiDict({"q": r.choice(self.common[:5]), "pagina": "99999"})
        if kind == "page 99999, browsing":
            return MultiDict({"pagina": "99999", "sorteer": r.choice(["nieuw", "datum"])})
        if kind == "unknown filter values":
            args = MultiDict({"q": r.choice(self.common)})
            for name in ("thema", "doelgroep", "profiel", "gemeente", "soort"):
                for _ in range(40):
                    args.add(name, "".join(r.choice(LETTERS) for _ in range(12)))
            return args
        raise ValueError(kind)


def known_values() -> dict[str, dict[str, str]]:
    """The filter values that exist in the generated corpus (the page reads them from the
    database and drops the others before searching)."""
    from bench import corpus

    lists = {
        "kind": sorted(set(corpus.KINDS)),
        "audience": corpus.AUDIENCES,
        "profile": corpus.PROFILES,
        "theme": corpus.THEMES,
        "municipality": corpus.MUNICIPALITIES,
    }
    return {facet: {v: v for v in values} for facet, values in lists.items()}


def run_search(app, backend, args: MultiDict):
    """What the /aanbod view does before rendering: parse (bounded), drop unknown filter
    values, search."""
    from portal.search import service
    from portal.search.params import known_filters_only, parse_args

    with app.app_context():
        app.extensions["portal_search"]["backend"] = backend
        params, _problems = parse_args(args)
        params, _dropped = known_filters_only(params, KNOWN)
        return service.search(params)


def measure_adversarial(app, backend, docs: list[dict], repeat: int) -> dict:
    """Per type: p50/p95/max ms over ``repeat`` fresh queries (after one warm-up each)."""
    maker = QueryMaker(docs)
    out = {}
    for kind in TYPES:
        run_search(app, backend, maker.make(kind))
        times = []
        for _ in range(repeat):
            args = maker.make(kind)
            start = time.perf_counter()
            run_search(app, backend, args)
            times.append((time.perf_counter() - start) * 1000)
        stats = percentiles(times)
        stats["max"] = max(times)
        out[kind] = stats
    return out


KNOWN = known_values()


def whoosh_app(root: str):
    """An app whose search is the bench's Whoosh index (its database is never used)."""
    import tempfile

    from portal import create_app

    path = tempfile.mktemp(prefix="bench-unused-", suffix=".sqlite3")
    return create_app(
        {"SQLALCHEMY_DATABASE_URI": f"sqlite:///{path}", "SEARCH_INDEX_DIR": root, "SECRET_KEY": "bench" * 10}
    )
