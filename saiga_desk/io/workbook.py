"""Reading a spreadsheet safely into a grid of cell values (no Qt, no database).

The file type is told by content, never by name: an .xlsx/.xlsm/.ods zip, a CSV in UTF-8 or
Windows-1251 with comma, semicolon or tab; an old .xls or a password-protected workbook is refused with
what to do. Before any parser sees a zip, every member is checked: declared size, compression ratio,
real decompressed size and CRC, and no DOCTYPE/ENTITY in any XML part (entity bombs, external
entities); on the same pass each sheet's real extent is measured from its cell references, and a sheet
that reaches too far (over 1,000 columns, past row 1,048,576, or a rectangle over the memory budget) is
refused before python-calamine allocates it. Values are read with python-calamine (fast, ignores lying
dimensions, knows the 1904 date system, inline strings and merged ranges); openpyxl (full mode, defusedxml)
is used only for what calamine cannot see: hidden rows and columns and which cells hold formulas. What
reading cut or lost (cells over 32,767 characters, cells dropped from damaged XML, a CSV cut mid-row) is
kept as warnings on the sheet (``Sheet.warnings``).

The rooms: ``io/received_file.py`` (what a file is, and the zip checks), ``io/sheet_extent.py`` (how far a
sheet reaches), ``io/sheet_grid.py`` (``Book``, ``Sheet`` and their helpers), ``io/formula_scan.py``
(formulas and hidden rows/columns), ``io/read_losses.py`` (cut cells, damaged XML); this module opens a
book, and reads CSV text.
"""

from __future__ import annotations

import codecs
import csv
import io
import os
import re

import defusedxml  # noqa: F401  (required: openpyxl parses through it)
import openpyxl.xml

from saiga_desk.core.errors import Problem
from saiga_desk.i18n import _
from saiga_desk.io.formula_scan import FlagScan, openpyxl_details, sheet_parts
from saiga_desk.io.read_losses import cells_read, check_damage, cut_long_cells
from saiga_desk.io.received_file import ZipFacts, check_zip, sniff
from saiga_desk.io.sheet_extent import CELL_BYTES, MAX_COLUMNS, MAX_ROWS, MEMORY_BUDGET, Extent
from saiga_desk.io.sheet_grid import (
    Book,
    Sheet,
    calamine_rows,
    column_letter,
    fill_merged,
    paused_gc,
    refuse,
    short_reason,
    trim,
)

if not openpyxl.xml.DEFUSEDXML:  # pragma: no cover - defusedxml is a hard dependency
    raise ImportError("defusedxml must be installed: openpyxl would parse XML without protection")

_SAMPLE_LINES = 50


# ---------------------------------------------------------------------------- opening
def open_book(path: str) -> Book:
    """Open any supported spreadsheet; InputError (never another exception) when it cannot be read."""
    path = os.fspath(path)
    kind = sniff(path)
    if kind == "csv":
        return _open_csv(path)
    facts = ZipFacts()
    small = check_zip(path, facts)
    return _open_calamine(path, kind, small, facts)


def refuse_extent(path: str, sheet: str, ext: Extent) -> None:
    """InputError, before the cell reader allocates anything, for a sheet that reaches too far."""
    why = ext.too_big()
    if why is None:
        return
    cell = f"{column_letter(ext.cols - 1)}{ext.rows}"
    fix = _(
        "Delete the cells beyond the list (Ctrl+End shows the last one), save the file and import it again."
    )
    if why == "columns":
        msg = _("The sheet reaches column {column} ({n} columns; at most {limit} are read).").format(
            column=column_letter(ext.cols - 1), n=f"{ext.cols:,}", limit=f"{MAX_COLUMNS:,}"
        )
    elif why == "rows":
        msg = _("The sheet reaches row {row} (at most {limit} rows are read).").format(
            row=f"{ext.rows:,}", limit=f"{MAX_ROWS:,}"
        )
    else:
        msg = _(
            "The sheet reaches cell {cell}: reading it would take about {mb} MB of memory (at most {limit} MB)."
        ).format(cell=cell, mb=f"{ext.cells() * CELL_BYTES >> 20:,}", limit=MEMORY_BUDGET >> 20)
    raise refuse(path, msg + " " + fix, sheet)


def _open_calamine(path: str, kind: str, small: dict[str, bytes], facts: ZipFacts) -> Book:
    import python_calamine as pc  # deferred for start-up speed (the Rust reader loads only to read a file)

    if kind == "ods":  # calamine reads every table of an ODS when it opens it: measure them all first
        for key, ext in facts.extents.items():
            refuse_extent(path, key.removeprefix("table:"), ext)
    try:
        wb = pc.CalamineWorkbook.from_path(path)
        metas = wb.sheets_metadata
    except Exception as e:  # calamine raises its own family and sometimes plain errors
        raise refuse(
            path, _("The workbook cannot be read ({reason}).").format(reason=short_reason(e))
        ) from None
    names = [m.name for m in metas if m.typ == pc.SheetTypeEnum.WorkSheet]
    visible = {m.name: m.visible == pc.SheetVisibleEnum.Visible for m in metas}
    if not names:
        raise refuse(path, _("The workbook has no worksheets."))
    date1904 = bool(re.search(rb"date1904=\"(?:1|true)\"", small.get("xl/workbook.xml", b"")))
    parts = sheet_parts(small) if kind == "xlsx" else {}

    file_name = os.path.basename(path)

    def read(name: str) -> Sheet:
        part = parts.get(name)
        ext = facts.extents.get(part) if part else facts.extents.get("table:" + name)
        if ext is not None:
            refuse_extent(path, name, ext)
        scan = FlagScan(path, part) if part else None  # runs while calamine parses (it releases the GIL)
        with paused_gc():
            try:
                cs = wb.get_sheet_by_name(name)
                rows = calamine_rows(cs)
                merged_raw = cs.merged_cell_ranges or []
            except Exception as e:
                if scan is not None:
                    scan.join()
                raise refuse(
                    path, _("The sheet cannot be read ({reason}).").format(reason=short_reason(e)), name
                ) from None
            sheet = Sheet(name, rows, visible.get(name, True))  # "" and None both mean an empty cell
            for (r1, c1), (r2, c2) in merged_raw:
                sheet.merged.append((r1, c1, r2, c2))
            trim(sheet)
            if facts.long_text:
                cut_long_cells(file_name, sheet)
        if scan is not None:
            if scan.result():
                openpyxl_details(path, name, sheet)
            if scan.cells:  # a formula without a saved value is a cell written but not read
                read_cells = cells_read(sheet.rows) + len(sheet.formulas_without_value)
                check_damage(path, part, file_name, sheet, scan.cells, read_cells)
        return sheet

    return Book(path, kind, names, visible, date1904=date1904, _reader=read)


# ---------------------------------------------------------------------------- CSV
def decode_text(path: str, data: bytes) -> tuple[str, str]:
    if b"\x00" in data[:4096]:
        if data[:2] in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
            try:
                return data.decode("utf-16"), "utf-16"
            except UnicodeDecodeError:
                pass
        raise refuse(
            path, _("This is not a spreadsheet or text file that can be imported; save the list as .xlsx.")
        )
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1251"), "cp1251"
    except UnicodeDecodeError:
        raise refuse(path, _("The text is neither UTF-8 nor Windows-1251; save it as UTF-8 CSV.")) from None


def _delimiter(text: str) -> str:
    sample = text.splitlines()[:_SAMPLE_LINES]
    best, best_score = ",", -1
    for d in (";", ",", "\t"):
        try:
            counts = [len(next(csv.reader([line], delimiter=d))) for line in sample if line.strip()]
        except csv.Error:  # a field over the CSV module's limit: reading the text says so, with its line
            continue
        if not counts:
            continue
        common = max(set(counts), key=counts.count)
        score = (common > 1) * (counts.count(common) * 10 + common)
        if score > best_score:
            best, best_score = d, score
    return best


def _open_csv(path: str) -> Book:
    with open(path, "rb") as f:
        data = f.read()
    text, enc = decode_text(path, data)
    delim = _delimiter(text)
    name = os.path.splitext(os.path.basename(path))[0] or "CSV"

    def read(_name: str) -> Sheet:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delim)
        try:
            rows = [list(r) for r in reader]
        except csv.Error as e:
            if "field limit" in str(e):
                msg = _(
                    "A field near line {line} is longer than {limit} characters, so the CSV text cannot be read; "
                    "check that its quotes are balanced, or save the list as .xlsx."
                ).format(line=reader.line_num, limit=f"{csv.field_size_limit():,}")
            else:
                msg = _("The CSV text cannot be read (line {line}: {reason}).").format(
                    line=reader.line_num, reason=e
                )
            raise refuse(path, msg, name) from None
        sheet = Sheet(name, rows)
        trim(sheet)
        _cut_last_row(path, text, delim, sheet)
        cut_long_cells(os.path.basename(path), sheet)
        return sheet

    return Book(path, "csv", [name], {name: True}, encoding=enc, delimiter=delim, _reader=read)


def _cut_last_row(path: str, text: str, delim: str, sheet: Sheet) -> None:
    """A file cut short (no line end after its last row, and that row inside an open quote or with fewer
    fields than the others) loses its last row, with a warning, instead of importing half a person."""
    rows = sheet.rows
    if len(rows) < 2 or text.endswith(("\n", "\r")):
        return
    widths = [sum(1 for v in r if v is not None) for r in rows[-50:-1]]  # fields as written (trim pads None)
    last = rows[-1]
    why = None
    try:
        for _r in csv.reader(io.StringIO(text, newline=""), delimiter=delim, strict=True):
            pass
    except csv.Error as e:
        if "unexpected end of data" in str(e):
            why = _("it ends inside a quoted field")
    used = sum(1 for v in last if v is not None)
    common = max(set(widths), key=widths.count) if widths else 0
    if why is None and used < common:
        why = _("it has {n} of {m} fields").format(n=used, m=common)
    if why is None:
        return
    n = len(rows)
    rows.pop()
    msg = _(
        "The file ends in the middle of row {row} ({why}): that row is left out. Ask for the complete file."
    ).format(row=n, why=why)
    sheet.warnings.append(Problem(msg, os.path.basename(path), sheet.name, n, severity="warning"))


__all__ = [
    "Book",
    "Sheet",
    "check_zip",
    "decode_text",
    "fill_merged",
    "open_book",
    "paused_gc",
    "refuse",
    "sniff",
]
