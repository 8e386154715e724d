"""The index follows committed data only; nothing is lost to a busy index."""

from __future__ import annotations

import multiprocessing
from contextlib import contextmanager
from datetime import datetime

import pytest
from sqlalchemy import select, text

from portal.models.search import SearchQueue
from portal.search import sync
from portal.search.service import get_backend


def test_publish_unpublish_archive_and_edit(offer, db, ids):
    o = offer(title="Zonnepanelen leggen", status="draft")
    assert ids("zonnepanelen") == set()
    o.status = "published"
    db.session.commit()
    assert ids("zonnepanelen") == {o.id}
    o.title = "Windmolens bouwen"
    db.session.commit()
    assert ids("zonnepanelen") == set() and ids("windmolens") == {o.id}
    o.status = "submitted"  # an edit back in review is not public
    db.session.commit()
    assert ids("windmolens") == set()
    o.status = "published"
    db.session.commit()
    o.status = "archived"
    db.session.commit()
    assert ids("windmolens") == set()


def test_delete_removes_from_index(offer, db, ids):
    o = offer(title="Robot bouwen")
    assert ids("robot") == {o.id}
    db.session.delete(o)
    db.session.commit()
    assert ids("robot") == set()
    assert sync.check() == {"missing": [], "stale": [], "extra": []}


def test_provider_rename_and_term_and_slot_changes(offer, make, db, ids):
    company = make.company(name="Bouwbedrijf Jansen")
    o = offer(title="Bezoek aan de bouwplaats", organisation=company, booking_mode="slots")
    company.name = "Pietersen Bouw"
    db.session.commit()
    assert ids("pietersen") == {o.id} and ids("jansen") == set()
    o.terms.append(make.term("theme", "maritiem"))
    db.session.commit()
    assert ids("", filters={"theme": ["maritiem"]}) == {o.id}
    make.slot(o, start=datetime(2031, 5, 5, 9))
    db.session.commit()
    from datetime import date

    assert ids("", date_from=date(2031, 5, 1), date_to=date(2031, 5, 31)) == {o.id}


def test_rolled_back_changes_never_reach_the_index(offer, db, ids):
    o = offer(title="Robot bouwen")
    o.title = "Geheim concept"
    db.session.flush()
    db.session.rollback()
    assert ids("geheim") == set() and ids("robot") == {o.id}
    assert db.session.scalar(select(SearchQueue).where(SearchQueue.done_at.is_(None))) is None


def test_reindex_swaps_in_an_equal_index(offer, runner, ids):
    a, b = offer(title="Robot bouwen"), offer(title="Lassen")
    before = (ids("robot"), ids("lassen"))
    result = runner.invoke(args=["search", "reindex"])
    assert result.exit_code == 0 and "Indexed 2 published offers" in result.output
    assert (ids("robot"), ids("lassen")) == before == ({a.id}, {b.id})
    assert runner.invoke(args=["search", "check"]).exit_code == 0


def test_check_reports_missing_stale_and_extra_and_fix_repairs(offer, db, runner):
    a, b, c = offer(title="Robot"), offer(title="Lassen"), offer(title="Solderen")
    backend = get_backend()
    backend.remove([a.id])  # missing
    db.session.execute(text("UPDATE offer SET title = 'Anders' WHERE id = :id"), {"id": b.id})
    db.session.execute(text("UPDATE offer SET status = 'draft' WHERE id = :id"), {"id": c.id})
    db.session.commit()  # plain SQL: the session events do not see these (on purpose here)
    result = runner.invoke(args=["search", "check"])
    assert result.exit_code == 1
    assert f"missing: 1 ({a.id})" in result.output and f"stale: 1 ({b.id})" in result.output
    assert f"extra: 1 ({c.id})" in result.output
    assert runner.invoke(args=["search", "check", "--fix"]).exit_code == 0
    assert runner.invoke(args=["search", "check"]).exit_code == 0


@contextmanager
def write_lock_held(app, search_kind):
    """Another process holds the index write lock (Whoosh file lock / PG advisory lock)."""
    backend = get_backend()
    if search_kind == "whoosh":
        backend.writer_timeout = 0.2
        ix = backend._index()
        lock = ix.storage.lock("MAIN_WRITELOCK")
        assert lock.acquire(blocking=False)
        try:
            yield
        finally:
            lock.release()
    else:
        backend.lock_timeout_ms = 200
        from portal.extensions import db

        with db.engine.connect() as other:
            other.execute(text("SELECT pg_advisory_lock(4242002)"))
            try:
                yield
            finally:
                other.execute(text("SELECT pg_advisory_unlock(4242002)"))
                other.commit()


def test_busy_index_keeps_the_change_queued_until_retried(app, offer, db, ids, runner, search_kind):
    o = offer(title="Robot bouwen")
    with write_lock_held(app, search_kind):
        o.title = "Windmolen bouwen"
        db.session.commit()  # the index write fails: LockError / lock timeout
        assert sync.pending_count() == 1
    assert ids("windmolen") == set()  # not yet applied ...
    assert runner.invoke(args=["search", "check"]).exit_code == 1
    result = runner.invoke(args=["search", "sync"])
    assert result.exit_code == 0 and "Applied 1" in result.output
    assert ids("windmolen") == {o.id} and sync.pending_count() == 0


def test_busy_change_is_retried_by_the_next_commit(app, offer, db, ids, search_kind):
    o = offer(title="Robot bouwen")
    with write_lock_held(app, search_kind):
        o.title = "Windmolen bouwen"
        db.session.commit()
    offer(title="Iets anders")  # the next commit applies everything pending
    assert ids("windmolen") == {o.id} and sync.pending_count() == 0


@pytest.mark.parametrize("search_kind", ["whoosh"])
def test_corrupt_or_missing_index_is_rebuilt_instead_of_failing(app, offer, client):
    o = offer(title="Robot bouwen")
    backend = get_backend()
    gen_dir = backend.root / backend._current_gen()
    for toc in gen_dir.glob("*.toc"):
        toc.write_bytes(b"garbage")
    backend._ix = None  # as a freshly started process would
    response = client.get("/aanbod?q=robot")
    assert response.status_code == 200 and f"/aanbod/{o.id}-" in response.text
    (backend.root / "CURRENT").unlink()
    assert client.get("/healthz").json["checks"]["search"] is True
    assert client.get("/aanbod?q=robot").status_code == 200


@pytest.mark.parametrize("search_kind", ["whoosh"])
def test_searcher_is_reused_between_requests(app, offer, client):
    offer(title="Robot bouwen")
    client.get("/aanbod?q=robot")
    first = get_backend()._searcher
    client.get("/aanbod?q=robot")
    assert get_backend()._searcher is first


def _writer_process(config: dict, worker: int, count: int, queue) -> None:
    from portal import create_app
    from portal.extensions import db
    from tests.factories import Factories

    app = create_app(config)
    with app.app_context():
        make = Factories(db.session)
        company = make.company(name=f"Bedrijf {worker}")
        db.session.commit()
        for n in range(count):
            make.offer(organisation=company, title=f"Robot {worker} {n}", description="")
            db.session.commit()
    queue.put(worker)


@pytest.mark.parametrize("search_kind", ["whoosh"])
def test_several_processes_writing_lose_no_change(app, app_config, runner, ids):
    """4 processes x 8 commits on one index directory, with a tiny lock timeout."""
    config = {**app_config, "SEARCH_WRITER_TIMEOUT": 0.01}
    get_backend()  # the index exists before the workers start
    runner.invoke(args=["search", "reindex"])
    ctx = multiprocessing.get_context("spawn")
    done = ctx.Queue()
    workers = [ctx.Process(target=_writer_process, args=(config, w, 8, done)) for w in range(4)]
    for p in workers:
        p.start()
    for p in workers:
        p.join(120)
    assert sorted(done.get(timeout=5) for _ in workers) == [0, 1, 2, 3]
    runner.invoke(args=["search", "sync"])  # what a cron job does for any leftovers
    assert len(ids("robot", per_page=100)) == 32
    assert sync.check() == {"missing": [], "stale": [], "extra": []}


def test_searches_keep_working_while_reindexing(offer, ids):
    robots = {offer(title=f"Robot {n}").id for n in range(3)}
    seen = []

    def progress(n):  # called while the new index is being built
        seen.append(ids("robot"))

    assert sync.reindex(progress) == 3
    assert seen and all(found == robots for found in seen)
    assert ids("robot") == robots
