"""The portal-wide input rules (portal/forms.py) hold for every field of every form:
single-line text fields refuse line breaks, date fields refuse dates beyond the horizon.
The walk over all forms makes a new form (or field) that misses a rule fail here."""

from __future__ import annotations

import importlib
import pkgutil
from datetime import date, timedelta

import pytest
from sqlalchemy import select
from werkzeug.datastructures import MultiDict
from wtforms import Form
from wtforms.fields import FieldList, FormField

import portal
from portal.forms import PortalForm, PortalSubForm, date_horizon, rule_for, single_line, within_horizon
from portal.models import Slot, User
from tests.clock import TODAY, days_ahead

ONE_LINE = "Vul dit in op één regel, zonder regeleinden."
OUT_OF_RANGE = "Vul een datum in tussen"


def portal_form_classes() -> list[type]:
    for module in pkgutil.walk_packages(portal.__path__, "portal."):
        importlib.import_module(module.name)
    found, todo = [], [Form]
    while todo:
        cls = todo.pop()
        todo.extend(cls.__subclasses__())
        if cls.__module__.startswith("portal.") and cls not in (PortalForm, PortalSubForm):
            found.append(cls)
    return sorted(found, key=lambda c: f"{c.__module__}.{c.__qualname__}")


FORMS = portal_form_classes()


def form_id(form_class) -> str:
    return f"{form_class.__module__.removeprefix('portal.')}.{form_class.__qualname__}"


def leaf_fields(form):
    for field in form:
        if isinstance(field, FieldList):
            for entry in field:
                yield from leaf_fields(entry.form) if isinstance(entry, FormField) else [entry]
        elif isinstance(field, FormField):
            yield from leaf_fields(field.form)
        else:
            yield field


def filled(form_class, value_for):
    """The form posted with ``value_for(field)`` in every field that has a rule."""
    empty = form_class(meta={"csrf": False})
    data = MultiDict({f.name: value_for(f) for f in leaf_fields(empty) if rule_for(f)})
    form = form_class(formdata=data, meta={"csrf": False})
    return [f for f in leaf_fields(form) if rule_for(f)], form


def test_every_form_inherits_the_rules():
    assert len(FORMS) > 15
    assert [c for c in FORMS if not issubclass(c, (PortalForm, PortalSubForm))] == []


def test_the_walk_finds_both_kinds_of_field(app):
    with app.test_request_context():
        rules = {rule_for(f) for cls in FORMS for f in leaf_fields(cls(meta={"csrf": False}))}
    assert {single_line, within_horizon} <= rules


@pytest.mark.parametrize("form_class", FORMS, ids=form_id)
def test_single_line_fields_refuse_line_breaks(app, form_class):
    for text in ["Jan\r\nBcc: iemand@example.org", "twee\nregels", "oud\rMac"]:
        with app.test_request_context():
            fields, form = filled(form_class, lambda f, text=text: text)
            for field in (f for f in fields if rule_for(f) is single_line):
                assert not field.validate(form)
                assert field.errors == [ONE_LINE], field.name


@pytest.mark.calendar
def test_date_fields_keep_to_the_horizon(app):
    first, last = date_horizon()
    cases = {
        first - timedelta(days=1): False,
        first: True,
        TODAY: True,
        last: True,
        last + timedelta(days=1): False,
    }
    checked = set()
    for form_class in FORMS:
        for day, allowed in cases.items():
            with app.test_request_context():
                fields, form = filled(form_class, lambda f, day=day: day.isoformat())
                for field in (f for f in fields if rule_for(f) is within_horizon):
                    field.validate(form)
                    refused = any(OUT_OF_RANGE in str(e) for e in field.errors)
                    assert refused is not allowed, f"{form_id(form_class)}.{field.name} = {day}"
                    checked.add(form_class)
    assert len(checked) >= 4  # the offer, slot, series, request and answer forms have dates


@pytest.mark.calendar
def test_the_horizon_is_three_years_ahead_and_ten_back():
    first, last = date_horizon()
    assert (first.year, last.year) == (TODAY.year - 10, TODAY.year + 3)
    assert date_horizon(date(2028, 2, 29)) == (date(2018, 2, 28), date(2031, 2, 28))


def test_a_name_with_a_line_break_is_refused_on_the_profile_page(client, db, login_as):
    user = login_as("teacher", name="Sanne")
    response = client.post("/mijn/profiel", data={"name": "Sanne\r\nBcc: iemand@example.org"})
    assert ONE_LINE in response.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(User, user.id).name == "Sanne"


@pytest.mark.calendar
@pytest.mark.parametrize("day", ["9999-12-31", "0001-01-01", "YEARS_AHEAD"])
def test_a_slot_beyond_the_horizon_gets_a_message_not_an_error(client, db, make, login_as, day):
    provider = make.user("provider")
    offer = make.offer(provider.organisation, booking_mode="slots")
    login_as(provider)
    if day == "YEARS_AHEAD":
        day = (date_horizon()[1] + timedelta(days=1)).isoformat()
    response = client.post(
        f"/aanbod/{offer.id}/tijden",
        data={"one-day": day, "one-start_time": "13:00", "one-end_time": "15:00", "one-capacity": "12"},
    )
    assert response.status_code == 400
    assert OUT_OF_RANGE in response.get_data(as_text=True)
    assert db.session.scalars(select(Slot)).all() == []


@pytest.mark.calendar
def test_a_slot_within_the_horizon_is_added(client, db, make, login_as):
    provider = make.user("provider")
    offer = make.offer(provider.organisation, booking_mode="slots")
    login_as(provider)
    response = client.post(
        f"/aanbod/{offer.id}/tijden",
        data={
            "one-day": days_ahead(365).isoformat(),
            "one-start_time": "13:00",
            "one-end_time": "15:00",
            "one-capacity": "12",
        },
    )
    assert response.status_code == 302
    assert len(db.session.scalars(select(Slot)).all()) == 1
