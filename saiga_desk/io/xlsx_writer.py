"""Writing real spreadsheets safely: typed cells, never a formula, never a half-written file.

``XlsxFile`` writes through XlsxWriter in constant-memory mode (rows stream to disk; memory stays flat
whatever the row count) into a temporary file beside the target, and moves it into place with
``os.replace`` only when everything was written. A cancelled or failed export leaves the old file as it
was and no temporary file behind.

Cells are typed by their column: dates are date cells with an ISO format, numbers are numbers, text is
always a string cell (a phone number ``+7 701 …`` or a payload ``=1+1`` stays text; XlsxWriter's
string-to-formula/number/url guessing is switched off and every string goes through ``write_string``).
What a workbook cannot hold is handled, never a crash:

- control characters are kept with the spreadsheet's own ``_xHHHH_`` escape (Excel, LibreOffice and
  calamine restore them; ``unescape_ooxml`` does it for openpyxl) and reported as a warning;
- unpaired surrogates and the noncharacters U+FFFE/U+FFFF cannot be stored (or read back) faithfully:
  replaced by U+FFFD and reported;
- text beyond the 32,767-character cell limit is cut at the limit and the rest is written, in parts,
  to a "Long text" sheet (sheet, row, column, part, text), so nothing is lost; reported;
- numbers a spreadsheet cannot hold exactly (NaN, infinities, integers beyond 2**53, decimals with more
  than 15 digits) are written as text, reported.

Warnings are ``Problem(severity="warning")`` grouped per sheet, column and kind (first row and count).
"""

from __future__ import annotations

import datetime as dt
import math
import os
import re
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import xlsxwriter
from xlsxwriter.exceptions import XlsxWriterException

from saiga_desk.core.errors import Problem, SaigaError
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


class _Issues:
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


class SheetWriter:
    """Rows of one worksheet, written in order (constant-memory mode streams each finished row)."""

    def __init__(self, book: XlsxFile, ws, name: str, columns: Sequence[ColumnSpec], header: bool):
        self.book = book
        self.ws = ws
        self.name = name
        self.columns = list(columns)
        self.row = 0
        self.widths = [0] * len(self.columns)
        self.header = header
        fmt = book.formats
        # XlsxWriter's undecorated writers (the public ones only add A1-notation parsing): ~5% faster
        self._put_string = getattr(ws, "_write_string", ws.write_string)
        self._put_number = getattr(ws, "_write_number", ws.write_number)
        self._writers = [self._writer_for(c) for c in self.columns]
        for i, c in enumerate(self.columns):
            if c.text_format:
                ws.set_column(i, i, None, fmt["text"])
        if header and self.columns:
            for i, c in enumerate(self.columns):
                self._text(0, i, c.header, fmt["header"])
            ws.freeze_panes(1, 0)
            self.row = 1

    # ----------------------------------------------------------------- writing
    @property
    def data_rows(self) -> int:
        return self.row - (1 if self.header else 0)

    def write_row(self, values: Sequence) -> None:
        r = self.row
        for c, (fn, v) in enumerate(zip(self._writers, values, strict=False)):
            if v is not None:
                fn(r, c, v)
        self.row = r + 1

    def write_rows(self, rows: Iterable[Sequence]) -> None:
        for values in rows:
            self.write_row(values)

    def _writer_for(self, c: ColumnSpec):
        return {
            DATE: self._date,
            DATETIME: self._datetime,
            INT: self._number,
            NUMBER: self._number,
            BOOL: self._bool,
        }.get(c.kind, self._text)

    def _text(self, r: int, c: int, v, cell_format=None) -> None:
        if v.__class__ is not str:
            v = self._as_text(v)
        if len(v) > 8000 or _SUSPECT.search(v) is not None:
            v = self._odd_text(r, c, v)
        n = len(v)
        if n > self.widths[c]:
            self.widths[c] = n
        if v.startswith("<r>") and v.endswith("</r>"):
            # XlsxWriter writes such a string as raw rich-text XML; as two plain runs it stays text.
            parts = [v[:1], self.book.formats["plain"], v[1:]]
            self.ws.write_rich_string(r, c, *parts, *([cell_format] if cell_format is not None else []))
        else:
            self._put_string(r, c, v, cell_format)

    def _as_text(self, v) -> str:
        if isinstance(v, dt.datetime):
            return v.isoformat(sep=" ")
        if isinstance(v, dt.date):
            return v.isoformat()
        if isinstance(v, bool):
            return _("yes") if v else _("no")
        return str(v)

    def _odd_text(self, r: int, c: int, v: str) -> str:
        col = self._label(c)
        if _SURROGATE.search(v):
            v = _SURROGATE.sub("\ufffd", v)
            self.book.issues.add(
                self.name, r + 1, col, "surrogate",
                _("Text held characters no spreadsheet can store (unpaired surrogates, U+FFFE, U+FFFF); "
                  "they were replaced by �."),
            )  # fmt: skip
        if _CONTROL.search(v):
            self.book.issues.add(
                self.name, r + 1, col, "control",
                _("Text holds control characters; they were kept with the spreadsheet escape _xHHHH_ "
                  "(Excel and LibreOffice restore them, some programs show the escape)."),
            )  # fmt: skip
        if len(v) > CELL_LIMIT // 2 and utf16_len(v) > CELL_LIMIT:
            parts = split_utf16(v)
            self.book.long_text(self.name, r + 1, col, parts[1:])
            self.book.issues.add(
                self.name, r + 1, col, "long",
                _("Text longer than a cell can hold (32,767 characters): the cell holds the first "
                  "32,767, the rest is on the sheet “{sheet}”.").format(sheet=LONG_TEXT_SHEET),
            )  # fmt: skip
            v = parts[0]
        return v

    def _date(self, r: int, c: int, v) -> None:
        if v.__class__ is dt.datetime:
            self._datetime(r, c, v)
            return
        if not isinstance(v, dt.date):
            self._text(r, c, v)
            return
        if v >= _FIRST_SAFE_DATE:
            self._put_number(r, c, v.toordinal() - _EXCEL_EPOCH, self.book.formats["date"])
        elif v.year >= 1900:
            self.ws.write_datetime(r, c, dt.datetime(v.year, v.month, v.day), self.book.formats["date"])
        else:  # spreadsheets have no dates before 1900
            self.book.issues.add(
                self.name, r + 1, self._label(c), "old-date",
                _("Dates before 1900 cannot be date cells; they were written as text (YYYY-MM-DD)."),
            )  # fmt: skip
            self._text(r, c, v.isoformat())
            return
        if self.widths[c] < 10:
            self.widths[c] = 10

    def _datetime(self, r: int, c: int, v) -> None:
        if not isinstance(v, dt.datetime):
            self._date(r, c, v) if isinstance(v, dt.date) else self._text(r, c, v)
            return
        if v.year < 1900:
            self._text(r, c, v.isoformat(sep=" "))
            return
        self.ws.write_datetime(r, c, v, self.book.formats["datetime"])
        if self.widths[c] < 19:
            self.widths[c] = 19

    def _number(self, r: int, c: int, v) -> None:
        if isinstance(v, bool):
            self._bool(r, c, v)
            return
        exact = True
        if isinstance(v, int):
            exact = abs(v) <= _MAX_EXACT_INT
            number = v
        elif isinstance(v, float):
            exact = math.isfinite(v)
            number = v
        elif isinstance(v, Decimal):
            number = float(v) if v.is_finite() else math.nan
            exact = math.isfinite(number) and Decimal(repr(number)) == v
        else:
            self._text(r, c, v)
            return
        if not exact:
            self.book.issues.add(
                self.name, r + 1, self._label(c), "number",
                _("A number a spreadsheet cannot hold exactly was written as text."),
            )  # fmt: skip
            self._text(r, c, str(v))
            return
        fmt = self.book.formats["int"] if self.columns[c].kind == INT else None
        self._put_number(r, c, number, fmt)
        n = len(str(v))
        if n > self.widths[c]:
            self.widths[c] = n

    def _bool(self, r: int, c: int, v) -> None:
        if not isinstance(v, bool):
            if isinstance(v, int) and v in (0, 1):
                v = bool(v)
            else:
                self._text(r, c, v)
                return
        self.ws.write_boolean(r, c, v)
        if self.widths[c] < 5:
            self.widths[c] = 5

    def _label(self, c: int) -> str:
        col = self.columns[c] if c < len(self.columns) else None
        return (col.header or col.key) if col is not None else str(c + 1)

    # ---------------------------------------------------------------- finishing
    def finish(self, validation_rows: int = 1000) -> None:
        """Column widths, autofilter and drop-downs (allowed after the rows in constant-memory mode)."""
        ws = self.ws
        last_row = max(self.row - 1, 0)
        for i, c in enumerate(self.columns):
            if c.width is not None:
                width = c.width
            else:
                width = min(MAX_WIDTH, max(MIN_WIDTH, self.widths[i] + 2, utf16_len(c.header) + 3))
            ws.set_column(i, i, width, self.book.formats["text"] if c.text_format else None)
        if self.header and self.columns:
            ws.autofilter(0, 0, last_row, len(self.columns) - 1)
        first = 1 if self.header else 0
        until = max(last_row, first + validation_rows - 1)
        for i, c in enumerate(self.columns):
            if c.choices:
                ws.data_validation(first, i, until, i, self.book.choice_validation(c))


class XlsxFile:
    """``with XlsxFile(path, title=...) as book:`` — add sheets, write rows; moved into place at the end.

    Leaving the block with an exception (a cancelled export included) removes the temporary file and
    leaves any existing file at ``path`` untouched. ``book.warnings`` lists what was reported.
    """

    def __init__(self, path, *, title: str = "", author: str | None = None, subject: str = ""):
        self.path = Path(path)
        self.title = title
        self.author = author
        self.subject = subject
        self.issues = _Issues(str(self.path))
        self.sheets: list[SheetWriter] = []
        self._taken: list[str] = []
        self._long: SheetWriter | None = None
        self._lists = None
        self._lists_col = 0
        self._validations: dict[tuple, dict] = {}
        self.tmp: Path | None = None
        self.wb = None
        self.formats: dict = {}
        self.closed = False

    # --------------------------------------------------------------- lifecycle
    def __enter__(self) -> XlsxFile:
        self.open()
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        if exc_type is None:
            self.close()
        else:
            self.abort()

    def open(self) -> None:
        self.tmp = _prepare_target(self.path)
        self.wb = xlsxwriter.Workbook(
            str(self.tmp),
            {
                "constant_memory": True,
                "strings_to_formulas": False,
                "strings_to_urls": False,
                "strings_to_numbers": False,
                "remove_timezone": True,
            },
        )
        wb = self.wb
        self.formats = {
            "header": wb.add_format({"bold": True, "text_wrap": False, "bg_color": "#E8EEF4", "border": 1}),
            "text": wb.add_format({"num_format": "@"}),
            "plain": wb.add_format({}),
            "date": wb.add_format({"num_format": DATE_FORMAT}),
            "datetime": wb.add_format({"num_format": DATETIME_FORMAT}),
            "int": wb.add_format({"num_format": "0"}),
            "wrap": wb.add_format({"text_wrap": True, "valign": "top"}),
            "title": wb.add_format({"bold": True, "font_size": 13}),
        }
        props = {"title": self.title, "created": dt.datetime.now(), "comments": "Saiga Desk"}
        props["author"] = self.author or _default_author()
        if self.subject:
            props["subject"] = self.subject
        wb.set_properties(props)

    def add_sheet(self, name: str, columns: Sequence[ColumnSpec], *, header: bool = True) -> SheetWriter:
        name = sheet_name(name, self._taken)
        self._taken.append(name)
        sheet = SheetWriter(self, self.wb.add_worksheet(name), name, columns, header)
        self.sheets.append(sheet)
        return sheet

    def add_notes_sheet(
        self, name: str, lines: Sequence[str], width: float = 100, titles: Iterable[int] = (0,)
    ) -> SheetWriter:
        """A sheet of prose (instructions): one paragraph per row, wrapped; the ``titles`` lines bold."""
        sheet = self.add_sheet(name, [ColumnSpec("", width=width)], header=False)
        titles = set(titles)
        for i, line in enumerate(lines):
            if line:
                sheet._text(
                    sheet.row, 0, line, self.formats["title"] if i in titles else self.formats["wrap"]
                )
            sheet.row += 1
        return sheet

    def long_text(self, sheet: str, row: int, column: str, parts: list[str]) -> None:
        if self._long is None:
            self._long = self.add_sheet(
                LONG_TEXT_SHEET,
                [
                    ColumnSpec(_("Sheet")),
                    ColumnSpec(_("Row"), INT),
                    ColumnSpec(_("Column")),
                    ColumnSpec(_("Part"), INT),
                    ColumnSpec(_("Text"), width=MAX_WIDTH),
                ],
            )
        for i, part in enumerate(parts, start=2):
            self._long.write_row([sheet, row, column, i, part])

    def choice_validation(self, c: ColumnSpec) -> dict:
        key = (c.choices, c.strict)
        if key in self._validations:
            return self._validations[key]
        options = {
            "validate": "list",
            "error_type": "stop" if c.strict else "warning",
            "error_title": _("Not in the list"),
            "error_message": _("Choose a value from the list."),
            "ignore_blank": True,
        }
        if sum(len(x) + 1 for x in c.choices) <= 250 and not any("," in x or '"' in x for x in c.choices):
            options["source"] = list(c.choices)
        else:  # long lists live on a hidden sheet and are referenced by range
            if self._lists is None:
                self._lists = self.wb.add_worksheet(LISTS_SHEET)
                self._lists.hide()
                self._taken.append(LISTS_SHEET)
            col = self._lists_col
            self._lists_col += 1
            for r, x in enumerate(c.choices):
                self._lists.write_string(r, col, x)
            letter = xlsxwriter.utility.xl_col_to_name(col, col_abs=True)
            options["source"] = f"='{LISTS_SHEET}'!{letter}$1:{letter}${max(len(c.choices), 1)}"
        self._validations[key] = options
        return options

    @property
    def warnings(self) -> list[Problem]:
        return self.issues.problems()

    def close(self) -> None:
        """Finish every sheet, write the workbook and move it over the target."""
        if self.closed:
            return
        try:
            for sheet in self.sheets:
                sheet.finish()
            try:
                self.wb.close()
            except (XlsxWriterException, OSError) as e:
                raise SaigaError(
                    _("Cannot write {path}: {reason}").format(path=self.path, reason=_reason(e))
                ) from e
            _fsync(self.tmp)
            _move_into_place(self.tmp, self.path)
        except BaseException:
            self.abort()
            raise
        self.closed = True

    def abort(self) -> None:
        """Forget everything written: remove the temporary files, leave the target untouched."""
        if self.closed:
            return
        self.closed = True
        if self.wb is not None:
            for ws in self.wb.worksheets():
                fh = getattr(ws, "row_data_fh", None)
                name = getattr(ws, "row_data_filename", None)
                try:
                    if fh is not None:
                        fh.close()
                    if name:
                        os.unlink(name)
                except OSError:
                    pass
            self.wb.fileclosed = True  # XlsxWriter must not write it again when collected
        if self.tmp is not None:
            try:
                self.tmp.unlink()
            except OSError:
                pass


# --------------------------------------------------------------------------------- safe target handling
def _default_author() -> str:
    from saiga_desk.core.database import current_actor

    return current_actor()


def lock_file_of(path: Path) -> Path | None:
    """The lock file LibreOffice (``.~lock.NAME#``) or Excel (``~$NAME``) keeps beside an open file."""
    names = (f".~lock.{path.name}#", "~$" + path.name)  # Windows also refuses the replace itself
    for name in names:
        candidate = path.with_name(name)
        if candidate.name != path.name and candidate.exists():
            return candidate
    return None


def _prepare_target(path: Path) -> Path:
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.exists():
        raise SaigaError(
            _("Cannot write {path}: the folder {folder} does not exist.").format(path=path, folder=folder)
        )
    if path.is_dir():
        raise SaigaError(_("Cannot write {path}: it is a folder.").format(path=path))
    if path.exists():
        if lock_file_of(path) is not None:
            raise SaigaError(
                _(
                    "Cannot write {path}: the file is open in another program. Close it there and try again."
                ).format(path=path)
            )
        if not os.access(path, os.W_OK):
            raise SaigaError(_("Cannot write {path}: the file is read-only.").format(path=path))
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.stem}.", suffix=".xlsx.part", dir=folder)
    except PermissionError as e:
        raise SaigaError(
            _("Cannot write {path}: the folder {folder} is read-only or you may not write there.").format(
                path=path, folder=folder
            )
        ) from e
    except OSError as e:
        raise SaigaError(_("Cannot write {path}: {reason}").format(path=path, reason=_reason(e))) from e
    os.close(fd)
    return Path(tmp)


def _fsync(path: Path) -> None:
    try:
        with open(path, "rb+") as f:
            os.fsync(f.fileno())
    except OSError:
        pass


def _move_into_place(tmp: Path, path: Path) -> None:
    try:
        mode = path.stat().st_mode & 0o777 if path.exists() else 0o666 & ~_umask()
        os.chmod(tmp, mode)
    except OSError:
        pass
    try:
        os.replace(tmp, path)
    except PermissionError as e:  # Windows: the target is open in Excel
        raise SaigaError(
            _("Cannot replace {path}: the file is open in another program or read-only. "
              "Close it and try again.").format(path=path)
        ) from e  # fmt: skip
    except OSError as e:
        raise SaigaError(_("Cannot write {path}: {reason}").format(path=path, reason=_reason(e))) from e


def _read_umask() -> int:
    mask = os.umask(0o022)  # read once, at import (the main thread), never while workers run
    os.umask(mask)
    return mask


_UMASK = _read_umask()


def _umask() -> int:
    return _UMASK


def _reason(e: BaseException) -> str:
    inner = e.args[0] if e.args and isinstance(e.args[0], BaseException) else e
    return getattr(inner, "strerror", None) or str(inner) or type(inner).__name__


__all__ = [
    "BOOL", "DATE", "DATETIME", "INT", "NUMBER", "TEXT", "CELL_LIMIT", "LONG_TEXT_SHEET", "ColumnSpec",
    "SheetWriter", "XlsxFile", "sheet_name", "split_utf16", "unescape_ooxml", "utf16_len", "lock_file_of",
]  # fmt: skip
