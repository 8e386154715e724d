"""Search benchmark: ``make bench`` or ``python -m bench --sizes 1000,10000``.

For each size: generate realistic Dutch offers, build each engine's index (time, docs/s),
run a fixed query mix (p50/p95/p99 of the search interface call), run adversarial queries
through the page's whole search path (``bench/adversarial.py``; p95/max), and at
``--http-size`` load the pages (home, /aanbod browsing, searching and the query mix) under
gunicorn (2 workers) next to a hello-world route, for both backends in the same run.
``--http-only`` skips the search-call and adversarial measurements (the indexes are still built).
Prints a table and writes the results into ``--out`` (default docs/PERFORMANCE.md).
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from datetime import date, timedelta

from bench.adversarial import measure_adversarial, whoosh_app
from bench.corpus import Corpus
from bench.engines import BenchQuery, Fts5Engine, PostgresEngine, WhooshEngine
from bench.report import machine_info, render, write_report
from bench.stats import percentiles

PG_URL = os.environ.get("BENCH_DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/portal_bench")


def choose_queries(docs: list[dict], today: date, seed: int = 7) -> list[BenchQuery]:
    """A fixed mix, with words picked by document frequency in this corpus."""
    from collections import Counter

    from portal.search.analysis import STOP_WORDS, WORD_RE, fold

    df = Counter()
    doc_words = []
    for d in docs:
        text = fold(" ".join([d["title"], d["summary"], d["body"]]))
        ws = {w for w in WORD_RE.findall(text) if w.isalpha() and len(w) >= 5 and w not in STOP_WORDS}
        doc_words.append(ws)
        df.update(ws)
    n = len(docs)

    def near(fraction: float, exclude=()) -> str:
        target = max(2, fraction * n)
        return min((w for w in df if w not in exclude), key=lambda w: (abs(df[w] - target), w))

    common = near(0.18)
    rare = near(0.0005)
    m1 = near(0.05, {common})
    m2 = near(0.04, {common, m1})
    rng = random.Random(seed)
    sample = rng.choice([ws for ws in doc_words if len([w for w in ws if df[w] < 0.3 * n]) >= 4])
    four = sorted((w for w in sample if df[w] < 0.3 * n), key=lambda w: -df[w])[:4]
    window = (today, today + timedelta(days=60))
    return [
        BenchQuery("1 common word", common),
        BenchQuery("1 rare word", rare),
        BenchQuery("2 words", f"{m1} {m2}"),
        BenchQuery("4 words", " ".join(four)),
        BenchQuery("common + 2 filters", common, {"audience": ["vmbo-bb"], "municipality": ["almere"]}),
        BenchQuery("2 words + filter", f"{m1} {m2}", {"theme": ["ict", "bouw"]}),
        BenchQuery("2 words, newest", f"{m1} {m2}", sort="nieuw"),
        BenchQuery("common, soonest", common, sort="datum"),
        BenchQuery("rare + dates", rare, dates=window),
        BenchQuery("browse: filter only", "", {"theme": ["ict"]}),
        BenchQuery("browse: page 3", "", sort="nieuw", page=3),
    ]


def measure(engine, queries: list[BenchQuery], repeat: int) -> tuple[dict, dict, dict]:
    """(overall percentiles, per-label p50/p95, per-label hit counts)."""
    totals = {q.label: engine.run(q) for q in queries}  # warm-up; also the hit counts
    times: dict[str, list[float]] = {q.label: [] for q in queries}
    for _ in range(repeat):
        for q in queries:
            start = time.perf_counter()
            engine.run(q)
            times[q.label].append((time.perf_counter() - start) * 1000)
    overall = percentiles([t for ts in times.values() for t in ts])
    per_label = {label: percentiles(ts) for label, ts in times.items()}
    return overall, per_label, totals


def pg_app(url: str):
    from portal import create_app

    _create_database(url)
    return create_app(
        {"SQLALCHEMY_DATABASE_URI": url, "SEARCH_BACKEND": "postgres", "SECRET_KEY": "bench" * 10}
    )


def _create_database(url: str) -> None:
    import psycopg

    name = url.rsplit("/", 1)[1]
    with psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')


def run_size(size: int, args, today: date) -> dict:
    from bench.dbload import load_offers

    print(f"\n== {size} offers ==", file=sys.stderr)
    docs = Corpus(seed=size).documents(size, today)
    queries = choose_queries(docs, today)
    level = {"size": size, "engines": {}, "queries": [(q.label, q.q) for q in queries]}
    engines = [WhooshEngine()] if args.http_only else [WhooshEngine(), Fts5Engine()]
    app = None
    if not args.no_postgres:
        app = pg_app(args.pg_url)
        load_offers(app, docs)
        with app.app_context():
            from portal.extensions import db

            engines.insert(1, PostgresEngine(db.engine))
    for engine in engines:
        print(f"  {engine.name}: building", file=sys.stderr)
        if app is not None and engine.name == "postgres":
            with app.app_context():
                seconds = engine.build(docs)
        else:
            seconds = engine.build(docs)
        if args.http_only:
            print(f"  {engine.name}: build {seconds:.1f}s", file=sys.stderr)
            continue
        overall, per_label, totals = measure(engine, queries, args.repeat)
        level["engines"][engine.name] = {
            "build_s": seconds,
            "docs_per_s": size / seconds,
            "overall": overall,
            "per_label": per_label,
            "hits": totals,
        }
        print(f"  {engine.name}: build {seconds:.1f}s, p95 {overall['p95']:.1f} ms", file=sys.stderr)
        if not args.no_adversarial and engine.name in ("whoosh", "postgres"):
            engine_app = app if engine.name == "postgres" else whoosh_app(engine.root)
            adversarial = measure_adversarial(engine_app, engine.backend, docs, args.repeat)
            level.setdefault("adversarial", {})[engine.name] = adversarial
            worst = max(adversarial.items(), key=lambda item: item[1]["max"])
            print(f"  {engine.name}: adversarial worst {worst[0]} {worst[1]['max']:.1f} ms", file=sys.stderr)
    if size == args.http_size and not args.no_http:
        level["http"] = run_http_level(docs, queries, args, engines[0].root)
    return level


def run_http_level(docs, queries, args, whoosh_root: str) -> dict:
    from bench.dbload import load_offers
    from bench.http_load import run_http
    from portal import create_app

    path = tempfile.mktemp(prefix="bench-page-", suffix=".sqlite3")
    url = f"sqlite:///{path}"
    load_offers(create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "bench" * 10}), docs)
    backends = {
        "whoosh": {
            "PORTAL_SQLALCHEMY_DATABASE_URI": url,
            "PORTAL_SEARCH_INDEX_DIR": whoosh_root,
            "PORTAL_SEARCH_BACKEND": "whoosh",
        }
    }
    if not args.no_postgres:
        backends["postgres"] = {
            "PORTAL_SQLALCHEMY_DATABASE_URI": args.pg_url,
            "PORTAL_SEARCH_BACKEND": "postgres",
        }
    out = {}
    for name, env in backends.items():
        print(f"  http: the pages with {name}", file=sys.stderr)
        out[name] = run_http(
            args.port,
            {**env, "PORTAL_SECRET_KEY": "bench" * 10, "PORTAL_RATELIMIT_ENABLED": "false"},
            queries,
            args.http_seconds,
            args.concurrency,
        )
    return out


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--repeat", type=int, default=15, help="runs of the query mix per engine")
    parser.add_argument("--http-size", type=int, default=10000)
    parser.add_argument("--http-seconds", type=float, default=20)
    parser.add_argument("--concurrency", type=int, default=16, help="connections kept busy (issue 11: 16)")
    parser.add_argument("--port", type=int, default=5105)
    parser.add_argument("--pg-url", default=PG_URL)
    parser.add_argument("--no-postgres", action="store_true")
    parser.add_argument("--no-http", action="store_true")
    parser.add_argument(
        "--http-only", action="store_true", help="only the pages under gunicorn (indexes are still built)"
    )
    parser.add_argument(
        "--no-adversarial", action="store_true", help="skip the adversarial queries (bench/adversarial.py)"
    )
    parser.add_argument("--out", default="docs/PERFORMANCE.md")
    args = parser.parse_args(argv)
    today = date.today()
    started = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    load_before = os.getloadavg()[0]
    levels = []
    for size in (int(s) for s in args.sizes.split(",") if s.strip()):
        levels.append(run_size(size, args, today))
        # written after every level: a long 100k run that is stopped keeps the smaller ones
        machine = machine_info(args.pg_url if not args.no_postgres else None)
        machine += (
            f"; 1-minute load average {load_before:.1f} at start, "
            f"{os.getloadavg()[0]:.1f} at end (above ~0.5 means other work shared the cores)"
        )
        text = render(levels, machine, started, " ".join(sys.argv[1:]))
        write_report(args.out, text)
    print(text)


if __name__ == "__main__":
    main()
