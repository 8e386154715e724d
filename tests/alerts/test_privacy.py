"""AVG: saved searches are in the person's data export and gone with their account."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from portal.models import SavedSearch
from tests.factories import PASSWORD


def test_the_data_export_lists_my_searches_and_nothing_of_others(client, db, make, login_as, saved):
    me = login_as("teacher")
    saved(me, "q=robots&thema=ict", name="Robots", frequency="weekly")
    saved(make.user("teacher"), "q=lassen", name="Lassen van een ander")

    data = json.loads(client.get("/mijn/gegevens.json").get_data(as_text=True))

    [row] = data["saved_searches"]
    assert (row["name"], row["search"], row["frequency"], row["paused"]) == (
        "Robots",
        "q=robots&thema=ict",
        "weekly",
        False,
    )
    assert row["saved_at"] and "Lassen van een ander" not in json.dumps(data)


@pytest.mark.both_databases
def test_deleting_my_account_deletes_my_searches_and_keeps_others(client, db, make, login_as, saved):
    me = login_as("teacher")
    other = make.user("teacher")
    saved(me, "q=robots")
    saved(other, "q=robots")

    response = client.post("/mijn/account-verwijderen", data={"password": PASSWORD, "understood": "y"})

    assert response.status_code == 302
    db.session.expire_all()
    owners = list(db.session.scalars(select(SavedSearch.user_id)))
    assert owners == [other.id]
