"""AVG: the short list is in the person's data export and gone with their account; the demo
teacher has one to show."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import func, select

from portal.demo import DEMO_DOMAIN
from portal.models import SavedOffer, User
from tests.factories import PASSWORD
from tests.shortlist.conftest import saved_ids


def test_the_data_export_lists_what_i_saved_and_nothing_of_others(client, db, make, login_as, offers, save):
    me = login_as("teacher")
    save(me, offers[0], offers[2])
    save(make.user("teacher"), offers[1])

    data = json.loads(client.get("/mijn/gegevens.json").get_data(as_text=True))

    assert [(row["offer_id"], row["offer"]) for row in data["saved_offers"]] == [
        (offers[0].id, "Zonnepanelen op het dak"),
        (offers[2].id, "Leskist micro:bits"),
    ]
    assert all(row["saved_at"] for row in data["saved_offers"])
    assert "Bezoek aan het windpark" not in json.dumps(data)


@pytest.mark.both_databases
def test_deleting_my_account_deletes_my_list_and_keeps_others(client, db, make, login_as, offers, save):
    me = login_as("teacher")
    colleague = make.user("teacher", organisation=me.organisation)
    save(me, *offers)
    save(colleague, offers[0])

    response = client.post("/mijn/account-verwijderen", data={"password": PASSWORD, "understood": "y"})

    assert response.status_code == 302
    db.session.expire_all()
    assert saved_ids(db, me) == []
    assert saved_ids(db, colleague) == [offers[0].id]


def test_the_demo_teacher_has_saved_offers_to_compare(runner, db):
    assert runner.invoke(args=["seed-demo"]).exit_code == 0
    teacher = db.session.scalar(select(User).where(User.email == f"docent@{DEMO_DOMAIN}"))
    first = saved_ids(db, teacher)
    assert len(first) == 3
    assert runner.invoke(args=["seed-demo"]).exit_code == 0  # idempotent
    assert db.session.scalar(select(func.count()).select_from(SavedOffer)) == 3
