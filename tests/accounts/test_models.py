"""Model-level rules on both databases: one account per address, whatever the case."""

from __future__ import annotations

import pytest
from sqlalchemy.exc import IntegrityError

from portal.models import User
from portal.models.accounts import find_user_by_email


@pytest.mark.both_databases
def test_email_is_unique_case_insensitively(db, backend):
    db.session.add(User(email=" Docent@School.Example ", name="A", role="teacher"))
    db.session.flush()
    assert find_user_by_email("DOCENT@school.example").email == "docent@school.example"
    db.session.add(User(email="docent@SCHOOL.example", name="B", role="teacher"))
    with pytest.raises(IntegrityError):
        db.session.flush()
    db.session.rollback()


@pytest.mark.both_databases
def test_deleted_at_column_round_trips(db, make, backend):
    from portal.accounts.services import delete_account
    from tests.factories import PASSWORD

    user = make.user("teacher")
    delete_account(user, PASSWORD)
    db.session.commit()
    db.session.expire_all()
    stored = db.session.get(User, user.id)
    assert stored.deleted_at is not None and stored.email.endswith("@deleted.invalid")
