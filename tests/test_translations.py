"""Every UI string has a Dutch translation; the Dutch UI is the default."""

from __future__ import annotations

from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent
PO = ROOT / "portal/translations/nl/LC_MESSAGES/messages.po"
METHODS = [
    ("portal/**.py", "python"),
    ("portal/templates/**.html", "jinja2"),
    ("portal/templates/**.txt", "jinja2"),
]
KEYWORDS = {
    "_": None,
    "gettext": None,
    "ngettext": (1, 2),
    "lazy_gettext": None,
    "_l": None,
    "pgettext": ((1, "c"), 2),
    "npgettext": ((1, "c"), 2, 3),
}


def _include_directory(path: str) -> bool:
    # Babel skips "_*" folders by default, which would hide templates/_partials and _macros.
    return not path.rsplit("/", 1)[-1].startswith((".", "__pycache__"))


def test_extraction_sees_the_shared_partials():
    assert "Main navigation" in extracted_msgids()  # templates/_partials/nav.html


def extracted_msgids() -> dict[str, str]:
    found = {}
    for filename, lineno, message, _comments, _context in extract_from_dir(
        str(ROOT / "portal"),
        [(p.removeprefix("portal/"), m) for p, m in METHODS],
        keywords=KEYWORDS,
        directory_filter=_include_directory,
    ):
        msgid = message[0] if isinstance(message, tuple) else message
        found.setdefault(msgid, f"{filename}:{lineno}")
    return found


def test_every_ui_string_has_a_dutch_translation():
    with PO.open("rb") as fh:
        catalog = read_po(fh, locale="nl")
    missing = []
    for msgid, where in extracted_msgids().items():
        message = catalog.get(msgid)
        if (
            message is None
            or not message.string
            or "fuzzy" in message.flags
            or (isinstance(message.string, tuple) and not all(message.string))
        ):
            missing.append(f"{where}: {msgid!r}")
    assert not missing, "Untranslated UI strings (add them to messages.po):\n" + "\n".join(missing)


def test_ui_defaults_to_dutch_and_switches_to_english(client):
    assert "Direct naar de inhoud" in client.get("/").get_data(as_text=True)
    client.post("/taal/en", data={"next": "/"})
    assert "Skip to content" in client.get("/").get_data(as_text=True)
