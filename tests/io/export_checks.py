"""Checks shared by the export tests: read written workbooks back and look inside their XML."""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import openpyxl

from saiga_desk.io.xlsx_writer import unescape_ooxml

HOSTILE = [
    "=1+1",
    "+A1",
    "-2",
    "@SUM(A1:A2)",
    "\t=x",
    "\r=cmd|' /C calc'!A0",
    '=HYPERLINK("http://evil.example","click")',
    "<r><t>rich</t></r>",
    '<r><t>a</t></r></is></c><c r="B1"><f>1+1</f></c><c><is><r><t>b</t></r>',
    "_x0041_ stays literal",
    "Саида Қасымова — Ұлттық орган",
    "Монгол Улс ᠮᠣᠩᠭᠣᠯ ᠤᠯᠤᠰ Өлзийбаяр",
    "שלום עולם مرحبا بالعالم",
    "emoji 🦌🐐 and ZWJ 👩‍🔬",
    "bell\x07 and nul\x00 and esc\x1b",
    " leading and trailing spaces ",
    "line one\r\nline two\nline three",
    "+7 (7172) 74-08-41",
    "00123",
    "1e5",
    "TRUE",
]


def no_formulas(path: Path) -> None:
    """No sheet of the workbook holds a formula (<f> element) or an external link."""
    with zipfile.ZipFile(path) as z:
        for name in z.namelist():
            if name.startswith("xl/worksheets/") and name.endswith(".xml"):
                xml = z.read(name).decode("utf-8")
                assert re.search(r"<f[\s>/]", xml) is None, f"formula in {name}"
            assert not name.startswith("xl/externalLinks"), name


def read_sheet(path: Path, sheet: str | None = None, unescape: bool = True) -> list[list]:
    """All values of a sheet, read back with openpyxl (the _xHHHH_ escape undone)."""
    wb = openpyxl.load_workbook(path, read_only=True)
    try:
        ws = wb[sheet] if sheet else wb.worksheets[0]
        rows = []
        for row in ws.iter_rows(values_only=True):
            rows.append([unescape_ooxml(v) if unescape and isinstance(v, str) else v for v in row])
        return rows
    finally:
        wb.close()


def soffice_opens(path: Path, tmp: Path) -> bool | None:
    """None when LibreOffice is not installed; True when it converts the file to CSV."""
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if not exe:
        return None
    out = tmp / "soffice-out"
    out.mkdir(exist_ok=True)
    subprocess.run(
        [exe, "--headless", "--convert-to", "csv", "--outdir", str(out), str(path)],
        check=True,
        capture_output=True,
        timeout=180,
    )
    return (out / (path.stem + ".csv")).exists()
