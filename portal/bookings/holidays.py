"""School holidays on a chosen date: a warning (never a refusal) where a teacher or a provider
picks a date.

The holiday region is the school's (its municipality's ``holiday_region``), else the
offer's municipality's; the dates are ``SchoolHoliday`` rows (``portal.reference_data``).
"""

from __future__ import annotations

from datetime import date

from flask_babel import format_date
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from portal.extensions import db
from portal.models import Offer, Organisation, SchoolHoliday


def holiday_region(school: Organisation | None, offer: Offer | None = None) -> str | None:
    """The holiday region of the school, else of the place of the offer."""
    for place in (school.municipality if school else None, offer.municipality if offer else None):
        if place is not None and place.holiday_region:
            return place.holiday_region
    return None


def holiday_on(day: date, region: str | None, until: date | None = None) -> SchoolHoliday | None:
    """The holiday of ``region`` that ``day`` (or the period ``day``-``until``) falls in."""
    if region is None or day is None:
        return None
    last = until if until is not None and until >= day else day
    return db.session.scalars(
        select(SchoolHoliday)
        .where(
            SchoolHoliday.holiday_region == region,
            SchoolHoliday.starts_on <= last,
            SchoolHoliday.ends_on >= day,
        )
        .order_by(SchoolHoliday.starts_on)
        .limit(1)
    ).first()


def warning(day: date | None, school: Organisation | None, offer: Offer | None, until: date | None = None):
    """'Let op: 20 februari 2027 valt in de voorjaarsvakantie (regio noord).' or None."""
    if day is None:
        return None
    region = holiday_region(school, offer)
    return _sentence(day, holiday_on(day, region, until), region)


def warnings_on(days: list[date], school: Organisation | None, offer: Offer | None) -> dict:
    """``{day: warning}`` for the days that fall in a holiday: one query for a list of dates,
    such as the dates of an offer."""
    region = holiday_region(school, offer)
    if region is None or not days:
        return {}
    rows = db.session.scalars(
        select(SchoolHoliday).where(
            SchoolHoliday.holiday_region == region,
            SchoolHoliday.starts_on <= max(days),
            SchoolHoliday.ends_on >= min(days),
        )
    ).all()
    found = {}
    for day in days:
        holiday = next((h for h in rows if h.starts_on <= day <= h.ends_on), None)
        if holiday is not None:
            found[day] = _sentence(day, holiday, region)
    return found


def _sentence(day: date, holiday: SchoolHoliday | None, region: str | None):
    if holiday is None:
        return None
    first = format_date(max(day, holiday.starts_on), "d MMMM y")
    name = holiday.name
    if name.endswith("vakantie") and " " not in name:  # "Voorjaarsvakantie" reads "de voorjaarsvakantie"
        return _l(
            "Note: %(date)s falls in the %(holiday)s (region %(region)s). Check that the school is open.",
            date=first,
            holiday=name.lower(),
            region=region,
        )
    return _l(
        "Note: %(date)s falls on %(holiday)s, a day off for schools (region %(region)s).",
        date=first,
        holiday=name,
        region=region,
    )
