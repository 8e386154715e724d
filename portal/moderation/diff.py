"""A readable, word-level diff between the last approved version and the pending edit."""

from __future__ import annotations

import difflib
import re

from markupsafe import Markup, escape

# Words, runs of whitespace and single punctuation marks: "test," -> "test", ",".
_TOKENS = re.compile(r"\w+|\s+|[^\w\s]", re.UNICODE)


def _tokens(value) -> list[str]:
    if value is None or value == "-":
        return []
    if isinstance(value, list | tuple | set):
        value = ", ".join(str(v) for v in value)
    # A changed line break is not a change a reader cares about: all whitespace is " ".
    return [" " if token.isspace() else token for token in _TOKENS.findall(str(value).strip())]


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
