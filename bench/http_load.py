"""The pages under gunicorn (2 workers) with a small threaded load generator.

One run serves the page mix (the home page, ``/aanbod`` browsing, ``/aanbod?q=robot`` and
the benchmark's query mix with filters, sorts, dates and paging) next to a hello-world route
on the same server, so each page's requests per second can be read as a share of what the
server path alone allows at that moment (issue 11: at least 20 %).
"""

from __future__ import annotations

import http.client
import os
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

from bench.stats import percentiles

ROOT = Path(__file__).resolve().parent.parent
HELLO = "/bench/hello"


def start_gunicorn(port: int, env: dict) -> subprocess.Popen:
    cmd = [
        str(ROOT / ".venv/bin/gunicorn"),
        "-w",
        "2",
        "-b",
        f"127.0.0.1:{port}",
        "--log-level",
        "warning",
        "bench.wsgi:app",
    ]
    proc = subprocess.Popen(cmd, cwd=ROOT, env={**os.environ, **env})
    for _ in range(150):
        if proc.poll() is not None:
            raise RuntimeError("gunicorn exited")
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", HELLO)
            if conn.getresponse().status == 200:
                return proc
        except OSError:
            time.sleep(0.2)
    proc.terminate()
    raise RuntimeError("gunicorn did not start")


def load(port: int, paths: list[str], seconds: float, concurrency: int) -> dict:
    """Keep ``concurrency`` connections busy for ``seconds``; latency percentiles in ms."""
    latencies: list[float] = []
    errors = [0]
    lock = threading.Lock()
    stop = time.monotonic() + seconds

    def worker(offset: int) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        n = offset
        mine = []
        while time.monotonic() < stop:
            path = paths[n % len(paths)].replace("{n}", f"{offset}-{n}")  # {n}: a URL never seen
            n += 1
            start = time.perf_counter()
            try:
                conn.request("GET", path)
                response = conn.getresponse()
                response.read()
                if response.status != 200:
                    with lock:
                        errors[0] += 1
            except OSError:
                with lock:
                    errors[0] += 1
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                continue
            mine.append((time.perf_counter() - start) * 1000)
        with lock:
            latencies.extend(mine)

    threads = [threading.Thread(target=worker, args=(i * 7,)) for i in range(concurrency)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    result = percentiles(latencies)
    result.update(requests=len(latencies), rps=len(latencies) / seconds, errors=errors[0])
    return result


def search_path(q) -> str:
    """The /aanbod URL of one ``BenchQuery``."""
    args: dict = {"q": q.q} if q.q else {}
    names = {
        "kind": "soort",
        "audience": "doelgroep",
        "profile": "profiel",
        "theme": "thema",
        "municipality": "gemeente",
    }
    for facet, values in q.filters.items():
        args[names[facet]] = values
    if q.sort != "relevantie":
        args["sorteer"] = q.sort
    if q.page != 1:
        args["pagina"] = q.page
    if q.dates:
        args["van"], args["tot"] = q.dates[0].isoformat(), q.dates[1].isoformat()
    return "/aanbod?" + urlencode(args, doseq=True) if args else "/aanbod"


def page_mix(queries) -> dict[str, list[str]]:
    """page label -> the paths loaded for it (one path, or the query mix in turn)."""
    return {
        "home /": ["/"],
        "/aanbod (browse)": ["/aanbod"],
        "/aanbod?q=robot": ["/aanbod?q=robot"],
        "/aanbod query mix": [search_path(q) for q in queries],
        # what a logged-in teacher gets: no page cache (an unknown parameter makes each URL new)
        "/aanbod query mix, uncached": [_unique(search_path(q)) for q in queries],
        "home /, uncached": ["/?bench={n}"],
    }


def _unique(path: str) -> str:
    return path + ("&" if "?" in path else "?") + "bench={n}"


def run_http(port: int, env: dict, queries, seconds: float, concurrency: int) -> dict:
    """label -> percentiles, req/s and ``ratio`` (req/s over hello-world's in this run).

    Hello-world is measured before and after the pages; its row is the mean of the two, so
    a change in the machine's load during the run shows in neither extreme alone."""
    proc = start_gunicorn(port, env)
    try:
        pages = page_mix(queries)
        everything = [path for paths in pages.values() for path in paths]
        load(port, everything, 4, concurrency)  # warm up both workers (searchers, caches)
        first = load(port, [HELLO], seconds, concurrency)
        out = {label: load(port, paths, seconds, concurrency) for label, paths in pages.items()}
        second = load(port, [HELLO], seconds, concurrency)
        hello = {key: (first[key] + second[key]) / 2 for key in ("p50", "p95", "p99", "rps")}
        hello.update(requests=first["requests"] + second["requests"])
        hello.update(errors=first["errors"] + second["errors"], ratio=1.0)
        for result in out.values():
            result["ratio"] = result["rps"] / hello["rps"] if hello["rps"] else float("nan")
        return {**out, "hello-world": hello}
    finally:
        proc.terminate()
        proc.wait(10)
        print("gunicorn stopped", file=sys.stderr)
