"""Searchable right after it returns: every command and page that changes offers leaves the
index equal to the database when it is done, on SQLite and on PostgreSQL, with either search
backend (Whoosh beside PostgreSQL is what ``make run`` with a PostgreSQL URL gives).

The import runs each row in a SAVEPOINT; SQLAlchemy reports the release of a savepoint as a
commit, while the outer transaction (and the queue rows) is still uncommitted. A sync at that
moment saw nothing and forgot the change: on PostgreSQL an imported offer stayed unfindable.
"""

from __future__ import annotations

import json

import pytest

from portal.models import utcnow
from portal.search import sync
from tests.moderation.test_import import _row


@pytest.fixture(
    params=[
        ("whoosh", "sqlite"),
        pytest.param(("whoosh", "postgres"), marks=pytest.mark.postgres),
        pytest.param(("postgres", "postgres"), marks=pytest.mark.postgres),
    ],
    ids=["whoosh-sqlite", "whoosh-postgres", "postgres-postgres"],
)
def setup(request):
    return request.param


@pytest.fixture
def search_kind(setup):
    return setup[0]


@pytest.fixture
def backend(setup):
    return setup[1]


def _consistent():
    report = sync.check()
    return report == {"missing": [], "stale": [], "extra": []} and sync.pending_count() == 0


def test_imported_offers_are_found_when_the_command_returns(runner, tmp_path, ids):
    rows = [
        _row("ext-1", title="Gastles scheepsbouw"),
        _row("ext-2", title="Kapotte rij", kind="spaceship"),  # refused: rolled back alone
        _row("ext-3", title="Bedrijfsbezoek zonnepark", kind="company_visit"),
    ]
    path = tmp_path / "offers.json"
    path.write_text(json.dumps(rows), encoding="utf-8")

    result = runner.invoke(args=["offers", "import", str(path)])

    assert "Created: 2" in result.output, result.output
    assert len(ids("scheepsbouw")) == 1
    assert len(ids("zonnepark")) == 1
    assert _consistent()


def test_archived_offers_are_gone_when_the_command_returns(runner, offer, db, ids):
    ended = offer(title="Gastles dakdekken", available_until=utcnow().date().replace(year=2020))
    assert ids("dakdekken") == {ended.id}

    result = runner.invoke(args=["offers", "archive-expired"])

    assert result.exit_code == 0, result.output
    assert ids("dakdekken") == set()
    assert _consistent()


def test_an_approved_offer_is_found_when_the_page_returns(client, login_as, make, db, ids):
    company = make.company(verified=False)
    submitted = make.offer(company, status="submitted", title="Gastles glasvezel", published_at=None)
    coordinator = login_as("coordinator")
    assert coordinator and ids("glasvezel") == set()

    response = client.post(f"/beheer/aanbod/{submitted.id}/goedkeuren", data={"version": submitted.version})

    assert response.status_code in (302, 303)
    assert ids("glasvezel") == {submitted.id}
    assert _consistent()


# -- every page that changes what a search finds ------------------------------------------
# Each test changes an offer the way a person does, through the page, and then searches as
# the next visitor would: the change is there when the response has been sent.


def _in_days(days: int):
    from tests.clock import days_ahead

    return days_ahead(days)


def test_a_verified_providers_edit_is_found_when_the_page_returns(client, login_as, make, db, ids):
    from tests.offers.conftest import offer_form

    provider = make.user("provider", organisation=make.company(verified=True))
    offer = make.offer(organisation=provider.organisation, status="published", title="Gastles dakdekken")
    login_as(provider)

    response = client.post(f"/aanbod/{offer.id}/bewerken", data=offer_form(make, title="Gastles glasblazen"))

    assert response.status_code in (302, 303)
    assert ids("glasblazen") == {offer.id} and ids("dakdekken") == set()
    assert _consistent()


def test_an_unverified_providers_edit_is_found_once_it_is_approved(client, login_as, make, db, ids):
    from tests.offers.conftest import offer_form

    provider = make.user("provider", organisation=make.company(verified=False))
    offer = make.offer(organisation=provider.organisation, status="published", title="Gastles dakdekken")
    login_as(provider)

    client.post(f"/aanbod/{offer.id}/bewerken", data=offer_form(make, title="Gastles glasblazen"))

    assert ids("dakdekken") == {offer.id} and ids("glasblazen") == set()  # the approved version
    assert _consistent()
    login_as(make.user("coordinator", region=make.region("flevoland")))
    db.session.refresh(offer)

    client.post(f"/beheer/aanbod/{offer.id}/goedkeuren", data={"version": offer.version})

    assert ids("glasblazen") == {offer.id} and ids("dakdekken") == set()
    assert _consistent()


def test_an_offer_archived_by_its_provider_is_gone_when_the_page_returns(client, login_as, make, ids):
    provider = make.user("provider", organisation=make.company(verified=True))
    offer = make.offer(organisation=provider.organisation, status="published", title="Gastles dakdekken")
    login_as(provider)
    assert ids("dakdekken") == {offer.id}

    client.post(f"/aanbod/{offer.id}/archiveren")

    assert ids("dakdekken") == set()
    assert _consistent()


def test_an_offer_taken_offline_by_a_coordinator_is_gone_when_the_page_returns(client, login_as, make, ids):
    offer = make.offer(status="published", title="Gastles dakdekken")
    login_as(make.user("coordinator", region=make.region("flevoland")))

    client.post(
        f"/beheer/aanbod/{offer.id}/offline", data={"unpublish-reason": "Verouderd", "version": offer.version}
    )

    assert ids("dakdekken") == set()
    assert _consistent()


def test_a_new_date_is_found_by_the_date_filter_when_the_page_returns(client, login_as, make, db, ids):
    provider = make.user("provider", organisation=make.company(verified=True))
    offer = make.offer(
        organisation=provider.organisation, status="published", booking_mode="slots", title="Bezoek zonnepark"
    )
    login_as(provider)
    day = _in_days(40)
    assert ids("zonnepark", date_from=day, date_to=day) == set()

    response = client.post(
        f"/aanbod/{offer.id}/tijden",
        data={
            "one-day": day.isoformat(),
            "one-start_time": "13:00",
            "one-end_time": "15:00",
            "one-capacity": "12",
        },
    )

    assert response.status_code in (302, 303)
    assert ids("zonnepark", date_from=day, date_to=day) == {offer.id}
    assert _consistent()


def test_a_removed_date_is_gone_from_the_date_filter_when_the_page_returns(client, login_as, make, db, ids):
    provider = make.user("provider", organisation=make.company(verified=True))
    offer = make.offer(
        organisation=provider.organisation, status="published", booking_mode="slots", title="Bezoek zonnepark"
    )
    slot = make.slot(offer, days_ahead=40)
    db.session.commit()
    login_as(provider)
    day = slot.starts_at.date()
    assert ids("zonnepark", date_from=day, date_to=day) == {offer.id}

    client.post(f"/aanbod/{offer.id}/tijden/{slot.id}/verwijderen")

    assert ids("zonnepark", date_from=day, date_to=day) == set()
    assert _consistent()


def test_a_date_booked_full_leaves_the_date_filter_when_the_page_returns(client, login_as, make, db, ids):
    offer = make.offer(status="published", booking_mode="slots", title="Bezoek zonnepark")
    slot = make.slot(offer, days_ahead=40, capacity=12)
    db.session.commit()
    day = slot.starts_at.date()
    assert ids("zonnepark", date_from=day, date_to=day) == {offer.id}
    login_as("teacher")

    response = client.post(f"/aanbod/{offer.id}/boeken", data={"slot": slot.id, "group_size": 12})

    assert response.status_code in (302, 303)
    assert ids("zonnepark", date_from=day, date_to=day) == set()  # no place left that day
    assert _consistent()


def test_a_renamed_theme_is_searchable_when_the_page_returns(client, login_as, make, db, ids):
    theme = make.term("theme", "bouw")
    offer = make.offer(status="published", title="Gastles metselen", terms=[theme])
    db.session.commit()
    login_as("admin")

    client.post(f"/beheer/taxonomie/term/{theme.id}/naam", data={"label": "Bouw en kozijnen"})

    assert ids("kozijnen") == {offer.id}
    assert _consistent()
