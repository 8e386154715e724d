"""Report speed at ten years of history (issue 12, item 6): ``make bench`` or
``python -m bench.reports --db sqlite|postgres``.

Generates ten school years of bookings (100k bookings, 10k offers, 2k schools over the
landsdeel; Core bulk inserts, a fixed seed), then requests every report page, every report
export, the white-spot page and every matrix export through the Flask test client, as an
admin and as a coordinator, with a few filter combinations, and prints p50/p95 per page and
engine. Run it on an idle machine if you can: the numbers include whatever else shares the
cores (the load average is printed with them).
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from datetime import date, datetime, timedelta

from sqlalchemy import insert, select, text

from bench.stats import percentiles

PG_URL = os.environ.get("BENCH_DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/portal_bench")

KINDS = ("guest_lesson", "company_visit", "material", "guest_teacher", "facility")
MODES = ("onsite", "onsite", "onsite", "online", "hybrid")
# status weights of the generated history (roughly what a portal sees)
STATUSES = (
    ("completed", 55),
    ("confirmed", 10),
    ("cancelled", 10),
    ("declined", 8),
    ("expired", 7),
    ("requested", 6),
    ("proposed", 4),
)


def _chunks(rows: list[dict], size: int = 5000):
    for start in range(0, len(rows), size):
        yield rows[start : start + size]


def generate(app, *, bookings: int, offers: int, schools: int, years: int, seed: int = 12) -> dict:
    """Fill the app's (emptied) database; returns what the requests need (user ids, slugs)."""
    from portal.extensions import db
    from portal.models import Municipality, Region, Term, User
    from portal.reference_data import load_reference_data
    from portal.reports.figures import school_year_of

    rng = random.Random(seed)
    with app.app_context():
        if db.engine.dialect.name == "postgresql":
            db.drop_all()
        db.create_all()
        load_reference_data(db.session)
        db.session.commit()
        places = list(db.session.scalars(select(Municipality)))
        terms: dict[str, list[int]] = {}
        for term in db.session.scalars(select(Term).where(Term.active.is_(True))):
            terms.setdefault(term.vocabulary, []).append(term.id)
        conn = db.session.connection()
        tables = db.metadata.tables

        providers = max(50, offers // 20)
        orgs = [
            {
                "id": i + 1,
                "kind": "company",
                "name": f"Aanbieder {i + 1}",
                "verified": True,
                "municipality_id": rng.choice(places).id,
            }
            for i in range(providers)
        ]
        orgs += [
            {
                "id": providers + i + 1,
                "kind": "school",
                "name": f"School {i + 1}",
                "sector": "po" if rng.random() < 0.7 else "vo",
                "verified": True,
                "municipality_id": rng.choice(places).id,
            }
            for i in range(schools)
        ]
        for chunk in _chunks(orgs):
            conn.execute(insert(tables["organisation"]), chunk)
        school_ids = [o["id"] for o in orgs if o["kind"] == "school"]

        this_year = school_year_of(date.today())
        first_day = date(this_year - years + 1, 8, 1)
        offer_rows, offer_terms, offer_audiences = [], [], {}
        for i in range(offers):
            oid = i + 1
            provider = orgs[rng.randrange(providers)]
            kind = rng.choice(KINDS)
            published = datetime.combine(first_day, datetime.min.time()) + timedelta(days=rng.randrange(3000))
            offer_rows.append(
                {
                    "id": oid,
                    "organisation_id": provider["id"],
                    "kind": kind,
                    "status": "published" if rng.random() < 0.85 else rng.choice(["draft", "archived"]),
                    "title": f"Aanbod {oid}",
                    "slug": f"aanbod-{oid}",
                    "summary": "",
                    "description": "",
                    "municipality_id": provider["municipality_id"],
                    "location_mode": "onsite" if kind in ("company_visit", "facility") else rng.choice(MODES),
                    "serves_within_km": rng.choice([None, 10, 25, 40, 60]),
                    "booking_mode": "request",
                    "published_at": published,
                    "created_at": published,
                    "updated_at": published,
                }
            )
            audiences = rng.sample(terms["audience"], rng.randint(1, 3))
            offer_audiences[oid] = audiences
            chosen = audiences + rng.sample(terms["theme"], rng.randint(1, 3))
            if rng.random() < 0.4:
                chosen += rng.sample(terms["profile"], rng.randint(1, 2))
            offer_terms += [{"offer_id": oid, "term_id": t} for t in chosen]
        for chunk in _chunks(offer_rows, 2000):
            conn.execute(insert(tables["offer"]), chunk)
        for chunk in _chunks(offer_terms):
            conn.execute(insert(tables["offer_term"]), chunk)

        statuses = [s for s, weight in STATUSES for _ in range(weight)]
        span = (date.today() + timedelta(days=120) - first_day).days
        booking_rows, events, attendance, feedback = [], [], [], []
        event_id = 0
        for i in range(bookings):
            bid = i + 1
            oid = rng.randrange(offers) + 1
            status = rng.choice(statuses)
            created = datetime.combine(first_day, datetime.min.time()) + timedelta(
                days=rng.randrange(span), minutes=rng.randrange(24 * 60)
            )
            starts = created + timedelta(days=rng.randint(5, 90), hours=rng.randint(0, 8))
            if status in ("requested", "expired", "declined") or (
                status == "cancelled" and rng.random() < 0.5
            ):
                starts = None
            size = rng.randint(8, 32)
            booking_rows.append(
                {
                    "id": bid,
                    "offer_id": oid,
                    "school_id": rng.choice(school_ids),
                    "status": status,
                    "group_size": size,
                    "places": size,
                    "audience_id": rng.choice(offer_audiences[oid]),
                    "starts_at": starts,
                    "ends_at": starts + timedelta(hours=2) if starts else None,
                    "sequence": 0,
                    "created_at": created,
                    "updated_at": created,
                }
            )
            event_id += 1
            events.append(
                {
                    "id": event_id,
                    "booking_id": bid,
                    "from_status": None,
                    "to_status": "requested",
                    "created_at": created,
                }
            )
            answer = {"completed": "confirmed", "confirmed": "confirmed", "declined": "declined"}.get(status)
            if status == "cancelled" and starts is not None:
                answer = "confirmed"
            if status == "proposed":
                answer = "proposed"
            if answer:
                event_id += 1
                events.append(
                    {
                        "id": event_id,
                        "booking_id": bid,
                        "from_status": "requested",
                        "to_status": answer,
                        "created_at": created + timedelta(hours=rng.randint(1, 300)),
                    }
                )
            if status == "expired":
                event_id += 1
                events.append(
                    {
                        "id": event_id,
                        "booking_id": bid,
                        "from_status": "requested",
                        "to_status": "expired",
                        "created_at": created + timedelta(days=14),
                    }
                )
            if status == "completed" and rng.random() < 0.6:
                outcome = rng.choice(["took_place"] * 8 + ["no_show", "cancelled_late"])
                attendance.append(
                    {
                        "booking_id": bid,
                        "status": outcome,
                        "pupils": rng.randint(5, size)
                        if outcome == "took_place" and rng.random() < 0.8
                        else None,
                        "marked_at": starts,
                    }
                )
            if status == "completed" and rng.random() < 0.3:
                feedback.append(
                    {
                        "booking_id": bid,
                        "offer_id": oid,
                        "rating": rng.randint(1, 5),
                        "text": "",
                        "created_at": starts,
                    }
                )
        for name, rows in (
            ("booking", booking_rows),
            ("booking_event", events),
            ("attendance", attendance),
            ("feedback", feedback),
        ):
            for chunk in _chunks(rows):
                conn.execute(insert(tables[name]), chunk)

        region = db.session.scalar(select(Region).where(Region.slug == "noord-holland"))
        admin = User(email="admin@bench.example", name="Admin", role="admin", confirmed_at=datetime.now())
        coordinator = User(
            email="coordinator@bench.example",
            name="Coordinator",
            role="coordinator",
            region=region,
            confirmed_at=datetime.now(),
        )
        db.session.add_all([admin, coordinator])
        if db.engine.dialect.name == "postgresql":
            for table in ("organisation", "offer", "booking", "booking_event", "attendance", "feedback"):
                conn.execute(
                    text(
                        f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "  # noqa: S608
                        f"(SELECT max(id) FROM {table}))"
                    )
                )
        db.session.commit()
        if db.engine.dialect.name == "postgresql":
            conn = db.engine.connect().execution_options(isolation_level="AUTOCOMMIT")
            conn.execute(text("VACUUM ANALYZE"))
            conn.close()
        else:
            db.session.execute(text("ANALYZE"))
            db.session.commit()
        municipality = next(p for p in places if p.region_id in region.region_ids())
        theme = db.session.get(Term, terms["theme"][0])
        return {
            "admin": admin.id,
            "coordinator": coordinator.id,
            "municipality": municipality.slug,
            "theme": theme.code,
            "this_year": this_year,
        }


def scenarios(info: dict) -> list[tuple[str, str, str]]:
    """(label, role, URL) of every report page, export and matrix, with filters."""
    from portal.reports.services import REPORTS, VOCABULARIES

    year = info["this_year"]
    filters = {
        "": "",
        "last year": f"schooljaar={year - 1}",
        "municipality+kind": f"gemeente={info['municipality']}&soort=guest_lesson",
        "theme, 3 years": f"van={year - 2}-08-01&tot={year + 1}-07-31&thema={info['theme']}",
    }
    out = []
    for role in ("admin", "coordinator"):
        for label, query in filters.items():
            if role == "admin" and label == "municipality+kind":
                query += "&regio=noord-holland"
            suffix = f" [{label}]" if label else ""
            out.append((f"rapportages{suffix}", role, f"/beheer/rapportages?{query}"))
            out.append((f"witte-vlekken{suffix}", role, f"/beheer/witte-vlekken?{query}"))
        for name in REPORTS:
            if role == "coordinator" and name == "regios":
                continue
            out.append((f"rapportages/{name}.csv", role, f"/beheer/rapportages/{name}.csv"))
        out.append(
            ("rapportages/maanden.xlsx", role, f"/beheer/rapportages/maanden.xlsx?schooljaar={year - 1}")
        )
        for name in VOCABULARIES:
            out.append((f"witte-vlekken/{name}.csv", role, f"/beheer/witte-vlekken/{name}.csv"))
            out.append((f"witte-vlekken/{name}.xlsx", role, f"/beheer/witte-vlekken/{name}.xlsx"))
    return out


def _client(app, user_id: int):
    from flask_login.utils import _create_identifier

    from portal.accounts import sessions
    from portal.extensions import db
    from portal.models import User

    client = app.test_client()
    with app.app_context():
        user = db.session.get(User, user_id)
        with app.test_request_context(environ_base=client.environ_base):
            identifier = _create_identifier()
        sessions.start(user)
        db.session.commit()
        user_id_text = user.get_id()
    with client.session_transaction() as session:
        session["_user_id"] = user_id_text
        session["_fresh"] = True
        session["_id"] = identifier
    return client


def measure(app, info: dict, repeat: int) -> dict[str, dict]:
    clients = {role: _client(app, info[role]) for role in ("admin", "coordinator")}
    results: dict[str, list[float]] = {}
    for label, role, url in scenarios(info):
        client = clients[role]
        response = client.get(url)  # warm-up, and a check that it answers
        if response.status_code != 200:
            raise SystemExit(f"{url} as {role}: HTTP {response.status_code}")
        times = results.setdefault(f"{role}: {label}", [])
        for _ in range(repeat):
            start = time.perf_counter()
            client.get(url)
            times.append((time.perf_counter() - start) * 1000)
    return {label: percentiles(ts) for label, ts in results.items()}


def build_app(engine: str, pg_url: str):
    from portal import create_app

    if engine == "postgres":
        from bench.__main__ import _create_database

        _create_database(pg_url)
        url = pg_url
    else:
        url = "sqlite:///" + tempfile.mktemp(prefix="bench-reports-", suffix=".sqlite3")
    return create_app(
        {
            "SQLALCHEMY_DATABASE_URI": url,
            "SECRET_KEY": "bench" * 10,
            "RATELIMIT_ENABLED": False,
            "WTF_CSRF_ENABLED": False,
        }
    )


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.reports", description=__doc__)
    parser.add_argument("--db", default="sqlite,postgres", help="sqlite, postgres or both (comma-separated)")
    parser.add_argument("--pg-url", default=PG_URL)
    parser.add_argument("--bookings", type=int, default=100_000)
    parser.add_argument("--offers", type=int, default=10_000)
    parser.add_argument("--schools", type=int, default=2_000)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--repeat", type=int, default=20, help="timed requests per URL")
    args = parser.parse_args(argv)
    summary = []
    for engine in [e.strip() for e in args.db.split(",") if e.strip()]:
        app = build_app(engine, args.pg_url)
        started = time.perf_counter()
        info = generate(
            app, bookings=args.bookings, offers=args.offers, schools=args.schools, years=args.years
        )
        print(f"== {engine}: generated in {time.perf_counter() - started:.1f} s", file=sys.stderr)
        with open("/proc/loadavg") as f:
            load = f.read().strip()
        results = measure(app, info, args.repeat)
        with open("/proc/loadavg") as f:
            load_after = f.read().strip()
        print(f"\n## {engine}: {args.bookings} bookings, {args.offers} offers, {args.schools} schools")
        print(f"loadavg before: {load}; after: {load_after}")
        print(f"{'page':<60} {'p50 ms':>8} {'p95 ms':>8}")
        for label, p in results.items():
            print(f"{label:<60} {p['p50']:>8.1f} {p['p95']:>8.1f}")
        worst = max(results.items(), key=lambda kv: kv[1]["p95"])
        summary.append((engine, worst))
    for engine, (label, p) in summary:
        verdict = "meets" if p["p95"] <= 300 else "MISSES"
        print(f"{engine}: worst p95 {p['p95']:.1f} ms ({label}); {verdict} the 300 ms target")


if __name__ == "__main__":
    main()
