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

import contextlib
import datetime as dt
import os
import zipfile
from collections.abc import Iterable, Sequence
from pathlib import Path

import xlsxwriter
from xlsxwriter.exceptions import XlsxWriterException

from saiga_desk.core.errors import Problem
from saiga_desk.core.output_files import cannot_write
from saiga_desk.i18n import _
from saiga_desk.io.xlsx_cells import (
    BOOL,
    CELL_LIMIT,
    DATE,
    DATE_FORMAT,
    DATETIME,
    DATETIME_FORMAT,
    INT,
    LISTS_SHEET,
    LONG_TEXT_SHEET,
    MAX_WIDTH,
    NUMBER,
    TEXT,
    ColumnSpec,
    Issues,
    sheet_name,
    split_utf16,
    unescape_ooxml,
    utf16_len,
)
from saiga_desk.io.xlsx_sheet import SheetWriter
from saiga_desk.io.xlsx_target import (
    default_author,
    lock_file_of,
    move_into_place,
    prepare_target,
)


def _drop_open_zips(error: BaseException) -> None:
    """A write that failed half way (a full disk) leaves XlsxWriter's ZipFile open in the traceback; it
    would try to finish the file when collected and print "Exception ignored ... No space left". Close
    its file without writing more (the temporary file is removed by ``abort``)."""
    seen = set()
    while error is not None and id(error) not in seen:  # the error and those it was raised from
        seen.add(id(error))
        tb = error.__traceback__
        while tb is not None:
            for value in list(tb.tb_frame.f_locals.values()):
                if isinstance(value, zipfile.ZipFile) and value.fp is not None:
                    fp, value.fp = value.fp, None
                    with contextlib.suppress(OSError):
                        fp.close()
            tb = tb.tb_next
        error = error.__cause__ or error.__context__


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
        self.issues = Issues(str(self.path))
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
        self.tmp = prepare_target(self.path)
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
        props["author"] = self.author or default_author()
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
                _drop_open_zips(e)
                raise cannot_write(self.path, e) from e
            move_into_place(self.tmp, self.path)
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


__all__ = [
    "BOOL", "DATE", "DATETIME", "INT", "NUMBER", "TEXT", "CELL_LIMIT", "LONG_TEXT_SHEET", "ColumnSpec",
    "SheetWriter", "XlsxFile", "sheet_name", "split_utf16", "unescape_ooxml", "utf16_len", "lock_file_of",
]  # fmt: skip
