"""A readable, word-level diff between the last approved version and the pending edit."""
from __future__ import annotations

import difflib
import re

from markupsafe import Markup, escape

_TOKENS = re.compile(r"\s+|[^\s]+")


def _tokens(value) -> list[str]:
    if value is None:
        return []
    if isinstance(value, list | tuple | set):
        value = ", ".join(str(v) for v in value)
    return _TOKENS.findall(str(value))


def word_diff(old, new) -> Markup:
    """HTML with removed words in ``<del class="diff-del">`` and added ones in
    ``<ins class="diff-ins">``; everything else escaped and unchanged."""
    a, b = _tokens(old), _tokens(new)
    out: list[str] = []
    matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            out.append(escape("".join(a[a1:a2])))
            continue
        if op in ("delete", "replace"):
            out.append(Markup('<del class="diff-del">%s</del>') % "".join(a[a1:a2]))
        if op in ("insert", "replace"):
            out.append(Markup('<ins class="diff-ins">%s</ins>') % "".join(b[b1:b2]))
    return Markup("").join(out)


def render_changes(changes) -> list[dict]:
    """[(label, old, new)] from ``lifecycle.pending_changes`` -> rows for the template."""
    rows = []
    for label, old, new in changes:
        rows.append({"label": label, "old": old, "new": new, "html": word_diff(old, new)})
    return rows
