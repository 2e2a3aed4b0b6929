"""A spreadsheet read into memory: a ``Book`` of ``Sheet`` grids of plain cell values, the one plain sentence
that refuses a file, and the helpers every reader shares (trimming, merged ranges, a paused collector)."""

from __future__ import annotations

import contextlib
import gc
import os
from dataclasses import dataclass, field

from saiga_desk.core.errors import InputError, Problem
from saiga_desk.i18n import _


@dataclass
class Sheet:
    """One sheet as a grid. ``rows[r][c]`` (0-based) holds str, int, float, bool, date, datetime or None."""

    name: str
    rows: list[list] = field(default_factory=list)
    visible: bool = True
    hidden_rows: set[int] = field(default_factory=set)  # 0-based
    hidden_cols: set[int] = field(default_factory=set)  # 0-based
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)  # r1, c1, r2, c2 inclusive
    formulas_without_value: set[tuple[int, int]] = field(default_factory=set)
    formula_cells: set[tuple[int, int]] = field(default_factory=set)
    warnings: list[Problem] = field(default_factory=list)  # what reading changed or lost (cut cells, damage)

    @property
    def width(self) -> int:
        return max((len(r) for r in self.rows), default=0)


@dataclass
class Book:
    path: str
    kind: str  # "xlsx" | "ods" | "csv"
    sheet_names: list[str]
    visible: dict[str, bool]
    date1904: bool = False
    encoding: str = ""
    delimiter: str = ""
    _reader: object = None
    _cache: dict = field(default_factory=dict)

    def sheet(self, name: str | None = None) -> Sheet:
        """The named sheet (any state), read once."""
        if name is None:
            name = self.sheet_names[0] if self.sheet_names else ""
        if name not in self.sheet_names:
            raise InputError(
                _("{file}: there is no sheet named {sheet!r} (sheets: {names}).").format(
                    file=os.path.basename(self.path), sheet=name, names=", ".join(self.sheet_names)
                ),
                [Problem(_("no such sheet"), os.path.basename(self.path), name)],
            )
        if name not in self._cache:
            self._cache[name] = self._reader(name)
        return self._cache[name]

    def visible_sheets(self) -> list[str]:
        return [n for n in self.sheet_names if self.visible.get(n, True)]


def refuse(path: str, message: str, sheet: str = "", row: int | None = None, column: str = "") -> InputError:
    name = os.path.basename(path)
    problem = Problem(message, name, sheet, row, column)
    return InputError(str(problem), [problem])


@contextlib.contextmanager
def paused_gc():
    """Pause the cyclic garbage collector while a large grid or plan is built.

    Reading 100,000 rows makes millions of long-lived objects (cells, row dicts); every gen-2 pass would walk
    them all again (measured: a third of the import time). Nothing built here forms reference cycles that
    need collecting, and reference counting still frees everything as usual.
    """
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            if PROMOTE:
                # hand what was built straight to the oldest generation (freeze, then unfreeze): otherwise the
                # first collections after re-enabling walk all of it once more (measured 0.15-0.2 s / 100k rows)
                gc.freeze()
                gc.unfreeze()
            gc.enable()


PROMOTE = True


def trim(sheet: Sheet) -> None:
    """Drop trailing empty rows (rows are equally wide lists; "" or None is an empty cell)."""
    rows = sheet.rows
    while rows and not any(v is not None and v != "" for v in rows[-1]):
        rows.pop()
    width = max((len(r) for r in rows), default=0)
    for i, r in enumerate(rows):
        if len(r) < width:
            rows[i] = r + [None] * (width - len(r))


def short_reason(e: BaseException) -> str:
    text = str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__
    return text[:200]


def fill_merged(sheet: Sheet) -> int:
    """Copy each merged range's top-left value into the range (header and data cells). Returns filled cells."""
    n = 0
    for r1, c1, r2, c2 in sheet.merged:
        if r1 >= len(sheet.rows):
            continue
        row = sheet.rows[r1]
        value = row[c1] if c1 < len(row) else None
        if value is None or value == "":
            continue
        for r in range(r1, min(r2, len(sheet.rows) - 1) + 1):
            cells = sheet.rows[r]
            for c in range(c1, min(c2, len(cells) - 1) + 1):
                if (r, c) != (r1, c1) and (cells[c] is None or cells[c] == ""):
                    cells[c] = value
                    n += 1
    return n


def column_letter(i: int) -> str:
    """The spreadsheet letters of column ``i`` (0 -> A, 26 -> AA)."""
    s = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        s = chr(65 + r) + s
    return s
