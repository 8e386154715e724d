"""How long a password-reset request takes for an address with and without an account.

``python -m bench.reset_timing [--rounds 400]``: builds the portal on a temporary SQLite
database (real argon2 parameters, CSRF and rate limits off), makes one account, then posts
``/wachtwoord-vergeten`` for the known and an unknown address in alternation and prints the
time per request (median, mean, p95). The worker's side (composing the mail, or dropping the
row) is timed too: that is what differs, and nobody waiting for the page sees it.
Not a test: timings vary with the machine and its load.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

KNOWN, UNKNOWN = "bekend@school.example", "onbekend@school.example"


def build_app(folder: Path):
    from portal import create_app
    from portal.extensions import db
    from portal.models import User

    app = create_app(
        {
            "SECRET_KEY": "bench-secret-key-that-is-long-enough-0123456789",
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder / 'bench.sqlite3'}",
            "WTF_CSRF_ENABLED": False,
            "RATELIMIT_ENABLED": False,
            "MAIL_SUPPRESS_SEND": True,
            "MAIL_FILE_DIR": str(folder / "mail"),
            "SEARCH_INDEX_DIR": str(folder / "index"),
            "UPLOAD_DIR": str(folder / "uploads"),
            "SERVER_NAME": "portal.test",
            "SITE_URL": "http://portal.test",
        }
    )
    with app.app_context():
        db.create_all()
        user = User(email=KNOWN, name="Bram Smit", role="teacher")
        user.set_password("een lang genoeg wachtwoord")
        db.session.add(user)
        db.session.commit()
    return app


def summary(seconds: list[float]) -> str:
    ms = sorted(s * 1000 for s in seconds)
    p95 = ms[int(0.95 * (len(ms) - 1))]
    return f"median {statistics.median(ms):6.2f} ms  mean {statistics.fmean(ms):6.2f} ms  p95 {p95:6.2f} ms"


def time_requests(app, rounds: int) -> dict[str, list[float]]:
    client = app.test_client()
    times: dict[str, list[float]] = {KNOWN: [], UNKNOWN: []}
    for n in range(rounds + 20):
        for address in (KNOWN, UNKNOWN) if n % 2 else (UNKNOWN, KNOWN):
            start = time.perf_counter()
            response = client.post("/wachtwoord-vergeten", data={"email": address})
            elapsed = time.perf_counter() - start
            assert response.status_code == 302, response.status_code
            if n >= 20:  # the first rounds warm caches up
                times[address].append(elapsed)
    return times


def time_worker(app, rounds: int) -> dict[str, list[float]]:
    from portal.accounts import mails
    from portal.extensions import db
    from portal.mail.delivery import deliver_all_due

    times: dict[str, list[float]] = {KNOWN: [], UNKNOWN: []}
    with app.app_context():
        deliver_all_due()  # what the requests above queued
        for _ in range(rounds):
            for address in (KNOWN, UNKNOWN):
                mails.queue_password_reset(address)
                db.session.commit()
                start = time.perf_counter()
                deliver_all_due()
                times[address].append(time.perf_counter() - start)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=400)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        app = build_app(Path(folder))
        requests = time_requests(app, args.rounds)
        worker = time_worker(app, max(args.rounds // 4, 20))
    print(f"POST /wachtwoord-vergeten, {args.rounds} requests per address:")
    for address in (KNOWN, UNKNOWN):
        print(f"  {'known' if address == KNOWN else 'unknown':8} {summary(requests[address])}")
    diff = statistics.median(requests[KNOWN]) - statistics.median(requests[UNKNOWN])
    print(f"  difference of the medians (known - unknown): {diff * 1000:+.3f} ms")
    print("Mail worker, per row (composed and written to a file / dropped):")
    for address in (KNOWN, UNKNOWN):
        print(f"  {'known' if address == KNOWN else 'unknown':8} {summary(worker[address])}")


if __name__ == "__main__":
    main()
