"""A spreadsheet read into memory: a ``Book`` of ``Sheet`` grids of plain cell values, the one plain sentence
that refuses a file, and the helpers every reader shares (trimming, merged ranges, a paused collector)."""

from __future__ import annotations

import contextlib
import gc
import os
import re
from dataclasses import dataclass, field
from itertools import islice

from saiga_desk.core.errors import InputError, Problem
from saiga_desk.i18n import N_, _


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


SHARE_FROM = 5000  # rows: a smaller sheet is read as python-calamine gives it
SAMPLE = 1000  # rows that tell which columns repeat their texts
CHUNK = 4096  # rows read at a time; the repeats of a chunk are freed before the next one is read


def calamine_rows(cs) -> list[list]:
    """The cells of a python-calamine sheet from A1, as ``to_python(skip_empty_area=False)`` gives them, but
    with the repeated texts of a column (country, organization, title, city) made one shared string as the rows
    arrive. A string per cell is about 55 bytes; at 100,000 contacts sharing them measured 37 MB less at the
    read's peak, for 0.1 s. Sharing after the whole grid is read saves nothing: the freed strings leave holes
    among the ones kept, which only strings of their size could use again."""
    if cs.start is None:
        return []
    it = cs.iter_rows()
    rows = list(islice(it, SAMPLE))
    if cs.height < SHARE_FROM or not rows:
        rows.extend(it)
    else:
        shared = []
        for c in range(len(rows[0])):
            texts = [x for r in rows if (x := r[c]).__class__ is str and x]
            if texts and len(set(texts)) * 2 <= len(texts):  # a column of repeats
                shared.append((c, {}))
        chunk = rows
        while chunk:
            for c, seen in shared:
                keep = seen.setdefault
                for r in chunk:
                    x = r[c]
                    if x.__class__ is str:  # only texts: 1, 1.0 and True are equal keys
                        r[c] = keep(x, x)
            if chunk is not rows:
                rows.extend(chunk)
            shared = [(c, seen) for c, seen in shared if len(seen) * 2 <= len(rows)]  # stopped repeating
            chunk = list(islice(it, CHUNK))
    return _from_a1(rows, cs.end)


def _from_a1(rows: list[list], end: tuple[int, int]) -> list[list]:
    """``iter_rows`` starts its rows at row 1 but its columns at the used range's first column: pad them to A1
    (and the rows too, should a version start them at the range as well)."""
    height, width = end[0] + 1, end[1] + 1
    if not rows:
        return rows
    if len(rows) < height:
        rows[0:0] = [[""] * len(rows[0]) for _i in range(height - len(rows))]
    lead = width - len(rows[0])
    if lead > 0:
        pad = [""] * lead
        for r in rows:
            r[0:0] = pad
    return rows


def trim(sheet: Sheet) -> None:
    """Drop trailing empty rows (rows are equally wide lists; "" or None is an empty cell)."""
    rows = sheet.rows
    while rows and not any(v is not None and v != "" for v in rows[-1]):
        rows.pop()
    width = max((len(r) for r in rows), default=0)
    for i, r in enumerate(rows):
        if len(r) < width:
            rows[i] = r + [None] * (width - len(r))


# the reader's (python-calamine's) refusals that have a plain name: its words, found in lower case -> ours
_PART_MISSING = re.compile(r"file not found:? '([^']+)'|'([^']+)' file not found in archive", re.IGNORECASE)
_DAMAGE = (
    (("unexpected end of",), N_("a part of the file ends too early (the file was cut short)")),
    (("invalid zip archive", "zip error", "could not find eocd", "no cdfh found"),
     N_("it is not a complete zip archive (the file is damaged or was cut short)")),
    (("shared strings table",), N_("a cell points to a text missing from the file's shared strings")),
    (("password",), N_("the workbook is protected with a password")),
)  # fmt: skip


def short_reason(e: BaseException) -> str:
    """Why the reader refused the file, in the officer's words where the reader's words are known (a part
    missing from the archive, a cut file), else the reader's own first line."""
    text = str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__
    if type(e).__name__ == "WorksheetNotFound":
        return _("the sheet's part is missing from the file")
    if type(e).__name__ == "XmlError":  # its words are the element it stopped in ("v")
        return _("its XML is damaged or cut short")
    found = _PART_MISSING.search(text)
    if found:
        return _("the part {part} is missing from the file").format(part=found.group(1) or found.group(2))
    lower = text.lower()
    for words, reason in _DAMAGE:
        if any(w in lower for w in words):
            return _(reason)
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
