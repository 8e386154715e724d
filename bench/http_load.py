"""The /aanbod page under gunicorn (2 workers) with a small threaded load generator."""

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
    for _ in range(100):
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/bench/hello")
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
            path = paths[n % len(paths)]
            n += 1
            start = time.perf_counter()
            try:
                conn.request("GET", path)
                response = conn.getresponse()
                response.read()
                if response.status != 200:
                    errors[0] += 1
            except OSError:
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


def page_paths(queries) -> list[str]:
    paths = []
    for q in queries:
        args = {"q": q.q} if q.q else {}
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
        paths.append("/aanbod?" + urlencode(args, doseq=True))
    return paths


def run_http(port: int, env: dict, queries, seconds: float, concurrency: int) -> dict:
    proc = start_gunicorn(port, env)
    try:
        paths = page_paths(queries)
        load(port, paths, 3, concurrency)  # warm up both workers (searchers, facet bitmaps)
        return {
            "/aanbod": load(port, paths, seconds, concurrency),
            "hello": load(port, ["/bench/hello"], seconds, concurrency),
        }
    finally:
        proc.terminate()
        proc.wait(10)
        print("gunicorn stopped", file=sys.stderr)
