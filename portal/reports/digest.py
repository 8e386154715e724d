"""The report page's figures from one pass over the period's bookings.

``figures`` answers each question with its own ``GROUP BY`` over the bookings and their
joins: clear, and what the tests hold the numbers to, but a page asks thirteen questions and
each one walked the period again (seconds at ten years of history). A ``Digest`` reads the
bookings of the period once (one row per booking: its status, month, school, municipality,
sector, audience, offer, kind, provider, attendance and rating; found through the index on
the booking's day), the few small lookup tables once, and folds every breakdown from those
rows in Python. Nothing is stored between requests, so a figure can never be stale or leak
from another region: the rows are read inside the request, under the same ``Filters`` (and
so the same region scope) as ``figures``. ``tests/reports/test_digest.py`` checks that each
method equals its ``figures`` counterpart on random bookings.

The per-school-year table ignores the period, so it stays one grouped query
(``figures.per_school_year``); the answer times read only the events of the bookings in
scope (``responsiveness``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from functools import cached_property
from statistics import median

from sqlalchemy import String, extract, select, type_coerce

from portal.extensions import db
from portal.models import (
    Attendance,
    Booking,
    BookingEvent,
    Feedback,
    Municipality,
    Offer,
    Organisation,
    Region,
)
from portal.models.bookings import AGREED_STATUSES
from portal.models.offers import offer_term
from portal.models.statuses import AttendanceStatus, BookingStatus
from portal.models.taxonomy import Term
from portal.reports import figures
from portal.reports.figures import SCHOOL, Filters, booking_day, where_in_scope

_NOT_REACHED = frozenset(s.value for s in (AttendanceStatus.NO_SHOW, AttendanceStatus.CANCELLED_LATE))
_AGREED = frozenset(s.value for s in AGREED_STATUSES)
_CANCELLED = frozenset(
    s.value for s in (BookingStatus.CANCELLED, BookingStatus.DECLINED, BookingStatus.EXPIRED)
)
_ANSWERS = frozenset(
    s.value for s in (BookingStatus.CONFIRMED, BookingStatus.PROPOSED, BookingStatus.DECLINED)
)
_REQUESTED, _EXPIRED = BookingStatus.REQUESTED.value, BookingStatus.EXPIRED.value


@dataclass(frozen=True, slots=True)
class Fact:
    """One booking of the period, as every breakdown needs it."""

    status: str  # a BookingStatus value (a member equals its string)
    year: int
    month: int
    school_id: int
    municipality_id: int | None
    sector: str | None
    audience_id: int | None
    offer_id: int
    kind: str
    provider_id: int
    attendance: str | None  # an AttendanceStatus value
    attended: int  # pupils the provider counted (0 for a no-show or late cancellation)
    booked: int  # booked group size, where no attendance was recorded
    rating: int | None


def _fact(row) -> Fact:
    (status, year, month, school_id, municipality_id, sector, audience_id, offer_id, kind, provider_id) = row[
        :10
    ]
    attendance_id, attendance, pupils, group_size, rating = row[10:]
    if attendance_id is None:
        attended, booked = 0, group_size
    elif attendance in _NOT_REACHED:
        attended, booked = 0, 0
    else:
        attended, booked = (pupils if pupils is not None else group_size), 0
    return Fact(
        status,
        int(year),
        int(month),
        school_id,
        municipality_id,
        sector,
        audience_id,
        offer_id,
        kind,
        provider_id,
        attendance,
        attended,
        booked,
        rating,
    )


class Digest:
    """Every figure of one report (one ``Filters``), each read at most once per request."""

    def __init__(self, filters: Filters):
        self.filters = filters

    # What is read ----------------------------------------------------------------------
    @cached_property
    def facts(self) -> list[Fact]:
        """Every booking in the period and scope, whatever its status."""
        query = (
            select(
                type_coerce(Booking.status, String).label(
                    "booking_status"
                ),  # a plain string, no enum per row
                extract("year", booking_day),
                extract("month", booking_day),
                Booking.school_id,
                SCHOOL.c.municipality_id,
                SCHOOL.c.sector,
                Booking.audience_id,
                Booking.offer_id,
                Offer.kind,
                Offer.organisation_id,
                Attendance.id,
                type_coerce(Attendance.status, String).label("attendance_status"),
                Attendance.pupils,
                Booking.group_size,
                Feedback.rating,
            )
            .select_from(Booking)
            .join(SCHOOL, SCHOOL.c.id == Booking.school_id)
            .join(Offer, Offer.id == Booking.offer_id)
            .outerjoin(Attendance, Attendance.booking_id == Booking.id)
            .outerjoin(Feedback, Feedback.booking_id == Booking.id)
        )
        return [_fact(row) for row in db.session.execute(where_in_scope(query, self.filters)).tuples()]

    @cached_property
    def agreed(self) -> list[Fact]:
        return [f for f in self.facts if f.status in _AGREED]

    @cached_property
    def _terms(self) -> dict[int, tuple[str, str, str]]:
        """term id -> (vocabulary, code, label), every term (the table is small)."""
        rows = db.session.execute(select(Term.id, Term.vocabulary, Term.code, Term.label))
        return {i: (v, c, label) for i, v, c, label in rows}

    @cached_property
    def _offer_terms(self) -> dict[int, list[int]]:
        """offer id -> term ids, for the offers booked in the period (agreed bookings)."""
        booked = where_in_scope(
            select(Booking.offer_id)
            .join(SCHOOL, SCHOOL.c.id == Booking.school_id)
            .join(Offer, Offer.id == Booking.offer_id)
            .where(Booking.status.in_(AGREED_STATUSES)),
            self.filters,
        )
        result: dict[int, list[int]] = defaultdict(list)
        query = select(offer_term.c.offer_id, offer_term.c.term_id).where(offer_term.c.offer_id.in_(booked))
        for offer_id, term_id in db.session.execute(query):
            result[offer_id].append(term_id)
        return result

    # Folding -----------------------------------------------------------------------------
    def _fold(
        self, key: Callable[[Fact], Iterable[tuple[object, object]]], labels: dict | None = None
    ) -> list[figures.Row]:
        """Sum bookings and pupils per (key, label) that ``key`` yields for each agreed booking."""
        sums: dict[tuple[object, object], list[int]] = {}
        for fact in self.agreed:
            for group in key(fact):
                total = sums.setdefault(group, [0, 0, 0])
                total[0] += 1
                total[1] += fact.attended
                total[2] += fact.booked
        return figures.rows_from(((k, lbl, b, a, p) for (k, lbl), (b, a, p) in sums.items()), labels)

    def totals(self) -> figures.Totals:
        return figures.Totals(
            len(self.agreed), sum(f.attended for f in self.agreed), sum(f.booked for f in self.agreed)
        )

    def per_school_year(self) -> list[figures.Row]:
        """Every school year (the period does not apply): one grouped query over the agreed
        bookings and their attendance, joining the school and the offer only when a filter
        needs them (every booking has both)."""
        f = self.filters
        year, month = extract("year", booking_day), extract("month", booking_day)
        query = (
            select(year, month, figures.BOOKINGS, figures.PUPILS_ATTENDED, figures.PUPILS_BOOKED)
            .select_from(Booking)
            .outerjoin(Attendance, Attendance.booking_id == Booking.id)
            .where(Booking.status.in_(AGREED_STATUSES))
            .group_by(year, month)
        )
        if f.municipality_ids is not None or f.municipality_id is not None:
            query = query.join(SCHOOL, SCHOOL.c.id == Booking.school_id)
        if f.kind or f.theme_id is not None:
            query = query.join(Offer, Offer.id == Booking.offer_id)
        return figures.school_year_rows(db.session.execute(where_in_scope(query, f, with_period=False)))

    def per_month(self) -> list[figures.Row]:
        found: dict[tuple[int, int], list[int]] = defaultdict(lambda: [0, 0, 0])
        for fact in self.agreed:
            total = found[(fact.year, fact.month)]
            total[0] += 1
            total[1] += fact.attended
            total[2] += fact.booked
        return figures.month_rows(self.filters, {k: (b, a, p) for k, (b, a, p) in found.items()})

    def per_municipality(self) -> list[figures.Row]:
        places = {m.id: (m.slug, m.name) for m in self._places}
        return self._fold(lambda f: [places[f.municipality_id]] if f.municipality_id in places else [])

    def per_region(self) -> list[figures.Row]:
        regions = {
            r.id: (r.slug, r.name) for r in db.session.execute(select(Region.id, Region.slug, Region.name))
        }
        region_of = {m.id: regions.get(m.region_id) for m in self._places}
        return self._fold(lambda f: [g] if (g := region_of.get(f.municipality_id)) is not None else [])

    @cached_property
    def _places(self):
        return list(
            db.session.execute(
                select(Municipality.id, Municipality.slug, Municipality.name, Municipality.region_id)
            )
        )

    def per_sector(self) -> list[figures.Row]:
        return self._fold(lambda f: [(f.sector, f.sector)], figures.SECTOR_LABELS)

    def per_audience(self) -> list[figures.Row]:
        terms = self._terms
        return self._fold(lambda f: [terms[f.audience_id][1:]] if f.audience_id in terms else [])

    def per_term(self, vocabulary: str) -> list[figures.Row]:
        terms, offer_terms = self._terms, self._offer_terms

        def groups(fact: Fact):
            return [terms[t][1:] for t in offer_terms.get(fact.offer_id, ()) if terms[t][0] == vocabulary]

        return self._fold(groups)

    def per_kind(self, labels: dict[str, str]) -> list[figures.Row]:
        return self._fold(lambda f: [(f.kind, f.kind)], labels)

    def top_providers(self, limit: int = 10) -> list[figures.Row]:
        return self._top(lambda f: f.provider_id, limit)

    def top_schools(self, limit: int = 10) -> list[figures.Row]:
        return self._top(lambda f: f.school_id, limit)

    def _top(self, organisation: Callable[[Fact], int], limit: int) -> list[figures.Row]:
        """The ``limit`` organisations with most bookings, then pupils, then by name: names
        are read only for those that can still be in the top (ties at the edge included)."""
        sums: dict[int, list[int]] = {}
        for fact in self.agreed:
            total = sums.setdefault(organisation(fact), [0, 0])
            total[0] += 1
            total[1] += fact.attended + fact.booked
        ranked = sorted(sums.items(), key=lambda kv: (-kv[1][0], -kv[1][1]))
        if len(ranked) > limit:
            edge = ranked[limit - 1][1]
            ranked = [kv for kv in ranked if (kv[1][0], kv[1][1]) >= (edge[0], edge[1])]
        names = self._names({i for i, _sums in ranked})
        chosen = set(names)
        return self._fold(lambda f: [(o, names[o])] if (o := organisation(f)) in chosen else [])[:limit]

    @staticmethod
    def _names(ids: set[int]) -> dict[int, str]:
        names: dict[int, str] = {}
        ordered = sorted(ids)
        for start in range(0, len(ordered), 5000):
            chunk = ordered[start : start + 5000]
            query = select(Organisation.id, Organisation.name).where(Organisation.id.in_(chunk))
            names.update({i: n for i, n in db.session.execute(query)})
        return names

    def feedback(self) -> figures.FeedbackFigure:
        ratings = [f.rating for f in self.agreed if f.rating is not None]
        average = round(sum(ratings) / len(ratings), 2) if ratings else None
        return figures.FeedbackFigure(len(ratings), average)

    def cancellations(self) -> figures.Cancellations:
        result = figures.Cancellations(total=len(self.facts))
        for fact in self.facts:
            if fact.status in _CANCELLED:
                result.by_status[fact.status] = result.by_status.get(fact.status, 0) + 1
            if fact.attendance == AttendanceStatus.NO_SHOW:
                result.no_show += 1
            elif fact.attendance == AttendanceStatus.CANCELLED_LATE:
                result.cancelled_late += 1
        return result

    def responsiveness(self) -> list[figures.Responsiveness]:
        """As ``figures.responsiveness``, reading only the events of the requests in scope."""
        low, high = self.filters.period
        in_scope = where_in_scope(
            select(Booking.id)
            .join(SCHOOL, SCHOOL.c.id == Booking.school_id)
            .join(Offer, Offer.id == Booking.offer_id)
            .where(Booking.created_at >= low, Booking.created_at < high),
            self.filters,
            with_period=False,
        )
        as_text = {
            "status": type_coerce(Booking.status, String).label("booking_status"),  # no enum per row
            "from": type_coerce(BookingEvent.from_status, String).label("from_status"),
            "to": type_coerce(BookingEvent.to_status, String).label("to_status"),
        }
        bookings = {
            booking_id: (provider_id, created_at, status)
            for booking_id, provider_id, created_at, status in db.session.execute(
                in_scope.with_only_columns(
                    Booking.id, Offer.organisation_id, Booking.created_at, as_text["status"]
                )
            )
        }
        requested: set[int] = set()
        expired: set[int] = set()
        first_answer: dict[int, datetime] = {}
        events = select(BookingEvent.booking_id, as_text["from"], as_text["to"], BookingEvent.created_at)
        for booking_id, from_status, to_status, at in db.session.execute(
            events.where(BookingEvent.booking_id.in_(in_scope))
        ):
            if to_status == _REQUESTED:
                requested.add(booking_id)
            elif to_status == _EXPIRED:
                expired.add(booking_id)
            if from_status == _REQUESTED and to_status in _ANSWERS:
                seen = first_answer.get(booking_id)
                first_answer[booking_id] = at if seen is None or at < seen else seen
        return self._answer_rows(bookings, requested, expired, first_answer)

    def _answer_rows(self, bookings, requested, expired, first_answer) -> list[figures.Responsiveness]:
        names = self._names({provider_id for provider_id, _c, _s in bookings.values()})
        rows: dict[int, figures.Responsiveness] = {}
        hours: dict[int, list[float]] = defaultdict(list)
        for booking_id in requested & bookings.keys():
            provider_id, created_at, status = bookings[booking_id]
            row = rows.setdefault(provider_id, figures.Responsiveness(str(provider_id), names[provider_id]))
            row.requests += 1
            answered_at = first_answer.get(booking_id)
            if answered_at is not None:
                row.answered += 1
                hours[provider_id].append((answered_at - created_at).total_seconds() / 3600)
            if booking_id in expired or status == _EXPIRED:
                row.expired += 1
        for provider_id, row in rows.items():
            if hours[provider_id]:
                row.median_hours = round(median(hours[provider_id]), 1)
        return figures.sort_responsiveness(rows.values())
