"""Report figures for coordinators and admins: bookings, pupils, feedback, cancellations and
answer times, aggregated in SQL per school year, month and dimension.

Pure query functions: plain arguments in (a ``Filters``), plain rows out; no request, no
``flask.g``. Every figure is a handful of ``GROUP BY`` queries that run on SQLite and
PostgreSQL alike; school years and medians are folded in Python from those groups.

A booking counts where its school is (the school's municipality), on its date: the agreed
start, or the day it was requested while it has none. "Bookings" are the agreed ones
(confirmed or completed). Pupils reached are the attendance the provider recorded where
there is one (a no-show or a late cancellation reached nobody), else the booked group size;
each figure keeps the two apart so a page can say which it is.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from statistics import median

from sqlalchemy import and_, case, extract, func, or_, select

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

SCHOOL_YEAR_START_MONTH = 8  # a school year runs from 1 August to 31 July


# School years ------------------------------------------------------------------------------
def school_year_of(day: date) -> int:
    """The school year a day falls in, named by the calendar year it starts in."""
    return day.year if day.month >= SCHOOL_YEAR_START_MONTH else day.year - 1


def school_year_bounds(year: int) -> tuple[date, date]:
    """First and last day (inclusive) of school year ``year``: 1 August - 31 July."""
    return date(year, SCHOOL_YEAR_START_MONTH, 1), date(year + 1, SCHOOL_YEAR_START_MONTH, 1) - timedelta(
        days=1
    )


def school_year_label(year: int) -> str:
    return f"{year}-{year + 1}"


def months_between(start: date, end: date) -> list[tuple[int, int]]:
    """(year, month) of every month the period touches, in order."""
    months, year, month = [], start.year, start.month
    while (year, month) <= (end.year, end.month):
        months.append((year, month))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


# Filters -----------------------------------------------------------------------------------
@dataclass(frozen=True)
class Filters:
    """What a report is about: a period (inclusive days), the municipalities in scope (None:
    every one), and optionally one municipality, kind or theme."""

    start: date
    end: date
    municipality_ids: frozenset[int] | None = None
    municipality_id: int | None = None
    kind: str | None = None
    theme_id: int | None = None

    @property
    def period(self) -> tuple[datetime, datetime]:
        return datetime.combine(self.start, time.min), datetime.combine(
            self.end + timedelta(days=1), time.min
        )


def scope_municipality_ids(region: Region | None) -> frozenset[int] | None:
    """The municipalities a region covers (None: no region, everything)."""
    return None if region is None else frozenset(region.municipality_ids())


# The shared pieces of every booking query ---------------------------------------------------
booking_day = func.coalesce(Booking.starts_at, Booking.created_at)
SCHOOL = Organisation.__table__.alias("school")
_NOT_REACHED = (AttendanceStatus.NO_SHOW, AttendanceStatus.CANCELLED_LATE)

# Pupils the provider counted, where they recorded attendance (0 for a no-show).
PUPILS_ATTENDED = func.coalesce(
    func.sum(
        case(
            (Attendance.status.in_(_NOT_REACHED), 0),
            (Attendance.id.is_not(None), func.coalesce(Attendance.pupils, Booking.group_size)),
            else_=None,
        )
    ),
    0,
)
# The booked group size, where no attendance was recorded.
PUPILS_BOOKED = func.coalesce(func.sum(case((Attendance.id.is_(None), Booking.group_size), else_=None)), 0)
BOOKINGS = func.count(Booking.id)


def _agreed(filters: Filters, *, with_period: bool = True, statuses=AGREED_STATUSES):
    """SELECT ... FROM booking JOIN school JOIN offer LEFT JOIN attendance WHERE in scope."""

    def build(*columns):
        query = (
            select(*columns)
            .select_from(Booking)
            .join(SCHOOL, SCHOOL.c.id == Booking.school_id)
            .join(Offer, Offer.id == Booking.offer_id)
            .outerjoin(Attendance, Attendance.booking_id == Booking.id)
            .where(Booking.status.in_(statuses))
        )
        return where_in_scope(query, filters, with_period=with_period)

    return build


def in_period(filters: Filters):
    """``booking_day`` within the period, spelled so that the indexes on ``starts_at`` and
    ``created_at`` find the rows (an index cannot serve ``coalesce(...)`` itself)."""
    low, high = filters.period
    return or_(
        and_(Booking.starts_at >= low, Booking.starts_at < high),
        and_(Booking.starts_at.is_(None), Booking.created_at >= low, Booking.created_at < high),
    )


def where_in_scope(query, filters: Filters, *, with_period: bool = True):
    if with_period:
        query = query.where(in_period(filters))
    if filters.municipality_ids is not None:
        query = query.where(SCHOOL.c.municipality_id.in_(sorted(filters.municipality_ids)))
    if filters.municipality_id is not None:
        query = query.where(SCHOOL.c.municipality_id == filters.municipality_id)
    if filters.kind:
        query = query.where(Offer.kind == filters.kind)
    if filters.theme_id is not None:
        themed = select(offer_term.c.offer_id).where(offer_term.c.term_id == filters.theme_id)
        query = query.where(Offer.id.in_(themed))
    return query


# Figures -----------------------------------------------------------------------------------
@dataclass
class Row:
    """One line of a breakdown: what (``key``/``label``), agreed bookings and pupils."""

    key: str
    label: str
    bookings: int = 0
    attended: int = 0  # pupils counted by the provider
    booked: int = 0  # booked group size where nothing was recorded

    @property
    def pupils(self) -> int:
        return self.attended + self.booked


@dataclass
class Totals:
    bookings: int = 0
    attended: int = 0
    booked: int = 0

    @property
    def pupils(self) -> int:
        return self.attended + self.booked

    @property
    def pupils_basis(self) -> str:
        """``attended``, ``booked`` or ``mixed``: what the pupil figure is made of."""
        if self.booked and self.attended:
            return "mixed"
        return "booked" if self.booked else "attended"


def totals(filters: Filters) -> Totals:
    bookings, attended, booked = db.session.execute(
        _agreed(filters)(BOOKINGS, PUPILS_ATTENDED, PUPILS_BOOKED)
    ).one()
    return Totals(int(bookings), int(attended), int(booked))


def per_school_year(filters: Filters) -> list[Row]:
    """Every school year with agreed bookings in scope (the period filter does not apply)."""
    year, month = extract("year", booking_day), extract("month", booking_day)
    return school_year_rows(
        db.session.execute(
            _agreed(filters, with_period=False)(
                year, month, BOOKINGS, PUPILS_ATTENDED, PUPILS_BOOKED
            ).group_by(year, month)
        )
    )


def school_year_rows(groups) -> list[Row]:
    """Rows per school year from ``(year, month, bookings, attended, booked)`` groups."""
    rows: dict[int, Row] = {}
    for y, m, bookings, attended, booked in groups:
        school_year = school_year_of(date(int(y), int(m), 1))
        row = rows.setdefault(school_year, Row(str(school_year), school_year_label(school_year)))
        row.bookings += int(bookings)
        row.attended += int(attended)
        row.booked += int(booked)
    return [rows[y] for y in sorted(rows)]


MONTH_NAMES = ("jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec")


def per_month(filters: Filters) -> list[Row]:
    """Every month of the period, the empty ones too."""
    year, month = extract("year", booking_day), extract("month", booking_day)
    found = {
        (int(y), int(m)): (int(b), int(a), int(p))
        for y, m, b, a, p in db.session.execute(
            _agreed(filters)(year, month, BOOKINGS, PUPILS_ATTENDED, PUPILS_BOOKED).group_by(year, month)
        )
    }
    return month_rows(filters, found)


def month_rows(filters: Filters, found: dict[tuple[int, int], tuple[int, int, int]]) -> list[Row]:
    """A row per month of the period from (year, month) -> (bookings, attended, booked)."""
    rows = []
    for y, m in months_between(filters.start, filters.end):
        b, a, p = found.get((y, m), (0, 0, 0))
        rows.append(Row(f"{y}-{m:02d}", f"{MONTH_NAMES[m - 1]} {y}", b, a, p))
    return rows


def rows_from(groups, labels=None) -> list[Row]:
    """Rows of ``(key, label, bookings, attended, booked)`` groups, most bookings first."""
    rows = [
        Row(
            str(key or ""),
            str((labels or {}).get(label, label) or "-"),
            int(bookings),
            int(attended),
            int(booked),
        )
        for key, label, bookings, attended, booked in groups
    ]
    rows.sort(key=lambda r: (-r.bookings, -r.pupils, r.label, r.key))
    return rows


def _rows(query, labels=None) -> list[Row]:
    return rows_from(db.session.execute(query), labels)


def per_municipality(filters: Filters) -> list[Row]:
    build = _agreed(filters)
    query = build(Municipality.slug, Municipality.name, BOOKINGS, PUPILS_ATTENDED, PUPILS_BOOKED)
    return _rows(
        query.join(Municipality, Municipality.id == SCHOOL.c.municipality_id).group_by(
            Municipality.slug, Municipality.name
        )
    )


def per_region(filters: Filters) -> list[Row]:
    """Admins: the regions side by side (the region a school's municipality belongs to)."""
    query = _agreed(filters)(Region.slug, Region.name, BOOKINGS, PUPILS_ATTENDED, PUPILS_BOOKED)
    query = (
        query.join(Municipality, Municipality.id == SCHOOL.c.municipality_id)
        .join(Region, Region.id == Municipality.region_id)
        .group_by(Region.slug, Region.name)
    )
    return _rows(query)


SECTOR_LABELS = {"po": "primair onderwijs", "vo": "voortgezet onderwijs"}


def per_sector(filters: Filters) -> list[Row]:
    sector = SCHOOL.c.sector
    query = _agreed(filters)(sector, sector, BOOKINGS, PUPILS_ATTENDED, PUPILS_BOOKED).group_by(sector)
    return _rows(query, SECTOR_LABELS)


def per_audience(filters: Filters) -> list[Row]:
    """By the level the teacher booked for (po groups, vmbo leerwegen...)."""
    query = _agreed(filters)(Term.code, Term.label, BOOKINGS, PUPILS_ATTENDED, PUPILS_BOOKED)
    return _rows(query.join(Term, Term.id == Booking.audience_id).group_by(Term.code, Term.label))


def per_term(filters: Filters, vocabulary: str) -> list[Row]:
    """By a term of the booked offer (a vmbo profile, a theme): an offer with two themes
    counts for both, so the rows add up to more than the total."""
    query = _agreed(filters)(Term.code, Term.label, BOOKINGS, PUPILS_ATTENDED, PUPILS_BOOKED)
    query = (
        query.join(offer_term, offer_term.c.offer_id == Offer.id)
        .join(Term, and_(Term.id == offer_term.c.term_id, Term.vocabulary == vocabulary))
        .group_by(Term.code, Term.label)
    )
    return _rows(query)


def per_kind(filters: Filters, labels: dict[str, str]) -> list[Row]:
    query = _agreed(filters)(Offer.kind, Offer.kind, BOOKINGS, PUPILS_ATTENDED, PUPILS_BOOKED).group_by(
        Offer.kind
    )
    return _rows(query, labels)


def top_providers(filters: Filters, limit: int = 10) -> list[Row]:
    provider = Organisation.__table__.alias("provider")
    query = _agreed(filters)(provider.c.id, provider.c.name, BOOKINGS, PUPILS_ATTENDED, PUPILS_BOOKED)
    query = query.join(provider, provider.c.id == Offer.organisation_id).group_by(
        provider.c.id, provider.c.name
    )
    return _rows(query)[:limit]


def top_schools(filters: Filters, limit: int = 10) -> list[Row]:
    query = _agreed(filters)(SCHOOL.c.id, SCHOOL.c.name, BOOKINGS, PUPILS_ATTENDED, PUPILS_BOOKED)
    return _rows(query.group_by(SCHOOL.c.id, SCHOOL.c.name))[:limit]


@dataclass
class FeedbackFigure:
    count: int
    average: float | None


def feedback(filters: Filters) -> FeedbackFigure:
    query = _agreed(filters)(func.count(Feedback.id), func.avg(Feedback.rating))
    count, average = db.session.execute(query.join(Feedback, Feedback.booking_id == Booking.id)).one()
    return FeedbackFigure(int(count), round(float(average), 2) if average is not None else None)


@dataclass
class Cancellations:
    """Bookings in the period that did not go ahead, by what happened."""

    by_status: dict[str, int] = field(default_factory=dict)  # BookingStatus value -> count
    no_show: int = 0
    cancelled_late: int = 0
    total: int = 0  # every booking in the period, whatever became of it


def cancellations(filters: Filters) -> Cancellations:
    every = tuple(BookingStatus)
    build = _agreed(filters, statuses=every)
    result = Cancellations()
    for status, count in db.session.execute(build(Booking.status, BOOKINGS).group_by(Booking.status)):
        result.total += int(count)
        if status in (BookingStatus.CANCELLED, BookingStatus.DECLINED, BookingStatus.EXPIRED):
            result.by_status[BookingStatus(status).value] = int(count)
    for status, count in db.session.execute(
        build(Attendance.status, BOOKINGS)
        .where(Attendance.status.in_(_NOT_REACHED))
        .group_by(Attendance.status)
    ):
        if status == AttendanceStatus.NO_SHOW:
            result.no_show = int(count)
        else:
            result.cancelled_late = int(count)
    return result


@dataclass
class Responsiveness:
    """How a provider answers requests made in the period: the median time to the first
    answer (confirm, propose or decline) and the share of requests left to expire."""

    key: str
    label: str
    requests: int = 0
    answered: int = 0
    expired: int = 0
    median_hours: float | None = None

    @property
    def expired_share(self) -> float:
        return round(100 * self.expired / self.requests, 1) if self.requests else 0.0


_ANSWERS = (BookingStatus.CONFIRMED, BookingStatus.PROPOSED, BookingStatus.DECLINED)


def responsiveness(filters: Filters) -> list[Responsiveness]:
    """One row per provider that received a request (a booking whose timeline starts as a
    request) in the period, slowest first."""
    provider = Organisation.__table__.alias("provider")
    every = tuple(BookingStatus)
    low, high = filters.period
    base = where_in_scope(
        select(provider.c.id, provider.c.name, Booking.id, Booking.created_at, Booking.status)
        .select_from(Booking)
        .join(SCHOOL, SCHOOL.c.id == Booking.school_id)
        .join(Offer, Offer.id == Booking.offer_id)
        .join(provider, provider.c.id == Offer.organisation_id)
        .where(Booking.status.in_(every), Booking.created_at >= low, Booking.created_at < high),
        filters,
        with_period=False,
    )
    requested = select(BookingEvent.booking_id).where(BookingEvent.to_status == BookingStatus.REQUESTED)
    first_answer = (
        select(BookingEvent.booking_id, func.min(BookingEvent.created_at).label("at"))
        .where(BookingEvent.from_status == BookingStatus.REQUESTED, BookingEvent.to_status.in_(_ANSWERS))
        .group_by(BookingEvent.booking_id)
        .subquery()
    )
    expired_ids = select(BookingEvent.booking_id).where(BookingEvent.to_status == BookingStatus.EXPIRED)
    query = (
        base.add_columns(first_answer.c.at, Booking.id.in_(expired_ids))
        .outerjoin(first_answer, first_answer.c.booking_id == Booking.id)
        .where(Booking.id.in_(requested))
    )
    rows: dict[int, Responsiveness] = {}
    hours: dict[int, list[float]] = defaultdict(list)
    for provider_id, name, _id, created_at, status, answered_at, was_expired in db.session.execute(query):
        row = rows.setdefault(provider_id, Responsiveness(str(provider_id), name))
        row.requests += 1
        if answered_at is not None:
            row.answered += 1
            hours[provider_id].append((answered_at - created_at).total_seconds() / 3600)
        if was_expired or status == BookingStatus.EXPIRED:
            row.expired += 1
    for provider_id, row in rows.items():
        if hours[provider_id]:
            row.median_hours = round(median(hours[provider_id]), 1)
    return sort_responsiveness(rows.values())


def sort_responsiveness(rows) -> list[Responsiveness]:
    """Slowest first, then the most expired, then by name."""
    return sorted(rows, key=lambda r: (-(r.median_hours or 0), -r.expired_share, r.label, r.key))
