"""Schema conformance: schemathesis generates requests from /api/v1/openapi.json (valid and
invalid ones), sends them to the WSGI app and checks every answer against the document
(status codes, content types, response schemas, no server errors, bad input refused).
Deterministic (``derandomize``), bounded in examples, no network."""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.generation.modes import GenerationMode

from portal.extensions import db

EXAMPLES = 40


def operations(app):
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)
    found = []
    for result in schema.get_all_operations():
        found.append(result.ok())
    return found


def test_schemathesis_finds_nothing(app, world, book):
    from tests.api.conftest import school_day

    for n in range(6):
        book(world.published[0], world.school, school_day(-5 - n))
    db.session.commit()
    found = operations(app)
    assert {op.path for op in found} == {
        "/api/v1/offers",
        "/api/v1/offers/{offer_id}",
        "/api/v1/taxonomy",
        "/api/v1/municipalities",
        "/api/v1/regions",
        "/api/v1/figures",
    }
    calls = []
    runs = [(op, GenerationMode.POSITIVE) for op in found]
    runs += [(op, GenerationMode.NEGATIVE) for op in found if len(op.query) or len(op.path_parameters)]
    assert len(runs) == len(found) + 3  # offers, one offer and figures take parameters
    for operation, mode in runs:

        @settings(
            max_examples=EXAMPLES,
            derandomize=True,
            database=None,
            deadline=None,
            suppress_health_check=list(HealthCheck),
        )
        @given(case=operation.as_strategy(generation_mode=mode))
        def check(case):
            response = case.call_and_validate()
            calls.append((case.operation.path, response.status_code))

        check()
    assert len(calls) >= len(found) * 5  # every operation, valid and invalid
    statuses = {status for _path, status in calls}
    assert 200 in statuses and 400 in statuses  # both valid and invalid requests were sent
    assert not any(status >= 500 for status in statuses)


@pytest.mark.parametrize("path", ["/api/v1/openapi.json"])
def test_the_document_loads_as_openapi_3_1(app, world, path):
    schema = schemathesis.openapi.from_wsgi(path, app)
    assert schema.raw_schema["openapi"] == "3.1.0"
