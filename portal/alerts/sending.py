"""The alert job behind ``flask --app portal alerts send``: every saved search that is due
mails what went live since it last looked, one digest per saved search.

Why per saved search and not per person: each search has its own frequency and its own
unsubscribe link, so "stop these mails" in a mail means exactly that search, and the mail's
subject says which search found the offers. A person has at most
``searches.MAX_SAVED_SEARCHES`` of them.

When is a search due: daily searches once per Amsterdam calendar day, weekly ones when the
day of their last check is seven or more days ago (a run at 07:00 finds yesterday's 07:00
check due, whatever the seconds). Nothing new: no mail, the search is checked all the same.

How it scales (``bench/alerts.py``: 50k saved searches over 10k offers): the offers that
went live since the oldest due search's mark are read once; identical searches (the same
words and filters, whoever saved them) are one search, and all distinct searches are asked
of the search backend in one call, restricted to those new offers (``Backend.match``); mails
are rendered per search and inserted in bulk; the marks move in bulk.

Idempotent: ``checked_until`` moves to the run's start in the transaction that writes the
mails, so a second run finds nothing due; and each mail's ``dedupe_key`` names the search
and the window's start, so two runs at the same moment write one mail (the insert skips a
key the outbox has: ``ON CONFLICT DO NOTHING``).
"""

from __future__ import annotations

from collections.abc import Hashable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from flask import render_template
from flask_babel import force_locale
from markupsafe import Markup, escape
from sqlalchemy import and_, or_, select, update
from sqlalchemy.dialects import postgresql, sqlite

from portal.accounts.tokens import make_unsubscribe_token
from portal.alerts import searches
from portal.alerts.sources import SOURCES, Item, Source
from portal.extensions import db
from portal.mail.outbox import compose_mail, new_message_id
from portal.models import AlertFrequency, OutboxMail, SavedSearch, User, local_now, utcnow
from portal.urls import absolute_url

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
MAX_LISTED = 10  # offers listed in one mail; the rest is a link to the search
CHUNK = 500  # mails rendered and inserted at a time


@dataclass
class Report:
    due: int = 0
    distinct: int = 0
    new_documents: int = 0
    mailed: int = 0

    def __str__(self) -> str:
        return (
            f"due searches: {self.due}, distinct searches run: {self.distinct}, "
            f"new offers and requests: {self.new_documents}, mails queued: {self.mailed}"
        )


@dataclass(frozen=True)
class Due:
    """A due saved search, read as a plain row (tens of thousands of them per run)."""

    id: int
    user_id: int
    name: str
    query: str
    frequency: str
    checked_until: datetime


def day_start_utc(day: date) -> datetime:
    """Midnight in Amsterdam at the start of ``day``, as naive UTC (like ``*_at`` columns)."""
    start = datetime.combine(day, time()).replace(tzinfo=AMSTERDAM)
    return start.astimezone(UTC).replace(tzinfo=None)


def due_condition(today: date):
    """Active searches whose last check lies on an earlier day than their frequency allows."""
    return and_(
        SavedSearch.paused_at.is_(None),
        or_(
            *(
                and_(
                    SavedSearch.frequency == frequency,
                    SavedSearch.checked_until < day_start_utc(today - timedelta(days=frequency.days - 1)),
                )
                for frequency in AlertFrequency
            )
        ),
    )


def due_searches(kind: str, today: date, until: datetime) -> list[Due]:
    rows = db.session.execute(
        select(
            SavedSearch.id,
            SavedSearch.user_id,
            SavedSearch.name,
            SavedSearch.query,
            SavedSearch.frequency,
            SavedSearch.checked_until,
        )
        .join(User, User.id == SavedSearch.user_id)
        .where(
            SavedSearch.kind == kind,
            due_condition(today),
            SavedSearch.checked_until < until,
            User.active.is_(True),
            User.deleted_at.is_(None),
        )
        .order_by(SavedSearch.id)
    )
    return [Due(*row) for row in rows]


def send_due() -> Report:
    """Queue the digests of every due saved search (no commit: the command commits)."""
    report = Report()
    now, today = utcnow(), local_now().date()
    with force_locale("nl"):
        for kind, source in SOURCES.items():
            _send_kind(source, due_searches(kind, today, now), now, report)
    return report


def _send_kind(source: Source, due: list[Due], now: datetime, report: Report) -> None:
    report.due += len(due)
    if not due:
        return
    live = source.went_live(min(d.checked_until for d in due), now)
    report.new_documents += len(live)
    found: dict[int, list[int]] = {}
    if live:
        found, report.distinct = _found_per_search(source, due, live)
    _mark_checked([d.id for d in due], now)
    mails = [(d, found[d.id]) for d in due if found.get(d.id)]
    if not mails:
        return
    digests = _Digests(source, source.items({i for _d, ids in mails for i in ids[:MAX_LISTED]}))
    users = _users({d.user_id for d, _ids in mails})
    for chunk in _chunks(mails, CHUNK):
        report.mailed += _queue(chunk, digests, users, now)
    _mark_sent([d.id for d, _ids in mails], now)


def _found_per_search(
    source: Source, due: list[Due], live: dict[int, datetime]
) -> tuple[dict[int, list[int]], int]:
    """(search id -> the new documents it finds, newest first; how many distinct searches
    were run). Each distinct search is run once."""
    keys: dict[str, Hashable] = {}
    distinct: dict[Hashable, int] = {}
    params: list[Any] = []
    for d in due:
        if d.query not in keys:
            key, parsed = source.parse(d.query)
            if key not in distinct:
                distinct[key] = len(params)
                params.append(parsed)
            keys[d.query] = key
    matched = source.match(params, live.keys())
    newest = sorted(live, key=lambda i: (live[i], i), reverse=True)
    ordered = [[i for i in newest if i in ids] if ids else [] for ids in matched]
    found = {}
    for d in due:
        ids = ordered[distinct[keys[d.query]]]
        if ids:
            # newest first: what went live after this search's own mark is a prefix
            cut = next((n for n, i in enumerate(ids) if live[i] <= d.checked_until), len(ids))
            found[d.id] = ids[:cut]
    return found, len(params)


def _users(ids: set[int]) -> dict[int, User]:
    found: dict[int, User] = {}
    for chunk in _chunks(sorted(ids), 1000):
        found.update((u.id, u) for u in db.session.scalars(select(User).where(User.id.in_(chunk))))
    return found


def _queue(chunk: list[tuple[Due, list[int]]], digests: _Digests, users, now: datetime) -> int:
    rows = []
    for d, ids in chunk:
        listed = [i for i in ids[:MAX_LISTED] if i in digests.items]
        if listed:
            rows.append(digests.personal(d, listed, len(ids), users[d.user_id], now))
    keys = [row["dedupe_key"] for row in rows]
    known = set(db.session.scalars(select(OutboxMail.dedupe_key).where(OutboxMail.dedupe_key.in_(keys))))
    rows = [row for row in rows if row["dedupe_key"] not in known]
    if rows:
        db.session.execute(_insert_skipping_known_keys(), rows)
    return len(rows)


# Tens of thousands of digests differ in their offers, counts, names and links only: each
# template is rendered once per shape (frequency, one or more offers, how many more) with
# markers, each offer's lines once per run, and a mail is the frame with its markers filled
# in (rendering both templates per mail cost most of a run: ``bench/alerts.py``).
_NAME, _SEARCH, _UNSUBSCRIBE, _SEARCH_URL, _ITEMS = "\ue000", "\ue001", "\ue002", "\ue003", "\ue004"
_MARKERS = (_NAME, _SEARCH, _UNSUBSCRIBE, _SEARCH_URL, _ITEMS)
_TOTAL, _MORE = 987654321, 987654322  # counts no digest has, replaced by the real ones


@dataclass(frozen=True)
class _Recipient:
    name: str


class _Digests:
    def __init__(self, source: Source, items: dict[int, Item]) -> None:
        self.source = source
        self.items = items
        self.frames: dict[tuple, OutboxMail] = {}
        self.lines: dict[int, tuple[str, str]] = {}
        self.search_urls: dict[str, str] = {}
        self.manage_url = absolute_url("alerts.index")

    def frame(self, frequency: str, total: int, more: int) -> OutboxMail:
        shape = (frequency, min(total, 2), min(more, 2))
        if shape not in self.frames:
            self.frames[shape] = compose_mail(
                "",
                "alert_digest",
                recipient=_Recipient(_NAME),
                search_name=_SEARCH,
                frequency=AlertFrequency(frequency),
                of_requests=self.source.kind == "request",
                total=total if total < 2 else _TOTAL,
                more=more if more < 2 else _MORE,
                items_text=_ITEMS,
                items_html=Markup(_ITEMS),
                search_url=_SEARCH_URL,
                manage_url=self.manage_url,
                unsubscribe_url=_UNSUBSCRIBE,
            )
        return self.frames[shape]

    def item_lines(self, item_id: int) -> tuple[str, str]:
        """(text, html) of one offer in a digest."""
        if item_id not in self.lines:
            item = self.items[item_id]
            self.lines[item_id] = (
                render_template("email/_alert_item.txt", item=item),
                render_template("email/_alert_item.html", item=item),
            )
        return self.lines[item_id]

    def search_url(self, query: str) -> str:
        if query not in self.search_urls:
            self.search_urls[query] = self.source.search_url(query)
        return self.search_urls[query]

    def personal(self, d: Due, listed: list[int], total: int, user: User, now: datetime) -> dict:
        """The outbox row of one digest."""
        mail = self.frame(d.frequency, total, total - len(listed))
        token = make_unsubscribe_token(user, searches.UNSUBSCRIBE_SUBJECT, d.id)
        values = {
            _NAME: _plain(user.name),
            _SEARCH: _plain(d.name),
            _SEARCH_URL: self.search_url(d.query),
            _UNSUBSCRIBE: absolute_url("alerts.unsubscribe", token=token),
        }
        counts = {str(_TOTAL): str(total), str(_MORE): str(total - len(listed))}

        def fill(text: str, html: bool = False) -> str:
            for marker, value in counts.items():
                text = text.replace(marker, value)
            for marker, value in values.items():
                text = text.replace(marker, str(escape(value)) if html else value)
            lines = "\n".join(self.item_lines(i)[1 if html else 0] for i in listed)
            return text.replace(_ITEMS, lines)

        return {
            "recipient": user.email,
            "user_id": user.id,
            "template": mail.template,
            "subject": " ".join(fill(mail.subject).split()),
            "body_text": fill(mail.body_text),
            "body_html": fill(mail.body_html or "", html=True),
            "attachments": [],
            "headers": {name: fill(value) for name, value in mail.headers.items()},
            "message_id": new_message_id(),
            "dedupe_key": f"alert:{d.id}:{d.checked_until:%Y%m%dT%H%M%S%f}",
            "status": mail.status,
            "attempts": 0,
            "next_attempt_at": now,
            "created_at": now,
        }


def _plain(text: str) -> str:
    """A person's text without the markers (they are private-use characters)."""
    for marker in _MARKERS:
        text = text.replace(marker, "")
    return text


def _insert_skipping_known_keys():
    """A bulk INSERT that leaves out a row whose dedupe key the outbox has (another run of
    the job at the same moment): PostgreSQL and SQLite both say ON CONFLICT DO NOTHING."""
    table = OutboxMail.__table__
    dialect = db.session.get_bind().dialect.name
    insert = postgresql.insert(table) if dialect == "postgresql" else sqlite.insert(table)
    return insert.on_conflict_do_nothing(index_elements=["dedupe_key"])


def _mark_checked(ids: list[int], now: datetime) -> None:
    for chunk in _chunks(ids, 1000):
        db.session.execute(
            update(SavedSearch)
            .where(SavedSearch.id.in_(chunk))
            .values(checked_until=now)
            .execution_options(synchronize_session=False)
        )


def _mark_sent(ids: list[int], now: datetime) -> None:
    for chunk in _chunks(ids, 1000):
        db.session.execute(
            update(SavedSearch)
            .where(SavedSearch.id.in_(chunk))
            .values(last_sent_at=now)
            .execution_options(synchronize_session=False)
        )


def _chunks(values: list, size: int) -> Iterator[list]:
    for start in range(0, len(values), size):
        yield values[start : start + size]
