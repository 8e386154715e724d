"""Write generated documents into a portal database as real offers (Core bulk inserts).

The /aanbod page loads the offers of a result page from the database, and the
PostgreSQL backend's documents reference ``offer.id``, so both need the rows.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import delete, insert, select, text


def tags_of(doc: dict) -> set[str]:
    from portal.search.backends.postgres import tags_of as pg_tags

    return pg_tags(doc)


def load_offers(app, docs: list[dict]) -> None:
    from portal.extensions import db
    from portal.models import Municipality, Offer, Organisation, Slot, Term
    from portal.models.offers import offer_term
    from portal.reference_data import load_reference_data

    with app.app_context():
        if db.engine.dialect.name == "postgresql":
            db.drop_all()
        db.create_all()
        load_reference_data(db.session)
        db.session.commit()
        for table in (
            "offer_term",
            "slot",
            "search_document_tag",
            "search_document",
            "offer",
            "organisation",
        ):
            db.session.execute(delete(db.metadata.tables[table]))
        db.session.commit()
        places = {m.slug: m.id for m in db.session.scalars(select(Municipality))}
        terms = {(t.vocabulary, t.code): t.id for t in db.session.scalars(select(Term))}
        names = sorted({d["provider"] for d in docs})
        org_ids = {name: n + 1 for n, name in enumerate(names)}
        conn = db.session.connection()
        conn.execute(
            insert(Organisation.__table__),
            [
                {
                    "id": i,
                    "kind": "company",
                    "name": name,
                    "verified": True,
                    "municipality_id": places["almere"],
                }
                for name, i in org_ids.items()
            ],
        )
        for start in range(0, len(docs), 2000):
            chunk = docs[start : start + 2000]
            conn.execute(insert(Offer.__table__), [_offer_row(d, org_ids, places) for d in chunk])
            conn.execute(
                insert(offer_term),
                [
                    {"offer_id": d["id"], "term_id": terms[(v, c)]}
                    for d in chunk
                    for v in ("audience", "profile", "theme")
                    for c in d[v]
                ],
            )
            slots = [
                {
                    "offer_id": d["id"],
                    "starts_at": _at(day, 9),
                    "ends_at": _at(day, 11),
                    "capacity": 30,
                    "booked": 0,
                }
                for d in chunk
                for day in d["slot_days"]
            ]
            if slots:
                conn.execute(insert(Slot.__table__), slots)
        if db.engine.dialect.name == "postgresql":
            for table in ("organisation", "offer", "slot"):
                conn.execute(
                    text(
                        f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "  # noqa: S608
                        f"(SELECT max(id) FROM {table}))"
                    )
                )
        db.session.commit()


def _at(day, hour: int) -> datetime:
    return datetime.combine(day, datetime.min.time()) + timedelta(hours=hour)


def seat(d: dict) -> str:
    """Where a generated offer is (``bench.corpus.places``: its ``at-<slug>`` distance token);
    ``municipality`` lists the places it serves."""
    return next(token[3:] for token in d["near"] if token.startswith("at-"))


def _offer_row(d: dict, org_ids: dict, places: dict) -> dict:
    return {
        "id": d["id"],
        "organisation_id": org_ids[d["provider"]],
        "kind": d["kind"],
        "status": "published",
        "title": d["title"][:160],
        "slug": f"aanbod-{d['id']}",
        "summary": d["summary"][:400],
        "description": d["body"],
        "municipality_id": places[seat(d)],
        "location_mode": "online" if d["online"] else "onsite",
        "price_cents": 0 if d["free"] else 2500,
        "booking_mode": "slots" if d["slot_days"] else ("download" if d["kind"] == "material" else "request"),
        "published_at": d["published"],
        "created_at": d["published"],
        "updated_at": d["published"],
    }
