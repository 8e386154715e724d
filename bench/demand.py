"""Demand-side benchmark (issue 13, item 5): one teacher request matched against 10,000
providers' offers and preferences, and the providers told, within a minute.

``python -m bench.demand`` (part of ``make bench``) or ``--providers 20000 --database-url
postgresql://postgres@127.0.0.1:5432/portal_bench_demand``. Generates providers spread over
the landsdeel's 76 municipalities, each with one or two published offers (theme, level,
kind, on location or online, reach) and a mail preference (at once, daily digest, off, some
narrowed to themes) and one staff member; then posts requests through
``portal.requests.services.create`` (match, ``RequestNotice`` rows, mails at once into the
outbox) and times each. Exits non-zero when one takes a minute or more.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from datetime import timedelta

LIMIT_SECONDS = 60.0
KINDS = ["guest_lesson", "company_visit", "material", "guest_teacher", "facility"]
MODES = ["onsite"] * 6 + ["online", "hybrid"]
FREQUENCIES = ["instant", "daily", "daily", "off"]


def _load(db, providers: int, rng: random.Random) -> None:
    from sqlalchemy import insert, select

    from portal.models import Municipality, Offer, Organisation, RequestPreference, Term, User, utcnow
    from portal.models.offers import offer_term

    municipalities = list(db.session.scalars(select(Municipality.id)))
    themes = list(db.session.scalars(select(Term.id).where(Term.vocabulary == "theme")))
    audiences = list(db.session.scalars(select(Term.id).where(Term.vocabulary == "audience")))
    now = utcnow()
    first_org = (
        db.session.scalar(select(Organisation.id).order_by(Organisation.id.desc()).limit(1)) or 0
    ) + 1
    first_offer = (db.session.scalar(select(Offer.id).order_by(Offer.id.desc()).limit(1)) or 0) + 1
    orgs, users, prefs, offers, links = [], [], [], [], []
    offer_id = first_offer
    for i in range(providers):
        org_id = first_org + i
        home = rng.choice(municipalities)
        orgs.append(
            dict(
                id=org_id,
                kind="company",
                name=f"Bench bedrijf {i}",
                municipality_id=home,
                verified=True,
                created_at=now,
            )
        )
        users.append(
            dict(
                email=f"bench{i}@bench.example",
                name=f"Medewerker {i}",
                role="provider",
                organisation_id=org_id,
                membership_status="approved",
                is_org_admin=True,
                login_token=f"t{i}",
                confirmed_at=now,
                active=True,
                created_at=now,
                notification_prefs={},
            )
        )
        frequency = rng.choice(FREQUENCIES)
        narrowed = rng.sample(themes, 2) if rng.random() < 0.2 else None
        prefs.append(dict(organisation_id=org_id, frequency=frequency, theme_ids=narrowed, updated_at=now))
        for _ in range(rng.choice([1, 1, 2])):
            offers.append(
                dict(
                    id=offer_id,
                    organisation_id=org_id,
                    kind=rng.choice(KINDS),
                    status="published",
                    title=f"Aanbod {offer_id}",
                    slug=f"aanbod-{offer_id}",
                    summary="",
                    description="",
                    municipality_id=home,
                    location_mode=rng.choice(MODES),
                    serves_within_km=rng.choice([None, 10, 25, 50]),
                    booking_mode="request",
                    capacity_unit="pupils",
                    auto_confirm=False,
                    featured=False,
                    edit_pending=False,
                    version=1,
                    vog_available=False,
                    created_at=now,
                    updated_at=now,
                    published_at=now,
                )
            )
            for term in {
                rng.choice(themes),
                rng.choice(themes),
                rng.choice(audiences),
                rng.choice(audiences),
            }:
                links.append(dict(offer_id=offer_id, term_id=term))
            offer_id += 1
    for table, rows in ((Organisation, orgs), (User, users), (RequestPreference, prefs), (Offer, offers)):
        db.session.execute(insert(table), rows)
    db.session.execute(insert(offer_term), links)
    db.session.commit()
    if db.engine.dialect.name == "postgresql":  # planner statistics, as autovacuum keeps them
        with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.exec_driver_sql("ANALYZE")


def _teacher(db):
    from sqlalchemy import select

    from portal.models import Municipality, Organisation, User, utcnow

    lelystad = db.session.scalar(select(Municipality).where(Municipality.slug == "lelystad"))
    school = Organisation(
        kind="school", name="Bench school", sector="vo", municipality=lelystad, verified=True
    )
    teacher = User(
        email="docent@bench.example",
        name="Docent",
        role="teacher",
        organisation=school,
        membership_status="approved",
        confirmed_at=utcnow(),
    )
    db.session.add_all([school, teacher])
    db.session.commit()
    return teacher


def _post(db, teacher, rng: random.Random, online: bool):
    from sqlalchemy import select

    from portal.models import Term, local_now
    from portal.requests import services

    theme = rng.choice(list(db.session.scalars(select(Term).where(Term.vocabulary == "theme"))))
    audience = db.session.scalar(select(Term).where(Term.vocabulary == "audience", Term.code == "vmbo-kb"))
    today = local_now().date()
    details = services.RequestDetails(
        title="Gastles lassen en installeren voor 3 KB",
        kind="guest_lesson",
        period_from=today + timedelta(days=14),
        period_to=today + timedelta(days=60),
        group_size=16,
        description="Leerlingen willen zien hoe een installateur werkt.",
        audience=audience,
        theme=theme,
        municipality_id=None if online else teacher.organisation.municipality_id,
        online=online,
    )
    start = time.perf_counter()
    request = services.create(teacher, details)
    db.session.commit()
    return time.perf_counter() - start, request


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--providers", type=int, default=10_000)
    parser.add_argument("--requests", type=int, default=5)
    parser.add_argument("--database-url", default=None, help="default: a new SQLite file")
    args = parser.parse_args(argv)

    from sqlalchemy import func, select

    from portal import create_app
    from portal.extensions import db
    from portal.models import OutboxMail, RequestNotice
    from portal.reference_data import load_reference_data

    with tempfile.TemporaryDirectory() as tmp:
        url = args.database_url or f"sqlite:///{tmp}/demand.sqlite3"
        app = create_app(
            {
                "SQLALCHEMY_DATABASE_URI": url,
                "SECRET_KEY": "bench-" * 8,
                "TESTING": True,
                "SEARCH_INDEX_DIR": f"{tmp}/index",
                "SERVER_NAME": "portal.bench",
                "SITE_URL": "http://portal.bench",
            }
        )
        with app.app_context():
            db.drop_all()
            db.create_all()
            load_reference_data(db.session)
            db.session.commit()
            rng = random.Random(13)
            teacher = _teacher(db)  # before the bulk rows with explicit ids (PostgreSQL sequences)
            started = time.perf_counter()
            _load(db, args.providers, rng)
            print(f"loaded {args.providers} providers in {time.perf_counter() - started:.1f} s")
            timings = []
            for i in range(args.requests):
                seconds, request = _post(db, teacher, rng, online=i % 3 == 2)
                told = db.session.scalar(
                    select(func.count(RequestNotice.id)).where(RequestNotice.request_id == request.id)
                )
                mails = db.session.scalar(
                    select(func.count(OutboxMail.id)).where(OutboxMail.template == "request_new")
                )
                timings.append(seconds)
                where = "online" if request.online else "Lelystad"
                print(f"request {i + 1} ({where}): {seconds:.2f} s, {told} matched, {mails} mails so far")
            worst = max(timings)
            print(f"worst: {worst:.2f} s (limit {LIMIT_SECONDS:.0f} s) against {args.providers} providers")
            db.session.remove()
            if args.database_url:
                db.drop_all()
            db.engine.dispose()
    return 0 if worst < LIMIT_SECONDS else 1


if __name__ == "__main__":
    sys.exit(main())
