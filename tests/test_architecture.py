"""The shape of the code, checked: no import cycles, few deferred imports, no status strings
outside their enums, views that never commit, models that never read the request.

The layer contracts (views -> services -> models, nothing imports a view, only
``portal.search`` imports Whoosh) are import-linter contracts in ``pyproject.toml``, run by
``make test`` and by ``test_import_contracts_hold`` below.
"""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import grimp

from portal.models.statuses import STATUS_ENUMS

ROOT = Path(__file__).resolve().parents[1]
PORTAL = ROOT / "portal"
# Besides the one each area's ``init_app`` has (it wires the area's views: docs/ARCHITECTURE.md,
# "How to add an area"), imports inside functions must defer something heavy or optional.
MAX_DEFERRED_IMPORTS = 3


def _sources():
    for path in sorted(PORTAL.rglob("*.py")):
        yield path.relative_to(ROOT).as_posix(), path.read_text()


def _cycles(graph: grimp.ImportGraph) -> list[list[str]]:
    """Strongly connected groups of more than one module (Tarjan), imports in functions too."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(module: str) -> None:
        index[module] = low[module] = len(index)
        stack.append(module)
        for other in graph.find_modules_directly_imported_by(module):
            if not other.startswith("portal"):
                continue
            if other not in index:
                visit(other)
                low[module] = min(low[module], low[other])
            elif other in stack:
                low[module] = min(low[module], index[other])
        if low[module] == index[module]:
            group = []
            while True:
                other = stack.pop()
                group.append(other)
                if other == module:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    sys.setrecursionlimit(10_000)
    for module in sorted(graph.modules):
        if module.startswith("portal") and module not in index:
            visit(module)
    return found


def test_no_import_cycles_in_the_portal():
    graph = grimp.build_graph("portal")
    assert _cycles(graph) == []


def deferred_imports() -> list[str]:
    """Imports inside functions (each must defer something heavy or optional)."""
    found = []
    for name, source in _sources():
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                found += [
                    f"{name}:{sub.lineno}"
                    for sub in ast.walk(node)
                    if isinstance(sub, ast.Import | ast.ImportFrom)
                ]
    return found


def test_imports_inside_functions_stay_rare():
    areas = {f"portal/{area}/__init__.py" for area in _area_packages()}
    found = [place for place in deferred_imports() if place.split(":")[0] not in areas]
    assert len(found) <= MAX_DEFERRED_IMPORTS, found


def test_an_area_defers_one_import_at_most_to_wire_its_views():
    per_file = Counter(place.split(":")[0] for place in deferred_imports())
    assert {
        f: n for f, n in per_file.items() if f.startswith("portal/") and f.endswith("/__init__.py") and n > 1
    } == {}


def _area_packages() -> list[str]:
    return [p.parent.name for p in PORTAL.glob("*/__init__.py") if (p.parent / "views.py").exists()]


STATUS_VALUES = {member.value for enum in STATUS_ENUMS for member in enum}
# A status value as a quoted string; words that are also ordinary words elsewhere (a
# "sent" flag, a "member" label...) are caught only where they are compared to a status.
LITERAL = re.compile(r"""["']({})["']""".format("|".join(sorted(STATUS_VALUES))))
ALLOWED_LITERAL_FILES = {"portal/models/statuses.py"}


def _status_literals() -> list[str]:
    found = []
    for name, source in _sources():
        if name in ALLOWED_LITERAL_FILES:
            continue
        for number, line in enumerate(source.splitlines(), 1):
            if LITERAL.search(line) and "status" in line.lower():
                found.append(f"{name}:{number}: {line.strip()}")
    for path in sorted((PORTAL / "templates").rglob("*.html")):
        for number, line in enumerate(path.read_text().splitlines(), 1):
            if LITERAL.search(line) and "status" in line.lower():
                found.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    return found


def test_no_status_string_outside_its_enum():
    assert _status_literals() == []


def test_views_never_commit():
    commits = [
        f"{name}:{n}"
        for name, source in _sources()
        if "views" in Path(name).stem
        for n, line in enumerate(source.splitlines(), 1)
        if "session.commit()" in line
    ]
    assert commits == []


def test_models_never_read_the_request_or_g():
    offenders = [
        name
        for name, source in _sources()
        if name.startswith("portal/models/")
        and re.search(r"\bfrom flask import\b.*\b(g|request|session)\b|flask\.g\b", source)
    ]
    assert offenders == []


def test_no_fake_request_contexts_in_production_code():
    assert [name for name, source in _sources() if "test_request_context" in source] == []


def test_import_contracts_hold():
    linter = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run([str(linter)], cwd=ROOT, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_architecture_doc_lists_exactly_the_modules_in_the_tree():
    doc = (ROOT / "docs" / "ARCHITECTURE.md").read_text()
    listed = set(re.findall(r"^- `(portal/[\w/]+\.py)`", doc, re.MULTILINE))
    tree = {name for name, _ in _sources()}
    assert sorted(tree - listed) == [] and sorted(listed - tree) == []
    mentioned = set(re.findall(r"`(portal/[\w/]+\.py)`", doc))
    assert sorted(mentioned - tree) == []


def test_nothing_registers_itself_at_import_time():
    """Listeners, registries and routes are wired in init_app, not as a side effect of an
    import: no decorator listeners, no bottom-of-file route imports, no area probes."""
    offenders = []
    for name, source in _sources():
        for number, line in enumerate(source.splitlines(), 1):
            if "@event.listens_for" in line or "has_endpoint(" in line or "except ImportError" in line:
                offenders.append(f"{name}:{number}")
            if line.startswith(("from ", "import ")) and "noqa: E402" in line:
                offenders.append(f"{name}:{number}")
    assert offenders == []
