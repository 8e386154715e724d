"""The relevance test set of issue 11: offers and judged queries, run through the public search.

``offers.json`` holds realistic offers written for this set (not the demo); ``queries.json``
holds queries the way teachers type them, each with the offers a teacher would count as a
good answer, judged by reading the offers (never from the engine's output). A query's
``relevant`` list puts the best answers first; ``grades`` (optional) gives each key 2
(exactly what was asked) or 1 (related); keys without a grade count as 2.

Metrics, over the first ``K`` hits of ``portal.search.service.search``:
- MRR@10: the mean of 1 / rank of the first relevant offer (0 when none is in the top 10);
- nDCG@10: discounted gain (2**grade - 1) / log2(rank + 1), divided by the best possible.

Used by ``test_relevance_set.py`` (both backends, through the test fixtures) and by
``scripts/relevance.py`` (``make bench``), which builds an app of its own.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from portal.search import service
from portal.search.backends.base import SearchParams, SearchResult

HERE = Path(__file__).resolve().parent
OFFERS_FILE = HERE / "offers.json"
QUERIES_FILE = HERE / "queries.json"
K = 10
CATEGORIES = (
    "plural",
    "diminutive",
    "compound_split",
    "compound_join",
    "lemma_irregular",
    "synonym",
    "accent",
    "punctuation",
    "typo",
    "provider",
    "place",
    "multiword",
    "exact",
)
KINDS = ("guest_lesson", "company_visit", "material")
MIN_OFFERS = 150
MIN_QUERIES = 150
MIN_PER_CATEGORY = 10


def load_offers() -> list[dict]:
    return json.loads(OFFERS_FILE.read_text(encoding="utf-8"))


def load_queries() -> list[dict]:
    return json.loads(QUERIES_FILE.read_text(encoding="utf-8"))


def grades_of(query: dict) -> dict[str, int]:
    """key -> grade (1 or 2) for every relevant offer of a query."""
    given = query.get("grades", {})
    return {key: given.get(key, 2) for key in query["relevant"]}


def problems(
    offers: list[dict], queries: list[dict], terms: dict[str, set[str]], places: set[str]
) -> list[str]:
    """Everything wrong with the two files; ``terms`` maps vocabulary -> known codes."""
    found: list[str] = []
    keys = [o.get("key") for o in offers]
    found += [f"duplicate offer key {k!r}" for k, n in Counter(keys).items() if n > 1]
    for o in offers:
        where = f"offer {o.get('key')!r}"
        for name in ("key", "title", "summary", "description", "provider"):
            if not isinstance(o.get(name), str) or not o[name].strip():
                found.append(f"{where}: no {name}")
        if o.get("kind") not in KINDS:
            found.append(f"{where}: kind {o.get('kind')!r}")
        if o.get("municipality") not in places:
            found.append(f"{where}: municipality {o.get('municipality')!r}")
        for field_name, vocabulary in (
            ("audiences", "audience"),
            ("profiles", "profile"),
            ("themes", "theme"),
        ):
            unknown = set(o.get(field_name, [])) - terms[vocabulary]
            if unknown:
                found.append(f"{where}: unknown {vocabulary} codes {sorted(unknown)}")
        if not o.get("audiences") or not o.get("themes"):
            found.append(f"{where}: needs an audience and a theme")
    known = set(keys)
    texts = [q.get("q") for q in queries]
    found += [f"duplicate query {t!r}" for t, n in Counter(texts).items() if n > 1]
    for q in queries:
        where = f"query {q.get('q')!r}"
        if not isinstance(q.get("q"), str) or not q["q"].strip():
            found.append(f"{where}: empty")
        if q.get("category") not in CATEGORIES:
            found.append(f"{where}: category {q.get('category')!r}")
        relevant = q.get("relevant") or []
        if not relevant:
            found.append(f"{where}: no relevant offer")
        if len(set(relevant)) != len(relevant):
            found.append(f"{where}: a relevant key twice")
        found += [f"{where}: unknown offer {k!r}" for k in relevant if k not in known]
        grades = q.get("grades", {})
        found += [f"{where}: grade for a key not in relevant: {k!r}" for k in grades if k not in relevant]
        found += [f"{where}: grade {g!r} for {k!r}" for k, g in grades.items() if g not in (1, 2)]
    per_category = Counter(q.get("category") for q in queries)
    found += [
        f"category {c}: {per_category[c]} queries (< {MIN_PER_CATEGORY})"
        for c in CATEGORIES
        if per_category[c] < MIN_PER_CATEGORY
    ]
    if len(offers) < MIN_OFFERS:
        found.append(f"{len(offers)} offers (< {MIN_OFFERS})")
    if len(queries) < MIN_QUERIES:
        found.append(f"{len(queries)} queries (< {MIN_QUERIES})")
    return found


def create_offers(make, session, offers: Iterable[dict]) -> dict[int, str]:
    """Create the offers (published, one organisation per provider name) through the test
    factories and commit; returns offer id -> key."""
    organisations: dict[str, object] = {}
    key_of: dict[int, str] = {}
    for o in offers:
        organisation = organisations.get(o["provider"])
        if organisation is None:
            organisation = make.company(
                name=o["provider"], verified=True, municipality_slug=o["municipality"]
            )
            organisations[o["provider"]] = organisation
        terms = [
            (vocabulary, code)
            for vocabulary, codes in (
                ("audience", o["audiences"]),
                ("profile", o["profiles"]),
                ("theme", o["themes"]),
            )
            for code in codes
        ]
        offer = make.offer(
            organisation=organisation,
            kind=o["kind"],
            title=o["title"],
            slug=o["key"],
            summary=o["summary"],
            description=o["description"],
            municipality=make.municipality(o["municipality"]),
            terms=terms,
        )
        key_of[offer.id] = o["key"]
    session.commit()
    return key_of


def reciprocal_rank(ranked: list[str], relevant: Iterable[str]) -> float:
    wanted = set(relevant)
    for rank, key in enumerate(ranked[:K], start=1):
        if key in wanted:
            return 1.0 / rank
    return 0.0


def ndcg(ranked: list[str], grades: dict[str, int]) -> float:
    def gain(grade: int, rank: int) -> float:
        return (2**grade - 1) / math.log2(rank + 1)

    dcg = sum(gain(grades.get(key, 0), rank) for rank, key in enumerate(ranked[:K], start=1))
    ideal = sum(gain(g, rank) for rank, g in enumerate(sorted(grades.values(), reverse=True)[:K], start=1))
    return dcg / ideal if ideal else 0.0


@dataclass
class QueryResult:
    query: dict
    ranked: list[str]  # keys of the top K hits, in order
    rr: float
    ndcg: float
    suggestion: str | None = None  # the "did you mean" the page would show
    relaxed: bool = False  # no offer had every word: any-word results
    corrected: str | None = None  # nothing matched as typed: the hits of this spelling

    @property
    def first_relevant(self) -> int | None:
        wanted = set(self.query["relevant"])
        return next((n for n, key in enumerate(self.ranked, start=1) if key in wanted), None)


@dataclass
class Report:
    backend: str
    results: list[QueryResult] = field(default_factory=list)

    @staticmethod
    def _mean(values: list[float]) -> float:
        return sum(values) / len(values) if values else 0.0

    @property
    def mrr(self) -> float:
        return self._mean([r.rr for r in self.results])

    @property
    def ndcg(self) -> float:
        return self._mean([r.ndcg for r in self.results])

    def by_category(self) -> dict[str, tuple[int, float, float]]:
        """category -> (queries, MRR@10, nDCG@10)."""
        out = {}
        for category in CATEGORIES:
            rows = [r for r in self.results if r.query["category"] == category]
            out[category] = (len(rows), self._mean([r.rr for r in rows]), self._mean([r.ndcg for r in rows]))
        return out

    @property
    def failing(self) -> list[QueryResult]:
        """Queries with no relevant offer in the top K."""
        return [r for r in self.results if r.rr == 0.0]

    def worst(self, n: int = 20) -> list[QueryResult]:
        return sorted(self.results, key=lambda r: (r.rr, r.ndcg, r.query["q"]))[:n]


def portal_search(q: str) -> SearchResult:
    """The public search interface, as the /aanbod page calls it (first page, K hits)."""
    return service.search(SearchParams(q=q, per_page=K), correct_spelling=True)


def evaluate(
    backend: str,
    key_of: dict[int, str],
    queries: list[dict],
    search: Callable[[str], SearchResult] = portal_search,
) -> Report:
    """Run every query through ``search`` (in an app context) and score it."""
    report = Report(backend)
    for query in queries:
        result = search(query["q"])
        ranked = [key_of.get(hit.id, f"#{hit.id}") for hit in result.hits[:K]]
        report.results.append(
            QueryResult(
                query,
                ranked,
                reciprocal_rank(ranked, query["relevant"]),
                ndcg(ranked, grades_of(query)),
                result.suggestion,
                result.relaxed,
                result.corrected,
            )
        )
    return report


def render(report: Report, worst: int = 20) -> str:
    """A plain-text summary: overall, per category, the failing and the worst queries."""
    lines = [
        f"== relevance set on {report.backend}: {len(report.results)} queries, "
        f"MRR@{K} {report.mrr:.3f}, nDCG@{K} {report.ndcg:.3f}, "
        f"{len(report.failing)} with no relevant offer in the top {K}",
        f"  {'category':<16} {'n':>3} {'MRR':>6} {'nDCG':>6}",
    ]
    for category, (n, mrr, nd) in report.by_category().items():
        lines.append(f"  {category:<16} {n:>3} {mrr:>6.3f} {nd:>6.3f}")
    lines.append(f"  worst {worst} (query [category] first relevant rank, nDCG; top 3 returned):")
    for r in report.worst(worst):
        rank = r.first_relevant or "-"
        top = ", ".join(r.ranked[:3]) or "(nothing)"
        extra = " (any-word retry)" if r.relaxed else ""
        extra += f" (did you mean {r.suggestion!r})" if r.suggestion else ""
        extra += f" (corrected to {r.corrected!r})" if r.corrected else ""
        lines.append(
            f"    {r.query['q']!r} [{r.query['category']}] rank {rank}, nDCG {r.ndcg:.2f}; {top}{extra}"
        )
    return "\n".join(lines)
