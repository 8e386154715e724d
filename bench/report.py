"""The results table (Markdown) and docs/PERFORMANCE.md."""

from __future__ import annotations

import os
import platform
from pathlib import Path

START, END = "<!-- bench:results:start -->", "<!-- bench:results:end -->"


def machine_info(pg_url: str | None) -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = ""
    try:
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        mem = f", {kb / 1024 / 1024:.1f} GiB RAM"
    except (OSError, ValueError, IndexError):
        pass
    parts = [
        f"{cpu}, {os.cpu_count()} cores{mem}",
        f"{platform.system()} {platform.release()}",
        f"Python {platform.python_version()}",
    ]
    if pg_url:
        try:
            import psycopg

            with psycopg.connect(pg_url) as conn:
                parts.append(
                    conn.execute("SHOW server_version").fetchone()[0].split()[0].join(["PostgreSQL ", ""])
                )
        except Exception:
            pass
    import sqlite3

    parts.append(f"SQLite {sqlite3.sqlite_version}")
    return "; ".join(parts)


def _ms(value: float) -> str:
    return f"{value:.1f}"


def render(levels: list[dict], machine: str, started: str, argv: str) -> str:
    lines = [
        f"Run: {started} — `python -m bench {argv}`".rstrip(),
        "",
        f"Machine: {machine}",
    ]
    if any(level["engines"] for level in levels):  # not with --http-only
        lines += [
            "",
            "### Search interface call (ms) and index build",
            "",
            "| offers | engine | build s | docs/s | p50 | p95 | p99 | calls |",
            "|---:|---|---:|---:|---:|---:|---:|---:|",
        ]
    for level in levels:
        for name, e in level["engines"].items():
            o = e["overall"]
            lines.append(
                f"| {level['size']:,} | {name} | {e['build_s']:.1f} | {e['docs_per_s']:,.0f} | "
                f"{_ms(o['p50'])} | {_ms(o['p95'])} | {_ms(o['p99'])} | {o['n']} |"
            )
    for level in levels:
        names = list(level["engines"])
        if not names:  # --http-only
            lines += _http_table(level) if "http" in level else []
            continue
        lines += [
            "",
            f"### Per query at {level['size']:,} offers: p50 / p95 ms (hits)",
            "",
            "| query | words | " + " | ".join(names) + " |",
            "|---|---|" + "---:|" * len(names),
        ]
        for label, q in level["queries"]:
            cells = []
            for name in names:
                e = level["engines"][name]
                p = e["per_label"][label]
                cells.append(f"{_ms(p['p50'])} / {_ms(p['p95'])} ({e['hits'][label]})")
            lines.append(f"| {label} | `{q}` | " + " | ".join(cells) + " |")
        if "adversarial" in level:
            lines += _adversarial_table(level)
        if "http" in level:
            lines += _http_table(level)
    return "\n".join(lines)


def _http_table(level: dict) -> list[str]:
    """Each page per backend, with its share of hello-world's req/s in the same run."""
    lines = [
        "",
        f"### Pages under gunicorn (2 workers) at {level['size']:,} offers: ms, req/s, share of hello-world",
        "",
        "| backend | page | p50 | p95 | p99 | req/s | vs hello-world | errors |",
        "|---|---|---:|---:|---:|---:|---:|---:|",
    ]
    for backend, routes in level["http"].items():
        for route, r in routes.items():
            ratio = r.get("ratio")
            share = f"{ratio:.0%}" if ratio is not None else ""
            lines.append(
                f"| {backend} | {route} | {_ms(r['p50'])} | {_ms(r['p95'])} | "
                f"{_ms(r['p99'])} | {r['rps']:.0f} | {share} | {r['errors']} |"
            )
    return lines


def _adversarial_table(level: dict) -> list[str]:
    from bench.adversarial import TYPES

    names = list(level["adversarial"])
    lines = [
        "",
        f"### Adversarial queries at {level['size']:,} offers, whole search path: p95 / max ms",
        "",
        "| query type | " + " | ".join(names) + " |",
        "|---|" + "---:|" * len(names),
    ]
    for kind in TYPES:
        cells = [
            f"{_ms(level['adversarial'][n][kind]['p95'])} / {_ms(level['adversarial'][n][kind]['max'])}"
            for n in names
        ]
        lines.append(f"| {kind} | " + " | ".join(cells) + " |")
    worst = {n: max(r["max"] for r in level["adversarial"][n].values()) for n in names}
    lines.append(
        "| **slowest call (target ≤ 300)** | " + " | ".join(f"**{_ms(worst[n])}**" for n in names) + " |"
    )
    return lines


def write_report(path: str, text: str) -> None:
    """Replace the results block in ``path`` (the hand-written analysis around it stays)."""
    file = Path(path)
    block = f"{START}\n{text}\n{END}"
    if file.exists() and START in file.read_text():
        before, rest = file.read_text().split(START, 1)
        after = rest.split(END, 1)[1] if END in rest else ""
        file.write_text(before + block + after)
    else:
        file.parent.mkdir(parents=True, exist_ok=True)
        file.write_text(f"# Search performance\n\n## Latest results\n\n{block}\n")
