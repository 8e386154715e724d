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
