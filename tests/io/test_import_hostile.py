"""Hostile and damaged files (issue 12): far cells refused before the reader allocates, ODS repeats, long
cells, damaged sheet XML reported, CSV fields over the limit and files cut mid-row."""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import zipfile
from pathlib import Path

import import_corpus as corpus
import pytest

from saiga_desk.core.errors import InputError
from saiga_desk.io import headers as hd
from saiga_desk.io.contact_import import plan_import
from saiga_desk.io.workbook import open_book

HEADER = ["Family name", "Given name", "Country", "Email"]
ROOT = Path(__file__).resolve().parents[2]


def people(n: int) -> list[list]:
    return [[f"Family{i}", f"Given{i}", "Kazakhstan", f"person{i}@example.org"] for i in range(n)]


def far_cell(d: Path, ref: str, name: str = "far.xlsx") -> Path:
    def setup(wb, ws):
        ws[ref] = "x"

    return corpus.xlsx(d / name, [HEADER, *people(3)], setup=setup)


def _limit_address_space():  # runs in the child: 1 GB of address space, as the reproduction had
    resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))


def test_far_cell_is_refused_under_a_1gb_address_space_without_aborting(db_path, tmp_path):
    path = far_cell(tmp_path, "XFD1048576")
    assert path.stat().st_size < 10_000
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    got = subprocess.run(
        [sys.executable, "-m", "saiga_desk.cli.main", "--database", str(db_path), "import", "contacts", str(path)],
        capture_output=True, text=True, env=env, preexec_fn=_limit_address_space, timeout=60,
    )  # fmt: skip
    assert got.returncode == 1, got.stderr
    assert "Traceback" not in got.stderr and "panicked" not in got.stderr
    lines = got.stderr.strip().splitlines()
    assert len(lines) == 1
    assert "far.xlsx" in lines[0] and "sheet 'Contacts'" in lines[0]
    assert "XFD" in lines[0]


def test_far_cell_within_the_columns_is_refused_by_the_memory_budget(tmp_path):
    book = open_book(far_cell(tmp_path, "AZ1048576"))
    with pytest.raises(InputError) as e:
        book.sheet()
    assert "AZ1048576" in str(e.value) and "MB" in str(e.value) and "far.xlsx" in str(e.value)


def test_cells_without_references_are_placed_by_counting(tmp_path):
    src = corpus.xlsx(tmp_path / "src.xlsx", [HEADER, *people(2)])
    wide = b'<row r="9">' + b'<c t="inlineStr"><is><t>x</t></is></c>' * 1200 + b"</row></sheetData>"

    def edit(name, data):
        return data.replace(b"</sheetData>", wide) if name.startswith("xl/worksheets/") else data

    with pytest.raises(InputError) as e:
        open_book(corpus.rewrite_zip(src, tmp_path / "wide.xlsx", edit)).sheet()
    assert "1,200 columns" in str(e.value)


MANIFEST = (
    '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
    'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
    '<manifest:file-entry manifest:full-path="/" '
    'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
    '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>'
)


def _ods(path: Path, cols: int, rows: int) -> Path:
    content = (
        '<?xml version="1.0" encoding="UTF-8"?><office:document-content '
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body>'
        '<office:spreadsheet><table:table table:name="Contacts"><table:table-row>'
        '<table:table-cell office:value-type="string"><text:p>Family name</text:p></table:table-cell>'
        "</table:table-row>"
        f'<table:table-row table:number-rows-repeated="{rows}"><table:table-cell '
        f'table:number-columns-repeated="{cols}"/></table:table-row><table:table-row><table:table-cell '
        f'table:number-columns-repeated="{cols}"/><table:table-cell office:value-type="string"><text:p>far'
        "</text:p></table:table-cell></table:table-row></table:table></office:spreadsheet></office:body>"
        "</office:document-content>"
    )
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        z.writestr("content.xml", content, compress_type=zipfile.ZIP_DEFLATED)
        z.writestr("META-INF/manifest.xml", MANIFEST)
    return path


def test_ods_repeated_columns_and_rows_are_measured(tmp_path):
    assert open_book(_ods(tmp_path / "small.ods", 3, 3)).sheet().rows[-1][-1] == "far"
    with pytest.raises(InputError) as e:
        open_book(_ods(tmp_path / "far.ods", 16383, 1_048_000))
    assert "XFD" in str(e.value) and "'Contacts'" in str(e.value)


def test_a_cell_over_32767_characters_is_cut_with_a_warning(db, tmp_path):
    long = "x" * 40_000
    rows = [HEADER + ["Notes"], *[r + [""] for r in people(3)]]
    rows[2][4] = "LONGCELL"  # Excel, openpyxl and xlsxwriter all stop at 32,767: the XML is edited

    def edit(name, data):
        return data.replace(b"LONGCELL", long.encode()) if name.startswith("xl/") else data

    path = corpus.rewrite_zip(corpus.xlsx(tmp_path / "src.xlsx", rows), tmp_path / "long.xlsx", edit)
    sheet = open_book(path).sheet()
    assert len(sheet.rows[2][4]) == 32_767
    assert [(w.row, w.column) for w in sheet.warnings] == [(3, "E")]
    plan = plan_import(db, path)
    assert any("40,000" in p.message for p in plan.problems)
    # a header row with a long cell beside it is still found (the long cell is never folded)
    assert hd.find_header_row([[long, *HEADER], ["a", "b", "c", "d", "e"]]) == (0, 4)


def test_a_damaged_cell_tag_is_reported_with_its_sheet_and_row(db, tmp_path):
    src = corpus.xlsx(tmp_path / "src.xlsx", [HEADER, *people(30)])

    def edit(name, data):
        if name.startswith("xl/worksheets/"):
            assert b'<c r="D5"' in data
            return data.replace(b'<c r="D5"', b'<cc r="D5"')
        return data

    path = corpus.rewrite_zip(src, tmp_path / "damaged.xlsx", edit)
    plan = plan_import(db, path)
    assert len(plan.rows) == 30
    damaged = [p for p in plan.problems if "damaged" in p.message]
    assert len(damaged) == 1 and damaged[0].severity == "warning"
    assert (damaged[0].sheet, damaged[0].row) == ("Contacts", 5) and "1 may be missing" in damaged[0].message
    clean = plan_import(db, src)
    assert not [p for p in clean.problems if "damaged" in p.message]


@pytest.mark.parametrize(
    "tail,why", [('Petrov,Petr,Kazakhstan,"petr@exa', "quoted field"), ("Petrov,Petr", "2 of 4 fields")]
)
def test_a_csv_cut_mid_row_leaves_that_row_out_with_a_warning(db, tmp_path, tail, why):
    path = tmp_path / "cut.csv"
    path.write_text("Family name,Given name,Country,Email\nIvanov,Ivan,Kazakhstan,ivan@example.org\n" + tail)
    plan = plan_import(db, path)
    assert [r.row for r in plan.rows] == [2]
    cut = [p for p in plan.problems if "ends in the middle" in p.message]
    assert len(cut) == 1 and cut[0].row == 3 and why in cut[0].message
    whole = tmp_path / "whole.csv"
    whole.write_text(
        "Family name,Given name,Country,Email\nIvanov,Ivan,Kazakhstan,ivan@example.org\nPetrov,Petr,,"
    )
    assert [r.row for r in plan_import(db, whole).rows] == [2, 3]


def test_a_csv_field_over_the_limit_is_one_sentence(db_path, tmp_path, capsys):
    from saiga_desk.cli.main import main as cli

    path = tmp_path / "huge.csv"
    path.write_text("Family name,Email\nIvanov," + "x" * 140_000 + "\nPetrov,p@example.org\n")
    with pytest.raises(InputError) as e:
        open_book(path).sheet()
    assert "line 2" in str(e.value) and "131,072" in str(e.value)
    assert cli(["--database", str(db_path), "import", "contacts", str(path)]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err and "huge.csv" in err and len(err.strip().splitlines()) == 1


def test_extent_scan_is_the_same_whatever_the_chunks():
    from saiga_desk.io.sheet_extent import ExtentScan

    xml = (
        b'<worksheet><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="AB1"><v>1</v></c></row>'
        b'<row r="2"><c r="B123456"><v>2</v></c><c r="C2"/></row></sheetData></worksheet>'
    )
    whole = ExtentScan()
    whole.feed(xml)
    assert (whole.rows, whole.cols, whole.odd) == (123456, 28, False)
    for size in (1, 3, 7, 16):
        scan = ExtentScan()
        for i in range(0, len(xml), size):
            scan.feed(xml[i : i + size])
        assert (scan.rows, scan.cols, scan.odd) == (123456, 28, False), size


def test_a_row_past_excels_last_is_refused(tmp_path):
    src = corpus.xlsx(tmp_path / "src.xlsx", [HEADER, *people(2)])

    def edit(name, data):
        return data.replace(b'r="A3"', b'r="A2000000"') if name.startswith("xl/worksheets/") else data

    with pytest.raises(InputError) as e:
        open_book(corpus.rewrite_zip(src, tmp_path / "long.xlsx", edit)).sheet()
    assert "2,000,000" in str(e.value) and "1,048,576" in str(e.value)
