"""One worksheet being written: typed cells (dates, numbers, booleans, text that is never a formula), what a
cell cannot hold reported as warnings, column widths, autofilter and drop-downs. ``XlsxFile`` (in
``io/xlsx_writer.py``) owns the sheets; ``book`` is that file."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Sequence
from decimal import Decimal

from saiga_desk.i18n import _
from saiga_desk.io.xlsx_cells import (
    _CONTROL,
    _EXCEL_EPOCH,
    _FIRST_SAFE_DATE,
    _MAX_EXACT_INT,
    _SURROGATE,
    _SUSPECT,
    BOOL,
    CELL_LIMIT,
    DATE,
    DATETIME,
    INT,
    LONG_TEXT_SHEET,
    MAX_WIDTH,
    MIN_WIDTH,
    NUMBER,
    ColumnSpec,
    split_utf16,
    utf16_len,
)


class SheetWriter:
    """Rows of one worksheet, written in order (constant-memory mode streams each finished row)."""

    def __init__(self, book, ws, name: str, columns: Sequence[ColumnSpec], header: bool):
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
