"""Relevance of the offer search (issue 11): ``python scripts/relevance.py`` (``make bench`` too).

Loads ``tests/search/relevance`` (realistic offers and judged teacher queries) into a fresh
database per backend, runs every query through the public search interface and prints
MRR@10 and nDCG@10 overall and per category, and the worst queries. Whoosh runs on a
temporary SQLite file; PostgreSQL on ``--pg-url`` (dropped and recreated: use a database of
its own). ``--json FILE`` also writes every query's top 10.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from portal import create_app  # noqa: E402
from portal.extensions import db  # noqa: E402
from portal.reference_data import load_reference_data  # noqa: E402
from tests.factories import Factories  # noqa: E402
from tests.search.relevance import harness  # noqa: E402

PG_URL = os.environ.get("RELEVANCE_DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/portal_relevance")


def run(backend: str, database_url: str, workdir: str) -> harness.Report:
    """Build a fresh portal database with the relevance offers and score the queries."""
    app = create_app(
        {
            "SQLALCHEMY_DATABASE_URI": database_url,
            "SEARCH_BACKEND": backend,
            "SEARCH_INDEX_DIR": os.path.join(workdir, f"index-{backend}"),
            "SECRET_KEY": "relevance" * 6,
            "MAIL_SUPPRESS_SEND": True,
            "MAIL_FILE_DIR": os.path.join(workdir, "mail"),
            "UPLOAD_DIR": os.path.join(workdir, "uploads"),
            "RATELIMIT_ENABLED": False,
        }
    )
    with app.app_context():
        if db.engine.dialect.name == "postgresql":
            db.drop_all()
        db.create_all()
        load_reference_data(db.session)
        db.session.commit()
        key_of = harness.create_offers(Factories(db.session), db.session, harness.load_offers())
        report = harness.evaluate(backend, key_of, harness.load_queries())
        db.session.remove()
        db.engine.dispose()
    return report


def _create_database(url: str) -> None:
    import psycopg  # noqa: PLC0415  (only when PostgreSQL is measured)

    base, name = url.rsplit("/", 1)
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="scripts/relevance.py", description=__doc__)
    parser.add_argument("--pg-url", default=PG_URL, help="PostgreSQL database (dropped and recreated)")
    parser.add_argument("--no-postgres", action="store_true")
    parser.add_argument("--worst", type=int, default=20, help="how many of the worst queries to list")
    parser.add_argument("--json", help="write every query's result to this file")
    args = parser.parse_args(argv)
    reports = []
    with tempfile.TemporaryDirectory(prefix="relevance-") as workdir:
        reports.append(run("whoosh", f"sqlite:///{workdir}/relevance.sqlite3", workdir))
        print(harness.render(reports[-1], args.worst), flush=True)
        if not args.no_postgres:
            try:
                _create_database(args.pg_url)
            except Exception as error:  # a bench run without PostgreSQL still reports Whoosh
                print(f"== relevance set on postgres: skipped, cannot reach {args.pg_url}: {error}")
            else:
                reports.append(run("postgres", args.pg_url, workdir))
                print(harness.render(reports[-1], args.worst), flush=True)
    print(
        "== relevance summary: "
        + "; ".join(f"{r.backend} MRR@10 {r.mrr:.3f}, nDCG@10 {r.ndcg:.3f}" for r in reports)
    )
    if args.json:
        Path(args.json).write_text(
            json.dumps(
                {
                    r.backend: [
                        {
                            "q": x.query["q"],
                            "category": x.query["category"],
                            "rr": x.rr,
                            "ndcg": x.ndcg,
                            "top": x.ranked,
                        }
                        for x in r.results
                    ]
                    for r in reports
                },
                ensure_ascii=False,
                indent=1,
            )
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
