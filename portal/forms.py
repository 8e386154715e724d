"""What every form of the portal shares: Flask-WTF (CSRF) and two input rules that hold for
every field of their kind, so that a new form cannot forget them.

- A single-line text field (``StringField`` and its kinds: e-mail, phone, URL, password; not
  ``TextAreaField``) refuses carriage returns and line feeds. A name, an address or a title
  never has them, and in a mail header, a CSV export or an .ics line they would start a
  new line.
- A date field refuses dates more than ``DATE_YEARS_AHEAD`` years ahead or more than
  ``DATE_YEARS_BACK`` years back: a typo like 20266 or 0202 gets a clear message instead of
  a date that breaks a calculation (or the database) further on.

Forms inherit ``PortalForm``; a form used inside a ``FormField`` inherits ``PortalSubForm``.
The rules are added to each field as it is bound (``Meta.bind_field``), in front of the
field's own validators, and stop the chain when they refuse.
"""

from __future__ import annotations

from datetime import date, datetime

from flask_babel import format_date
from flask_babel import gettext as _
from flask_wtf import FlaskForm
from flask_wtf.i18n import translations as wtforms_translations
from wtforms import Form
from wtforms.fields import (
    DateTimeField,
    HiddenField,
    SelectChoice,
    StringField,
    TextAreaField,
    TimeField,
)
from wtforms.validators import StopValidation

from portal.models import local_now

DATE_YEARS_AHEAD = 3
DATE_YEARS_BACK = 10
LINE_BREAKS = ("\r", "\n")


def single_line(form, field) -> None:
    """Refuse CR and LF in a single-line text field."""
    if isinstance(field.data, str) and any(c in field.data for c in LINE_BREAKS):
        raise StopValidation(_("Type this on one line, without line breaks."))


def date_horizon(today: date | None = None) -> tuple[date, date]:
    """The first and last date a date field accepts (Amsterdam's today as the middle)."""
    today = today or local_now().date()
    return _add_years(today, -DATE_YEARS_BACK), _add_years(today, DATE_YEARS_AHEAD)


def _add_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February in a year without one
        return day.replace(year=day.year + years, day=28)


def within_horizon(form, field) -> None:
    """Refuse a date outside ``date_horizon()``."""
    value = field.data
    if not isinstance(value, date):
        return
    day = value.date() if isinstance(value, datetime) else value
    first, last = date_horizon()
    if not first <= day <= last:
        raise StopValidation(
            _(
                "Enter a date between %(first)s and %(last)s.",
                first=format_date(first, "long"),
                last=format_date(last, "long"),
            )
        )


def rule_for(field):
    """The portal-wide rule for a field of this kind, or None."""
    if isinstance(field, StringField) and not isinstance(field, (TextAreaField, HiddenField)):
        return single_line
    if isinstance(field, DateTimeField) and not isinstance(field, TimeField):
        return within_horizon  # DateField, DateTimeLocalField, MonthField, WeekField
    return None


class _InputRules:
    """Meta mixin: each bound field gets its rule in front of its own validators."""

    def bind_field(self, form, unbound_field, options):
        field = super().bind_field(form, unbound_field, options)
        rule = rule_for(field)
        if rule is not None:  # a new list: the field's own may be shared by every instance
            field.validators = [rule, *field.validators]
        return field


class PortalForm(FlaskForm):
    """The base of every form (CSRF from Flask-WTF, the input rules from here)."""

    class Meta(_InputRules):
        pass


class PortalSubForm(Form):
    """The base of a form used inside a ``FormField`` (no CSRF token of its own), with
    WTForms' own messages in the visitor's language, as ``FlaskForm`` has them."""

    class Meta(_InputRules):
        def get_translations(self, form):
            return wtforms_translations


def choice_list(pairs) -> list[SelectChoice]:
    """``SelectChoice`` objects from ``(value, label)`` pairs or a ``{value: label}`` dict
    (WTForms 3.3 deprecates tuples as choices)."""
    items = pairs.items() if isinstance(pairs, dict) else pairs
    return [SelectChoice(value, label) for value, label in items]
