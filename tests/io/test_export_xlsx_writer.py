"""The safe spreadsheet writer: typed cells, hostile text, never a formula, never a half file."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import zipfile
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from export_checks import HOSTILE, no_formulas, read_sheet, soffice_opens

from saiga_desk.core.errors import CancelledError, Progress, SaigaError
from saiga_desk.io.workbook import open_book
from saiga_desk.io.xlsx_writer import (
    BOOL,
    CELL_LIMIT,
    DATE,
    DATETIME,
    INT,
    LONG_TEXT_SHEET,
    NUMBER,
    ColumnSpec,
    XlsxFile,
    sheet_name,
    split_utf16,
    unescape_ooxml,
    utf16_len,
)

COLUMNS = [
    ColumnSpec("Text"),
    ColumnSpec("Date", DATE),
    ColumnSpec("When", DATETIME),
    ColumnSpec("Count", INT),
    ColumnSpec("Amount", NUMBER),
    ColumnSpec("Yes/no", BOOL),
    ColumnSpec("Role", choices=("primary", "alternate", "technical"), strict=True),
]


def _write(path: Path, texts: list[str]) -> XlsxFile:
    with XlsxFile(path, title="Hostile text", author="Test Officer") as book:
        sheet = book.add_sheet("Data", COLUMNS)
        for i, text in enumerate(texts):
            sheet.write_row(
                [
                    text,
                    dt.date(2024, 1, 1) + dt.timedelta(days=i),
                    dt.datetime(2024, 5, 6, 7, 8, 9),
                    i,
                    Decimal("1234.50"),
                    i % 2 == 0,
                    "primary",
                ]
            )
    return book


def test_hostile_text_round_trips_and_no_cell_is_a_formula(tmp_path):
    long_exact = "я" * CELL_LIMIT
    long_over = "".join(chr(0x410 + i % 32) for i in range(40_000)) + "🦌"
    texts = [*HOSTILE, long_exact, long_over]
    path = tmp_path / "hostile.xlsx"
    book = _write(path, texts)

    no_formulas(path)
    rows = read_sheet(path, "Data")
    assert rows[0][:3] == ["Text", "Date", "When"]
    got = [r[0] for r in rows[1:]]
    # everything identical except the over-long cell, whose rest is on the "Long text" sheet
    assert got[:-1] == texts[:-1]
    assert got[-1] == long_over[:CELL_LIMIT]
    parts = read_sheet(path, LONG_TEXT_SHEET)
    assert parts[0] == ["Sheet", "Row", "Column", "Part", "Text"]
    rest = "".join(p[4] for p in parts[1:] if p[0] == "Data" and p[1] == len(texts) + 1 and p[2] == "Text")
    assert got[-1] + rest == long_over

    kinds = {w.message.split(" ")[0] + str(w.row) for w in book.warnings}
    assert any("control characters" in w.message and w.column == "Text" for w in book.warnings), kinds
    assert any("longer than a cell" in w.message and w.row == len(texts) + 1 for w in book.warnings)
    assert all(w.severity == "warning" and w.sheet == "Data" for w in book.warnings)
    # the exact 32,767-character cell fits: no warning for it
    assert not any(w.row == len(texts) for w in book.warnings)


def test_calamine_reads_the_same_text(tmp_path):
    """The importer's reader (python-calamine) restores control characters itself."""
    path = tmp_path / "hostile.xlsx"
    _write(path, HOSTILE)
    sheet = open_book(str(path)).sheet("Data")
    assert [r[0] for r in sheet.rows[1:]] == [t if t.strip() else None for t in HOSTILE]


def test_typed_cells_header_filter_widths_dropdowns_properties(tmp_path):
    path = tmp_path / "typed.xlsx"
    _write(path, ["+7 701 123 45 67", "00123", "=1+1"])
    wb = openpyxl.load_workbook(path)
    ws = wb["Data"]
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref == "A1:G4"
    assert all(c.font.bold for c in ws[1])
    phone, date, when, count, amount, flag = (ws.cell(2, i).value for i in range(1, 7))
    assert phone == "+7 701 123 45 67" and ws.cell(2, 1).data_type == "s"
    assert ws.cell(3, 1).value == "00123" and ws.cell(3, 1).data_type == "s"
    assert ws.cell(4, 1).value == "=1+1" and ws.cell(4, 1).data_type == "s"
    assert date == dt.datetime(2024, 1, 1) and ws.cell(2, 2).number_format == "yyyy-mm-dd"
    assert when == dt.datetime(2024, 5, 6, 7, 8, 9) and ws.cell(2, 3).is_date
    assert count == 0 and ws.cell(2, 4).data_type == "n"
    assert amount == 1234.5 and isinstance(amount, float)
    assert flag is True and ws.cell(2, 6).data_type == "b"
    assert ws.column_dimensions["A"].width >= len("+7 701 123 45 67")
    assert ws.column_dimensions["B"].width >= 10
    validations = ws.data_validations.dataValidation
    assert len(validations) == 1
    dv = validations[0]
    assert (
        dv.type == "list"
        and dv.formula1 == '"primary,alternate,technical"'
        and dv.errorStyle in (None, "stop")
    )
    assert "G2" in dv.sqref
    assert wb.properties.title == "Hostile text"
    assert wb.properties.creator == "Test Officer"
    assert abs(wb.properties.created - dt.datetime.now()) < dt.timedelta(days=1)


def test_text_format_keeps_typed_in_values_text(tmp_path):
    path = tmp_path / "text.xlsx"
    with XlsxFile(path) as book:
        sheet = book.add_sheet("T", [ColumnSpec("Phone", text_format=True), ColumnSpec("Other")])
        sheet.write_row(["+7 700", "x"])
    ws = openpyxl.load_workbook(path)["T"]
    assert ws.column_dimensions["A"].number_format == "@"
    assert ws.column_dimensions["B"].number_format == "General"


def test_long_choice_lists_live_on_a_hidden_sheet(tmp_path):
    names = tuple(f"Country number {i}, with comma" for i in range(250))
    path = tmp_path / "lists.xlsx"
    with XlsxFile(path, title="Lists") as book:
        book.add_sheet("Data", [ColumnSpec("Country", choices=names)]).write_row([names[3]])
    wb = openpyxl.load_workbook(path)
    dv = wb["Data"].data_validations.dataValidation[0]
    assert dv.formula1 == "'_lists'!$A$1:$A$250"
    assert wb["_lists"].sheet_state == "hidden"
    assert [r[0] for r in read_sheet(path, "_lists")] == list(names)


def test_numbers_a_spreadsheet_cannot_hold_are_text_with_a_warning(tmp_path):
    path = tmp_path / "numbers.xlsx"
    with XlsxFile(path) as book:
        sheet = book.add_sheet("N", [ColumnSpec("n", NUMBER)])
        for v in (2**60 + 1, float("nan"), Decimal("12345678901234567.25"), 7, Decimal("0.10")):
            sheet.write_row([v])
    values = [r[0] for r in read_sheet(path, "N")[1:]]
    assert values == [str(2**60 + 1), "nan", "12345678901234567.25", 7, 0.1]
    assert len(book.warnings) == 1 and "(3 cells" in book.warnings[0].message


def test_unpaired_surrogates_are_replaced_and_reported(tmp_path):
    path = tmp_path / "surrogate.xlsx"
    with XlsxFile(path) as book:
        book.add_sheet("S", [ColumnSpec("t")]).write_row(["a\ud800b"])
    assert read_sheet(path, "S")[1] == ["a\ufffdb"]
    assert "unpaired surrogates" in book.warnings[0].message


def test_old_dates_are_text_and_early_1900_dates_exact(tmp_path):
    path = tmp_path / "dates.xlsx"
    with XlsxFile(path) as book:
        sheet = book.add_sheet("D", [ColumnSpec("d", DATE)])
        for d in (dt.date(1899, 12, 31), dt.date(1900, 1, 15), dt.date(1900, 3, 1), dt.date(9999, 12, 31)):
            sheet.write_row([d])
    assert [r[0] for r in read_sheet(path, "D")[1:]] == [
        "1899-12-31",
        dt.datetime(1900, 1, 15),
        dt.datetime(1900, 3, 1),
        dt.datetime(9999, 12, 31),
    ]
    assert len(book.warnings) == 1


def test_a_failed_export_leaves_the_old_file_and_no_temporary_file(tmp_path):
    path = tmp_path / "report.xlsx"
    _write(path, ["the good one"])
    before = path.read_bytes()
    progress = Progress()
    with pytest.raises(CancelledError), XlsxFile(path) as book:
        sheet = book.add_sheet("Data", COLUMNS)
        for i in range(5000):
            sheet.write_row([f"row {i}"])
            if i == 2500:
                progress.cancel()
            progress.report(i, 5000)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.xlsx"]
    assert read_sheet(path, "Data")[1][0] == "the good one"


def test_open_file_lock_is_refused_clearly(tmp_path):
    path = tmp_path / "open.xlsx"
    _write(path, ["kept"])
    lock = tmp_path / ".~lock.open.xlsx#"
    lock.write_text("officer,laptop,01.01.2025 10:00,")
    with pytest.raises(SaigaError, match="open in another program"):
        _write(path, ["new"])
    assert read_sheet(path, "Data")[1][0] == "kept"


def test_missing_folder_and_folder_target(tmp_path):
    with pytest.raises(SaigaError, match="does not exist"):
        _write(tmp_path / "nowhere" / "x.xlsx", ["a"])
    with pytest.raises(SaigaError, match="is a folder"):
        _write(tmp_path, ["a"])


def _read_only_folder(tmp_path: Path):
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o555)
    if os.access(folder, os.W_OK):  # root ignores modes; an immutable folder refuses even root
        if not shutil.which("chattr") or subprocess.run(["chattr", "+i", str(folder)]).returncode:
            folder.chmod(0o755)
            pytest.skip("cannot make a read-only folder here")
    return folder


def test_read_only_folder_gives_a_clear_message(tmp_path):
    folder = _read_only_folder(tmp_path)
    try:
        with pytest.raises(SaigaError, match="read-only"):
            _write(folder / "x.xlsx", ["a"])
    finally:
        if shutil.which("chattr"):
            subprocess.run(["chattr", "-i", str(folder)], capture_output=True)
        folder.chmod(0o755)
    assert list(folder.iterdir()) == []


def test_read_only_file_is_not_replaced(tmp_path):
    path = tmp_path / "ro.xlsx"
    _write(path, ["kept"])
    path.chmod(0o444)
    if os.access(path, os.W_OK):
        pytest.skip("running as root: file modes are not enforced")
    with pytest.raises(SaigaError, match="read-only"):
        _write(path, ["new"])


def test_notes_sheet_and_sheet_names(tmp_path):
    assert sheet_name("a/b:c*d?e[f]g\\h") == "a-b-c-d-e-f-g-h"
    assert sheet_name("x" * 40) == "x" * 31
    assert sheet_name("Data", ["data"]) == "Data (2)"
    path = tmp_path / "notes.xlsx"
    with XlsxFile(path) as book:
        book.add_notes_sheet("Instructions / Инструкция", ["Title", "=not a formula", "Второй абзац"])
    assert read_sheet(path, "Instructions - Инструкция") == [["Title"], ["=not a formula"], ["Второй абзац"]]
    no_formulas(path)


def test_helpers():
    assert unescape_ooxml("a_x0007_b_x005F_x0041_") == "a\x07b_x0041_"
    assert utf16_len("🦌a") == 3
    parts = split_utf16("a" + "🦌" * 5, 4)
    assert "".join(parts) == "a" + "🦌" * 5 and all(utf16_len(p) <= 4 for p in parts)


def test_libreoffice_opens_it(tmp_path):
    path = tmp_path / "hostile.xlsx"
    _write(path, HOSTILE)
    opened = soffice_opens(path, tmp_path)
    if opened is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    assert opened


def test_zip_is_a_valid_workbook(tmp_path):
    path = tmp_path / "z.xlsx"
    _write(path, ["a"])
    with zipfile.ZipFile(path) as z:
        assert z.testzip() is None
        assert "docProps/core.xml" in z.namelist()
