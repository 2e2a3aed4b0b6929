"""Reading the tricky-file corpus without a database: types, safety, headers, values."""

from __future__ import annotations

import datetime as dt

import import_corpus as corpus
import pytest

from saiga_desk.core.errors import InputError
from saiga_desk.io import headers as hd
from saiga_desk.io import values as vl
from saiga_desk.io.workbook import fill_merged, open_book

REAL = corpus.Path(__file__).resolve().parents[3] / "shared" / "testdata" / "real-xlsx"


@pytest.mark.parametrize("name,needle", sorted(corpus.ALL_REFUSED.items()))
def test_refused_files_say_why(tmp_path, name, needle):
    path = corpus.make(name, tmp_path)
    with pytest.raises(InputError) as e:
        book = open_book(path)
        book.sheet(book.sheet_names[0])
    assert needle in str(e.value)
    assert e.value.problems and e.value.problems[0].file == path.name


def test_csv_cp1251_semicolon_and_renamed_csv(tmp_path):
    book = open_book(corpus.make("csv_cp1251", tmp_path))
    assert (book.kind, book.encoding, book.delimiter) == ("csv", "cp1251", ";")
    assert book.sheet().rows[1][:3] == ["Ёлкин", "Алексей", "Россия"]
    renamed = open_book(corpus.make("csv_renamed", tmp_path))
    assert renamed.kind == "csv" and renamed.sheet().rows[1] == ["Dorj", "bolormaa@mne.gov.mn"]
    utf8 = open_book(corpus.make("csv_utf8_comma", tmp_path))
    assert utf8.delimiter == "," and utf8.sheet().rows[2][0] == "Nurmukhambetov, Jr"


def test_lying_dimension_reads_every_row(tmp_path):
    sheet = open_book(corpus.make("lying_dimension", tmp_path)).sheet()
    assert len(sheet.rows) == 5 and sheet.rows[4][2] == "Karimov"


def test_hidden_rows_columns_and_sheets(tmp_path):
    book = open_book(corpus.make("hidden_rows", tmp_path))
    sheet = book.sheet()
    assert sheet.hidden_rows == {2} and sheet.hidden_cols == {3}
    two = open_book(corpus.make("two_sheets", tmp_path))
    assert two.visible_sheets() == ["Read me", "NCP list"]


def test_merged_cells_filled(tmp_path):
    sheet = open_book(corpus.make("merged", tmp_path)).sheet()
    assert fill_merged(sheet) > 0
    assert sheet.rows[3][4] == "Kazakhstan" and sheet.rows[0][1] == "Name"


def test_formulas_cached_value_missing_value_and_text(tmp_path):
    sheet = open_book(corpus.make("formulas", tmp_path)).sheet()
    assert sheet.rows[1][2] == 2  # cached value used
    assert sheet.formulas_without_value == {(2, 2)}
    assert sheet.rows[3][1] == "=SUM(A1)" and sheet.rows[4][1] == "+danger"  # text stays text


def test_1904_dates_and_escapes(tmp_path):
    book = open_book(corpus.make("dates_1904", tmp_path))
    assert book.date1904 and book.sheet().rows[1][2] == dt.date(2019, 10, 24)
    assert open_book(corpus.make("escapes", tmp_path)).sheet().rows[1][1] == "a\rb _x0041_ end"
    assert vl.unescape_ooxml("a_x000D_b") == "a\rb"


def test_empty_and_header_only(tmp_path):
    assert open_book(corpus.make("empty", tmp_path)).sheet().rows == []
    assert len(open_book(corpus.make("header_only", tmp_path)).sheet().rows) == 1


@pytest.mark.parametrize(
    "header,field",
    [("E-mail", "email"), ("Email address", "email"), ("Эл. почта", "email"), ("Фамилия", "family_name"),
     ("Surname", "family_name"), ("Family\u00a0name ", "family_name"), ("Telephone", "phone"), ("Тел.", "phone"),
     ("ФИО", "full_name"), ("Тегі", "family_name"), ("Аты", "given_name"), ("Овог", "family_name"),
     ("Нэр", "given_name"), ("Утас", "phone"), ("Цахим шуудан", "email"), ("Электрондық пошта", "email"),
     ("Фамилия / Surname", "family_name"), ("E\u200bmail", "email"), ("  COUNTRY ", "country"),
     ("Страна", "country"), ("Улс", "country"), ("Surname*", "family_name"), ("Unrelated", None)],
)  # fmt: skip
def test_header_recognition(header, field):
    assert hd.recognize(header) == field


def test_header_row_below_titles(tmp_path):
    sheet = open_book(corpus.make("title_rows", tmp_path)).sheet()
    assert hd.find_header_row(sheet.rows) == (3, 8)
    assert hd.mapping_key(["E-mail", "Фамилия"]) == hd.mapping_key(["e mail ", "ФАМИЛИЯ"])


def test_values():
    assert vl.phone_value("+77172740000") == ("+77172740000", None, "ok")
    assert vl.phone_value(77172740000.0)[0] == "77172740000" and vl.phone_value(77172740000.0)[2] == "warning"
    assert vl.date_value(43762) == (dt.date(2019, 10, 24), None, "ok")
    assert vl.date_value(42429, date1904=True)[0] == dt.date(2020, 3, 1)
    assert vl.date_value("24.10.2019")[0] == dt.date(2019, 10, 24)
    assert vl.date_value("2019-10-24")[0] == dt.date(2019, 10, 24)
    assert vl.date_value("03/04/2019")[2] == "warning"
    assert vl.date_value("31.02.2019")[2] == "error"
    assert vl.date_value("10/24/2019")[2] == "error"
    assert vl.date_value("24 октября 2019 г.")[0] == dt.date(2019, 10, 24)
    assert vl.email_value("иван@пример.рф") == ("иван@пример.рф", [], None)
    assert vl.email_value("a@example.org; b@example.org")[:2] == ("a@example.org", ["b@example.org"])
    assert vl.email_value("bad.example.org")[2]
    assert vl.cell_text("  =1+1 ") == "=1+1" and vl.cell_text(5.0) == "5"


@pytest.mark.skipif(not REAL.exists(), reason="shared/testdata/real-xlsx is absent")
@pytest.mark.parametrize("name", sorted(p.name for p in REAL.glob("*.xlsx")) if REAL.exists() else [])
def test_real_world_files_read_or_refused_cleanly(name):
    try:
        book = open_book(REAL / name)
        for sheet in book.sheet_names:
            book.sheet(sheet)
    except InputError as e:
        assert name.startswith("tealeg_badfile") and str(e)
        plain = {  # the reader's own words ('File not found ...', 'Tabelle1') become the officer's
            "tealeg_badfile_noWorkbookRels.xlsx": "The workbook cannot be read (the part "
            "xl/_rels/workbook.xml.rels is missing from the file).",
            "tealeg_badfile_noWorksheets.xlsx": "The sheet cannot be read (the sheet's part is missing from the file).",
        }
        assert name not in plain or str(e).endswith(plain[name]), str(e)
    else:
        assert not name.startswith("tealeg_badfile")


def test_a_sheet_cut_short_is_named_plainly(tmp_path):
    """A sheet whose XML ends mid-cell (python-calamine says only 'v', the element it stopped in)."""
    import zipfile

    import xlsxwriter

    whole, cut = tmp_path / "whole.xlsx", tmp_path / "cut.xlsx"
    wb = xlsxwriter.Workbook(str(whole))
    ws = wb.add_worksheet("Contacts")
    for i in range(2000):
        ws.write_row(i, 0, [f"Family{i}", i, "Mongolia"])
    wb.close()
    with zipfile.ZipFile(whole) as src, zipfile.ZipFile(cut, "w") as out:
        for info in src.infolist():
            data = src.read(info.filename)
            out.writestr(info, data[: len(data) // 2] if info.filename.endswith("sheet1.xml") else data)
    with pytest.raises(InputError) as caught:
        open_book(str(cut)).sheet("Contacts")
    assert str(caught.value) == (
        "cut.xlsx, sheet 'Contacts': The sheet cannot be read (its XML is damaged or cut short)."
    )


@pytest.mark.parametrize("first_row,first_col", [(0, 0), (0, 2), (3, 0), (2, 1)])
def test_large_sheet_read_from_a1_with_repeated_texts_shared(tmp_path, first_row, first_col):
    """A sheet large enough to share its repeated texts reads cell for cell as python-calamine's own grid
    (from A1, types kept: 1, 1.0 and True stay apart), and a column of repeats holds one string per text."""
    import python_calamine
    import xlsxwriter

    path = tmp_path / "large.xlsx"
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("Contacts")
    for i in range(7000):  # the third column repeats for 5,000 rows, then stops repeating
        ws.write_row(first_row + i, first_col, [("Mongolia", "Монголия", 1, 1.0, True)[i % 5], f"Family{i}",
                                                ("Astana", "Ulaanbaatar")[i % 2] if i < 5000 else f"City{i}"])  # fmt: skip
    wb.close()
    grid = open_book(str(path)).sheet("Contacts").rows
    bare = python_calamine.CalamineWorkbook.from_path(str(path)).get_sheet_by_name("Contacts")
    expected = bare.to_python(skip_empty_area=False)
    assert grid == expected
    assert [[type(x) for x in r] for r in grid] == [[type(x) for x in r] for r in expected]
    country = [r[first_col] for r in grid[first_row:] if r[first_col] == "Mongolia"]
    city = [r[first_col + 2] for r in grid[first_row:first_row + 5000] if r[first_col + 2] == "Astana"]
    assert len(country) == 1400 and all(x is country[0] for x in country)
    assert len(city) == 2500 and all(x is city[0] for x in city)
