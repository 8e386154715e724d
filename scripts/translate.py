"""Fill Dutch translations into the catalog: ``python scripts/translate.py FILE.py``.

FILE.py defines ``T = {"English msgid": "Nederlandse tekst", ...}``. Entries already in
the catalog are updated; new ones are added. Then run ``make translations``.
Used when many strings arrive at once; for a few, edit messages.po by hand.
"""
from __future__ import annotations

import fcntl
import runpy
import sys
from pathlib import Path

from babel.messages.pofile import read_po, write_po

PO = Path(__file__).resolve().parent.parent / "portal/translations/nl/LC_MESSAGES/messages.po"


def main(paths: list[str]) -> None:
    # Several people (or helpers) may translate at once: one writer at a time.
    with open(PO.with_suffix(".lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        _merge(paths)


def _merge(paths: list[str]) -> None:
    with PO.open("rb") as fh:
        catalog = read_po(fh, locale="nl")
    for path in paths:
        for msgid, msgstr in runpy.run_path(path)["T"].items():
            message = catalog.get(msgid)
            if message is None:
                catalog.add(msgid, msgstr)
            else:
                message.string = msgstr
                message.flags.discard("fuzzy")
    with PO.open("wb") as fh:
        write_po(fh, catalog, width=100, sort_output=True)


if __name__ == "__main__":
    main(sys.argv[1:])
