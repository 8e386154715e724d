"""Saved-search alerts at scale: ``alerts send`` over 50k saved searches and 10k offers.

Run: ``.venv/bin/python -m bench.alerts`` (part of ``make bench``). It builds a throw-away
portal (SQLite file and Whoosh index in a temporary directory; ``--pg-url`` for
PostgreSQL with its search backend), loads 10k offers of the bench corpus of which a share
went live in the last week, 10k people with 5 saved searches each (words, themes, places,
levels drawn Zipf-like, so popular searches repeat as they do in life), makes every search
due, then times one run of the job (``portal.alerts.sending.send_due`` and its commit:
what ``flask --app portal alerts send`` does) and a second run (idempotency: nothing).
The target (issue 13): within a minute on the 2-core machine.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import random
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

from sqlalchemy import func, insert, select

from bench.corpus import NOUNS, VERBS, Corpus

TARGET_SECONDS = 60.0


def build_app(root: str, pg_url: str | None):
    from portal import create_app

    config = {
        "SECRET_KEY": "bench-" * 8,
        "SQLALCHEMY_DATABASE_URI": pg_url or f"sqlite:///{os.path.join(root, 'alerts.sqlite3')}",
        "SEARCH_INDEX_DIR": os.path.join(root, "index"),
        "SEARCH_BACKEND": "postgres" if pg_url else "whoosh",
        "SITE_URL": "https://portal.example",
        "MAIL_FILE_DIR": os.path.join(root, "mail"),
    }
    return create_app(config)


def documents(offers: int, new_share: float, now, seed: int) -> list[dict]:
    """The bench corpus, with ``new_share`` of the offers published in the last week."""
    rng = random.Random(seed)
    docs = Corpus(seed=seed).documents(offers, now.date())
    for doc in docs:
        if rng.random() < new_share:
            doc["published"] = now - timedelta(minutes=rng.randint(5, 7 * 24 * 60))
        else:
            doc["published"] = now - timedelta(days=rng.randint(8, 400))
    return docs


def search_queries(rng: random.Random, count: int) -> list[str]:
    """Saved searches as stored query strings: popular words and filters repeat."""
    from urllib.parse import urlencode

    from bench.corpus import AUDIENCES, MUNICIPALITIES, THEMES

    words = NOUNS + VERBS
    weights = [1.0 / (rank + 1) for rank in range(len(words))]
    queries = []
    for _ in range(count):
        args: dict = {}
        shape = rng.random()
        if shape < 0.75:
            args["q"] = " ".join(rng.choices(words, weights=weights, k=1 if rng.random() < 0.7 else 2))
        if 0.3 < shape < 0.7:
            args["thema"] = rng.choice(THEMES)
        if shape > 0.6:
            args["gemeente"] = rng.choice(MUNICIPALITIES)
        if rng.random() < 0.3:
            args["doelgroep"] = rng.choice(AUDIENCES)
        if rng.random() < 0.1:
            args["gratis"] = "1"
        queries.append(urlencode(args))
    return queries


def load_people(app, people: int, per_person: int, now, seed: int) -> None:
    from portal.extensions import db
    from portal.models import SavedSearch, User

    rng = random.Random(seed)
    with app.app_context():
        conn = db.session.connection()
        for start in range(0, people, 2000):
            conn.execute(
                insert(User.__table__),
                [
                    {"email": f"docent{n}@example.org", "name": f"Docent {n}", "role": "teacher"}
                    for n in range(start, min(people, start + 2000))
                ],
            )
        user_ids = list(db.session.scalars(select(User.id)))
        queries = search_queries(rng, people * per_person)
        rows = []
        for n, query in enumerate(queries):
            weekly = rng.random() < 0.4
            rows.append(
                {
                    "user_id": user_ids[n // per_person],
                    "name": f"Zoekopdracht {n}",
                    "kind": "offer",
                    "query": query,
                    "frequency": "weekly" if weekly else "daily",
                    "created_at": now - timedelta(days=30),
                    "checked_until": now - timedelta(days=7 if weekly else 1, minutes=1),
                }
            )
        for start in range(0, len(rows), 5000):
            # one person may draw the same search twice: keep the first (unique per person)
            conn.execute(
                insert(SavedSearch.__table__).prefix_with("OR IGNORE")
                if conn.dialect.name == "sqlite"
                else insert(SavedSearch.__table__),
                rows[start : start + 5000],
            )
        db.session.commit()


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--offers", type=int, default=10_000)
    parser.add_argument("--people", type=int, default=10_000)
    parser.add_argument("--per-person", type=int, default=5)
    parser.add_argument("--new-share", type=float, default=0.05, help="offers published in the last week")
    parser.add_argument("--pg-url", default=None, help="PostgreSQL database to fill (it is emptied)")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--profile", default=None, help="write a cProfile of the first run to this file")
    args = parser.parse_args(argv)

    from bench.dbload import load_offers
    from portal.alerts import sending
    from portal.extensions import db
    from portal.models import OutboxMail, SavedSearch, utcnow
    from portal.search import sync

    with tempfile.TemporaryDirectory(prefix="bench-alerts-") as root:
        app = build_app(root, args.pg_url)
        now = utcnow()
        print(
            f"loading {args.offers} offers and {args.people * args.per_person} saved searches",
            file=sys.stderr,
        )
        load_offers(app, documents(args.offers, args.new_share, now, args.seed))
        load_people(app, args.people, args.per_person, now, args.seed)
        with app.app_context():
            db.session.execute(OutboxMail.__table__.delete())
            db.session.commit()
            print("building the search index", file=sys.stderr)
            built = time.perf_counter()
            sync.reindex()
            print(f"  index built in {time.perf_counter() - built:.1f} s", file=sys.stderr)
            searches = db.session.scalar(select(func.count()).select_from(SavedSearch))
            started, cpu = time.perf_counter(), time.process_time()
            if args.profile:
                profiler = cProfile.Profile()
                report = profiler.runcall(sending.send_due)
                profiler.dump_stats(args.profile)
            else:
                report = sending.send_due()
            db.session.commit()
            seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
            again = time.perf_counter()
            second = sending.send_due()
            db.session.commit()
            again = time.perf_counter() - again
            mails = db.session.scalar(select(func.count()).select_from(OutboxMail))
        loadavg = Path("/proc/loadavg")
        load = loadavg.read_text().split()[:3] if loadavg.exists() else ["?"]
        backend = "postgres" if args.pg_url else "whoosh/sqlite"
        print(f"alerts send ({backend}): {searches} saved searches, {args.offers} offers")
        print(f"  first run:  {seconds:.1f} s, of which {cpu:.1f} s CPU in this process ({report})")
        print(f"  second run: {again:.1f} s ({second})")
        print(f"  outbox rows: {mails}; load average {' '.join(load)}")
        verdict = "within" if seconds <= TARGET_SECONDS else "OVER"
        print(f"  {verdict} the target of {TARGET_SECONDS:.0f} s")


if __name__ == "__main__":
    main()
