"""Search fixtures: every test here runs against both backends (Whoosh and PostgreSQL).

``search_kind`` parametrizes the backend; the PostgreSQL variant is marked ``postgres``
and skips (with a reason) without PORTAL_TEST_DATABASE_URL unless REQUIRE_POSTGRES=1.
Whoosh-only tests pin it: ``@pytest.mark.parametrize("search_kind", ["whoosh"])``.
"""

from __future__ import annotations

import pytest

from portal.search.backends.base import SearchParams


@pytest.fixture(params=["whoosh", pytest.param("postgres", marks=pytest.mark.postgres)])
def search_kind(request):
    return request.param


@pytest.fixture
def backend(search_kind):
    return "postgres" if search_kind == "postgres" else "sqlite"


@pytest.fixture
def app_config(app_config, search_kind):
    return {**app_config, "SEARCH_BACKEND": search_kind, "SEARCH_WRITER_TIMEOUT": 5}


@pytest.fixture
def find(app):
    """``find("lassen", filters={...})`` -> SearchResult through the public interface."""
    from portal.search import service

    def run(q="", **kw):
        return service.search(SearchParams(q=q, **kw))

    return run


@pytest.fixture
def ids(find):
    """``ids("lassen")`` -> set of offer ids found (first 100)."""

    def run(q="", **kw):
        kw.setdefault("per_page", 100)
        return {h.id for h in find(q, **kw).hits}

    return run


@pytest.fixture
def offer(make, db):
    """A committed published offer with the given texts: ``offer(title=..., description=...)``."""

    def create(**kw):
        kw.setdefault("summary", "")
        kw.setdefault("description", "")
        o = make.offer(**kw)
        db.session.commit()
        return o

    return create
