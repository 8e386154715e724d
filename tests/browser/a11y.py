"""axe-core scans (axe-playwright-python bundles axe.min.js; nothing is downloaded)."""

from __future__ import annotations

from axe_playwright_python.sync_playwright import Axe

BLOCKING_IMPACTS = ("serious", "critical")

_axe = Axe()


def blocking_violations(page, context=None) -> list[dict]:
    """axe violations of impact serious or critical on the current page."""
    results = _axe.run(page, context=context)
    return [v for v in results.response["violations"] if v.get("impact") in BLOCKING_IMPACTS]


def describe(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        lines.append(f"- {v['id']} ({v['impact']}): {v['help']} [{v.get('helpUrl', '')}]")
        for node in v["nodes"][:10]:
            target = " ".join(str(t) for t in node["target"])
            lines.append(f"    at {target}: {node.get('html', '')[:200]}")
            if node.get("failureSummary"):
                lines.append("      " + node["failureSummary"].replace("\n", "\n      "))
    return "\n".join(lines)


def axe_check(page, context=None) -> None:
    """Fail when axe finds a serious or critical violation on the page as it is now."""
    page.wait_for_load_state("load")
    violations = blocking_violations(page, context)
    if violations:
        raise AssertionError(
            f"axe-core: {len(violations)} serious/critical violation(s) on {page.url}:\n"
            + describe(violations)
        )
