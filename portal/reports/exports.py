"""Report tables as files: CSV as Dutch Excel reads it (UTF-8 with BOM, ``;``, decimal comma)
and .xlsx, every text cell guarded against formula injection.

A table is a title, a header row and rows of str/int/float/None. A text cell that a
spreadsheet would read as a formula (it starts with ``=``, ``+``, ``-``, ``@``, a tab or a
carriage return) gets a leading apostrophe, in both formats.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field

from openpyxl import Workbook

Cell = str | int | float | None
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_SHEET_UNSAFE = re.compile(r"[\\/?*\[\]:]")


@dataclass
class Table:
    name: str  # file name part: "boekingen-per-maand"
    title: str
    headers: list[str]
    rows: list[list[Cell]] = field(default_factory=list)


def neutralise(value: str) -> str:
    """Text a spreadsheet must show, never evaluate."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def _csv_cell(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return format(value, ".10g").replace(".", ",")
    return neutralise(str(value))


def to_csv(table: Table) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow([neutralise(h) for h in table.headers])
    for row in table.rows:
        writer.writerow([_csv_cell(v) for v in row])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def to_xlsx(table: Table) -> bytes:
    book = Workbook(write_only=True)
    sheet = book.create_sheet(title=_SHEET_UNSAFE.sub(" ", table.title).strip(" '")[:31] or "Tabel")
    sheet.append([neutralise(h) for h in table.headers])
    for row in table.rows:
        sheet.append([neutralise(v) if isinstance(v, str) else v for v in row])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


FORMATS = {
    "csv": (to_csv, "text/csv; charset=utf-8"),
    "xlsx": (to_xlsx, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
}
