"""What one spreadsheet cell and one sheet name can hold: the limits, the cell kinds of a column
(``ColumnSpec``), UTF-16 lengths and splitting, the ``_xHHHH_`` escape, and the warnings of a workbook
grouped per sheet, column and kind. Used by ``io/xlsx_sheet.py`` and ``io/xlsx_writer.py``."""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass

from saiga_desk.core.errors import Problem
from saiga_desk.i18n import _

CELL_LIMIT = 32_767  # characters (UTF-16 units) in one cell
SHEET_NAME_LIMIT = 31
MAX_WIDTH = 60
MIN_WIDTH = 6
LONG_TEXT_SHEET = "Long text"
LISTS_SHEET = "_lists"
DATE_FORMAT = "yyyy-mm-dd"
DATETIME_FORMAT = "yyyy-mm-dd hh:mm:ss"
_EXCEL_EPOCH = dt.date(1899, 12, 30).toordinal()
_FIRST_SAFE_DATE = dt.date(1900, 3, 1)  # before it Excel's 1900 leap-year bug shifts serials
_MAX_EXACT_INT = 2**53

# Characters XML 1.0 cannot hold (escaped as _xHHHH_), noncharacters, and lone surrogates.
_SUSPECT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")
_SURROGATE = re.compile("[\ud800-\udfff\ufffe\uffff]")
_OOXML_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")
_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")

TEXT, DATE, DATETIME, INT, NUMBER, BOOL = "text", "date", "datetime", "int", "number", "bool"


def unescape_ooxml(text: str) -> str:
    """Undo the spreadsheet escape ``_xHHHH_`` (openpyxl leaves it; Excel and calamine undo it)."""
    if "_x" not in text:
        return text
    return _OOXML_ESCAPE.sub(lambda mt: chr(int(mt.group(1), 16)), text)


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def split_utf16(text: str, limit: int = CELL_LIMIT) -> list[str]:
    """``text`` in parts of at most ``limit`` UTF-16 units, never splitting a surrogate pair."""
    parts, start, units = [], 0, 0
    for i, ch in enumerate(text):
        w = 2 if ord(ch) > 0xFFFF else 1
        if units + w > limit:
            parts.append(text[start:i])
            start, units = i, 0
        units += w
    parts.append(text[start:])
    return parts


def sheet_name(name: str, taken: Iterable[str] = ()) -> str:
    """A valid, unique worksheet name (31 characters, no []:*?/\\, not blank)."""
    clean = _BAD_SHEET_CHARS.sub("-", name).strip().strip("'") or "Sheet"
    clean = clean[:SHEET_NAME_LIMIT]
    lower = {t.casefold() for t in taken}
    candidate, n = clean, 2
    while candidate.casefold() in lower:
        suffix = f" ({n})"
        candidate = clean[: SHEET_NAME_LIMIT - len(suffix)] + suffix
        n += 1
    return candidate


@dataclass(frozen=True)
class ColumnSpec:
    """One column of a sheet: its header, the kind of its cells and, optionally, fixed choices."""

    header: str
    kind: str = TEXT  # text | date | datetime | int | number | bool
    choices: tuple[str, ...] = ()
    strict: bool = False  # refuse other values in Excel (otherwise warn)
    width: float | None = None  # fixed width; fitted to the content when None
    key: str = ""  # a name for warnings when the header is translated
    text_format: bool = False  # format the column as Text, so values typed in later stay text


class Issues:
    """Warnings grouped per (sheet, column, kind): the first row and how many cells."""

    def __init__(self, path: str):
        self.path = path
        self.groups: dict[tuple[str, str, str], list] = {}

    def add(self, sheet: str, row: int, column: str, kind: str, message: str) -> None:
        g = self.groups.get((sheet, column, kind))
        if g is None:
            self.groups[(sheet, column, kind)] = [row, 1, message]
        else:
            g[1] += 1

    def problems(self) -> list[Problem]:
        out = []
        for (sheet, column, _kind), (row, n, message) in self.groups.items():
            text = message
            if n > 1:
                text += " " + _("({n} cells; the first is shown)").format(n=n)
            out.append(Problem(text, os.path.basename(self.path), sheet, row, column, "warning"))
        return out
