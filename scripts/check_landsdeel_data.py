"""Check portal/data/landsdeel_municipalities.csv (and landsdeel_boundaries.json when present).

Run from the repository root:

    python scripts/check_landsdeel_data.py            # check, then print the tile grid
    python scripts/check_landsdeel_data.py --quiet    # check only

Exit status 0 when every check passes, 1 otherwise (each problem is printed). Standard library
only, so it runs anywhere the portal runs. The sources and the yearly update are described in
docs/DATA-SOURCES.md; when the municipal division changes, change EXPECTED_COUNTS with the data.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CSV_PATH = ROOT / "portal" / "data" / "landsdeel_municipalities.csv"
BOUNDARIES_PATH = ROOT / "portal" / "data" / "landsdeel_boundaries.json"

COLUMNS = [
    "slug",
    "name",
    "cbs_code",
    "province",
    "subregion",
    "latitude",
    "longitude",
    "holiday_region",
    "grid_row",
    "grid_col",
]
# Gemeentelijke indeling 1 January 2025 (CBS): 342 municipalities in the country.
EXPECTED_COUNTS = {"flevoland": 6, "noord-holland": 44, "utrecht": 26}
SUBREGIONS = {
    "flevoland": {"flevoland"},
    "noord-holland": {"metropoolregio-amsterdam", "noord-holland-noord"},
    "utrecht": {"utrecht"},
}
HOLIDAY_REGIONS = {"noord", "midden", "zuid"}
# Bounding box of the three provinces (CBS boundaries 2025: lat 51.85-53.18, lon 4.49-5.99)
# with a small margin.
LAT_RANGE = (51.80, 53.25)
LON_RANGE = (4.40, 6.10)
GRID_LIMIT = 16  # rows and columns; the layout is meant to stay near 12 x 12

SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
CODE_RE = re.compile(r"^GM\d{4}$")
COORD_RE = re.compile(r"^-?\d{1,3}\.\d{1,4}$")
MARKERS = {
    "metropoolregio-amsterdam": "M",
    "noord-holland-noord": "N",
    "utrecht": "U",
    "flevoland": "F",
}


def read_rows(path: Path, problems: list[str]) -> list[dict[str, str]]:
    raw = path.read_bytes()
    if raw.startswith(b"\xef\xbb\xbf"):
        problems.append(f"{path.name}: starts with a byte-order mark; plain UTF-8 expected")
    text = raw.decode("utf-8")
    reader = csv.DictReader(text.splitlines())
    if reader.fieldnames != COLUMNS:
        problems.append(f"{path.name}: header {reader.fieldnames} is not {COLUMNS}")
        return []
    rows = list(reader)
    for number, row in enumerate(rows, start=2):
        if None in row or any(value is None for value in row.values()):
            problems.append(f"line {number}: wrong number of fields")
    return rows


def check_rows(rows: list[dict[str, str]], problems: list[str]) -> None:
    for column in ("slug", "cbs_code", "name"):
        for value, count in Counter(row[column] for row in rows).items():
            if count > 1:
                problems.append(f"{column} {value!r} occurs {count} times")
    cells = Counter((row["grid_row"], row["grid_col"]) for row in rows)
    for cell, count in cells.items():
        if count > 1:
            problems.append(f"grid cell {cell} holds {count} municipalities")

    for row in rows:
        label = row["slug"] or row["name"]
        if not SLUG_RE.match(row["slug"]):
            problems.append(f"{label}: slug {row['slug']!r} is not lowercase ascii with hyphens")
        if not CODE_RE.match(row["cbs_code"]):
            problems.append(f"{label}: CBS code {row['cbs_code']!r} is not GM + 4 digits")
        if row["name"] != row["name"].strip() or not row["name"]:
            problems.append(f"{label}: name {row['name']!r} is empty or has surrounding spaces")
        province = row["province"]
        if province not in SUBREGIONS:
            problems.append(f"{label}: unknown province {province!r}")
        elif row["subregion"] not in SUBREGIONS[province]:
            problems.append(f"{label}: subregion {row['subregion']!r} does not belong to {province}")
        if row["holiday_region"] not in HOLIDAY_REGIONS:
            problems.append(f"{label}: holiday region {row['holiday_region']!r}")
        for column, (low, high) in (("latitude", LAT_RANGE), ("longitude", LON_RANGE)):
            value = row[column]
            if not COORD_RE.match(value):
                problems.append(f"{label}: {column} {value!r} is not a decimal with at most 4 decimals")
                continue
            if not low <= float(value) <= high:
                problems.append(f"{label}: {column} {value} outside the landsdeel ({low}-{high})")
        for column in ("grid_row", "grid_col"):
            value = row[column]
            if not value.isdigit() or int(value) >= GRID_LIMIT:
                problems.append(f"{label}: {column} {value!r} is not a whole number below {GRID_LIMIT}")

    counts = Counter(row["province"] for row in rows)
    for province, expected in EXPECTED_COUNTS.items():
        if counts.get(province, 0) != expected:
            problems.append(f"{province}: {counts.get(province, 0)} municipalities, expected {expected}")


def _inside_ring(lon: float, lat: float, ring: list[list[float]]) -> bool:
    inside = False
    for (x1, y1), (x2, y2) in zip(ring, ring[1:], strict=False):
        if (y1 > lat) != (y2 > lat) and lon < x1 + (lat - y1) * (x2 - x1) / (y2 - y1):
            inside = not inside
    return inside


def _inside(lon: float, lat: float, geometry: dict) -> bool:
    polygons = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
    for rings in polygons:
        if _inside_ring(lon, lat, rings[0]) and not any(_inside_ring(lon, lat, hole) for hole in rings[1:]):
            return True
    return False


def check_boundaries(path: Path, rows: list[dict[str, str]], problems: list[str]) -> None:
    data = json.loads(path.read_text(encoding="utf-8"))
    if data.get("type") != "FeatureCollection":
        problems.append(f"{path.name}: not a GeoJSON FeatureCollection")
        return
    if not data.get("licence") or not data.get("source"):
        problems.append(f"{path.name}: the source or licence note is missing")
    by_code = {row["cbs_code"]: row for row in rows}
    seen: set[str] = set()
    for feature in data.get("features", []):
        code = feature.get("properties", {}).get("cbs_code")
        geometry = feature.get("geometry") or {}
        if code not in by_code:
            problems.append(f"{path.name}: feature {code!r} is not in the CSV")
            continue
        if code in seen:
            problems.append(f"{path.name}: feature {code} occurs twice")
        seen.add(code)
        row = by_code[code]
        if feature["properties"].get("slug") != row["slug"]:
            problems.append(f"{path.name}: {code} has slug {feature['properties'].get('slug')!r}")
        if geometry.get("type") not in ("Polygon", "MultiPolygon"):
            problems.append(f"{path.name}: {code} has geometry {geometry.get('type')!r}")
            continue
        if not _inside(float(row["longitude"]), float(row["latitude"]), geometry):
            problems.append(f"{row['slug']}: its coordinates lie outside its own boundary")
    for code in sorted(set(by_code) - seen):
        problems.append(f"{path.name}: no boundary for {code} ({by_code[code]['slug']})")


def grid_is_drawable(rows: list[dict[str, str]]) -> bool:
    cells = [(row["grid_row"], row["grid_col"]) for row in rows]
    return all(r.isdigit() and c.isdigit() for r, c in cells) and len(set(cells)) == len(cells)


def short_names(slugs: list[str], least: int = 5, most: int = 8) -> dict[str, str]:
    """The shortest prefix of each slug (at least `least` letters) that no other slug starts with."""
    out = {}
    for slug in slugs:
        for length in range(least, most + 1):
            prefix = slug[:length]
            if prefix == slug or not any(o != slug and o.startswith(prefix) for o in slugs):
                break
        out[slug] = prefix
    return out


def grid_picture(rows: list[dict[str, str]]) -> str:
    """The tile grid as text: one cell per municipality, north up."""
    cells = {(int(row["grid_row"]), int(row["grid_col"])): row for row in rows}
    names = short_names([row["slug"] for row in rows])
    width = max(c for _, c in cells) + 1
    cell = max(len(n) for n in names.values()) + 3
    lines = ["    " + "".join(f"{c:<{cell}}" for c in range(width)).rstrip()]
    for r in range(max(r for r, _ in cells) + 1):
        parts = []
        for c in range(width):
            row = cells.get((r, c))
            text = "." if row is None else f"{MARKERS.get(row['subregion'], '?')}:{names[row['slug']]}"
            parts.append(f"{text:<{cell}}")
        lines.append(f"{r:>2}  " + "".join(parts).rstrip())
    lines.append("")
    lines.append("M = metropoolregio-amsterdam, N = noord-holland-noord, U = utrecht, F = flevoland;")
    lines.append("each cell shows the shortest unambiguous beginning of the slug (at least five letters).")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--csv", type=Path, default=CSV_PATH)
    parser.add_argument("--boundaries", type=Path, default=BOUNDARIES_PATH)
    parser.add_argument("--quiet", action="store_true", help="do not print the grid")
    args = parser.parse_args(argv)

    problems: list[str] = []
    rows = read_rows(args.csv, problems)
    if rows:
        check_rows(rows, problems)
        if args.boundaries.exists():
            check_boundaries(args.boundaries, rows, problems)
    if not args.quiet and rows and grid_is_drawable(rows):
        print(grid_picture(rows))
        print()
    counts = Counter(row["province"] for row in rows)
    print(
        f"{len(rows)} municipalities: "
        + ", ".join(f"{province} {counts.get(province, 0)}" for province in EXPECTED_COUNTS)
        + (f"; boundaries checked ({args.boundaries.name})" if args.boundaries.exists() else "")
    )
    for problem in problems:
        print(f"PROBLEM: {problem}", file=sys.stderr)
    print("OK" if not problems else f"{len(problems)} problem(s)")
    return 0 if not problems else 1


if __name__ == "__main__":
    sys.exit(main())
