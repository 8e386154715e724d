"""Places on a slot, enforced by the database: never overbooked, also under concurrency.

Why not "read the slot, check, write": two requests read ``booked = 9`` at the same time
and both write 10 (a lost update), or both add a booking. Instead one statement checks and
takes the places atomically::

    UPDATE slot SET booked = booked + :n WHERE id = :id AND booked + :n <= capacity

If no row changed, the slot was full at that moment. PostgreSQL row-locks the slot for the
UPDATE and re-evaluates the WHERE for a waiting transaction after the first commits, so
concurrent bookers are serialised on that row. ``CHECK (booked <= capacity)`` on the table
is the backstop should any other code ever write ``booked``.

SQLite: ``SELECT ... FOR UPDATE`` is silently dropped by SQLAlchemy there, and a
transaction that started by reading and then wants to write can fail in WAL mode with
"database is locked" (SQLITE_BUSY_SNAPSHOT) *without* waiting for the busy timeout,
because its snapshot is stale. ``begin_write`` therefore starts the booking transaction
with ``BEGIN IMMEDIATE``: it takes SQLite's single write lock up front (waiting up to the
busy timeout), so everything the booking reads and writes afterwards is consistent and
commits without an upgrade failure.
"""

from __future__ import annotations

from typing import Any, cast

from sqlalchemy import select, update
from sqlalchemy.engine import CursorResult

from portal.bookings.errors import SlotFullError
from portal.extensions import db
from portal.models import Offer, Slot
from portal.models.search import queue_offers


class SlotFull(SlotFullError):
    """The slot has fewer places left than asked for (uncaught, the person reads that the
    date is full)."""


def places_for(offer: Offer, group_size: int) -> int:
    """The places a group takes: its pupils, or one place when the offer counts groups."""
    return group_size if offer.capacity_unit == "pupils" else 1


def changed_rows(result: Any) -> int:
    """How many rows a conditional UPDATE changed (0: its condition no longer held)."""
    return cast(CursorResult, result).rowcount


def begin_write(session=None) -> None:
    """Start the current transaction as a write transaction (SQLite: BEGIN IMMEDIATE).

    Call before the first read a write decision depends on. pysqlite does not open a
    transaction for plain SELECTs, so unless this request already wrote, no transaction
    is open yet and we may begin one ourselves; if one is open it already holds the lock.
    """
    session = session or db.session
    connection = session.connection()
    if connection.dialect.name != "sqlite":
        return
    raw = connection.connection.dbapi_connection
    if not raw.in_transaction:
        raw.execute("BEGIN IMMEDIATE")


def reserve(slot_id: int, places: int, session=None) -> None:
    """Take ``places`` on the slot or raise ``SlotFull``; nothing changes when full."""
    session = session or db.session
    result = session.execute(
        update(Slot)
        .where(Slot.id == slot_id, Slot.booked + places <= Slot.capacity)
        .values(booked=Slot.booked + places)
        .execution_options(synchronize_session=False)
    )
    if changed_rows(result) != 1:
        raise SlotFull()
    _expire_slot(session, slot_id)


def release(slot_id: int, places: int, session=None) -> None:
    """Give ``places`` back to the slot (never below zero)."""
    session = session or db.session
    session.execute(
        update(Slot)
        .where(Slot.id == slot_id, Slot.booked >= places)
        .values(booked=Slot.booked - places)
        .execution_options(synchronize_session=False)
    )
    _expire_slot(session, slot_id)


def _expire_slot(session, slot_id: int) -> None:
    """The ORM copy of the slot is stale after a bulk UPDATE: reload it on next access; and
    the offer's search document (its open dates) changed without the ORM seeing it."""
    slot = session.identity_map.get(session.identity_key(Slot, slot_id))
    if slot is not None:
        session.expire(slot, ["booked"])
    queue_offers(session, session.execute(select(Slot.offer_id).where(Slot.id == slot_id)).scalars())
