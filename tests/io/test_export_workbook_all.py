"""The whole database to one workbook and back: identical, hostile text included."""

from __future__ import annotations

import openpyxl
import pytest
from export_checks import HOSTILE, no_formulas, read_sheet, soffice_opens
from sqlalchemy import select

from saiga_desk.core import services as sv
from saiga_desk.core.database import Database
from saiga_desk.core.errors import CancelledError, InputError, Progress, SaigaError
from saiga_desk.io.export import export_table
from saiga_desk.io.workbook_all import data_tables, export_all, import_all
from saiga_desk.io.xlsx_writer import LONG_TEXT_SHEET

LONG_EXACT = "Ә" * 32_767
LONG_OVER = ("Сайгак 🦌 ᠮᠣᠩᠭᠣᠯ ") * 3_000  # 54,000 characters, emoji on the part boundaries


def dump(db) -> dict[str, list[tuple]]:
    """Every row and field of every table, in primary-key order."""
    out = {}
    with db.engine.connect() as con:
        for t in data_tables():
            out[t.name] = [tuple(r) for r in con.execute(select(t).order_by(*t.primary_key.columns))]
    return out


def add_hostile(db, texts=HOSTILE) -> None:
    org = sv.create(db, "organizations", {"name_en": '=HYPERLINK("x")', "notes": LONG_OVER, "kind": "ngo"})
    for i, text in enumerate(texts):
        sv.create(
            db,
            "persons",
            {
                "family_name": text,
                "given_name": texts[-1 - i],
                "position": text * 3,
                "address": "line 1\r\nline 2\n\tindented " + text,
                "phone": f"+7 (7172) 00-00-{i:02d}",
                "notes": LONG_EXACT if i == 0 else text,
                "organization_id": org.id,
            },
        )


def test_round_trip_of_the_demo_database_with_hostile_text_is_identical(demo_db, db, tmp_path):
    add_hostile(demo_db)
    path = tmp_path / "all.xlsx"
    exported = export_all(demo_db, path)
    assert exported.tables["person"] >= len(HOSTILE) and exported.tables["designation"] > 0
    no_formulas(path)
    # what could not be held as is, is reported: control characters and the over-long note
    messages = [w.message for w in exported.warnings]
    assert any("control characters" in m for m in messages)
    assert any("longer than a cell" in w.message and w.sheet == "organization" for w in exported.warnings)
    assert len(read_sheet(path, LONG_TEXT_SHEET)) > 1

    imported = import_all(db, path)
    assert imported.tables == exported.tables
    before, after = dump(demo_db), dump(db)
    for name in before:
        assert after[name] == before[name], name

    # readable by people: ids and references are plain numbers, dates are date cells
    wb = openpyxl.load_workbook(path, read_only=True)
    assert wb.sheetnames[0] == "About"
    header = next(wb["designation"].iter_rows(max_row=1, values_only=True))
    assert header[:3] == ("id", "signatory_id", "person_id")
    wb.close()


def test_the_copy_keeps_working(demo_db, db, tmp_path):
    path = tmp_path / "all.xlsx"
    export_all(demo_db, path)
    import_all(db, path)
    person = sv.create(db, "persons", {"family_name": "New"})
    assert person.id > max(sv.query_ids(demo_db, "persons"))
    assert sv.query_ids(db, "contact-points", search="қасым")


def test_import_all_needs_an_empty_database(demo_db, tmp_path):
    path = tmp_path / "all.xlsx"
    export_all(demo_db, path)
    with pytest.raises(SaigaError, match="empty database"):
        import_all(demo_db, path)


def test_a_table_export_is_not_a_database_workbook(demo_db, db, tmp_path):
    path = tmp_path / "persons.xlsx"
    export_table(demo_db, "persons", path)
    with pytest.raises(InputError, match="not a whole-database workbook"):
        import_all(db, path)


def test_a_broken_cell_is_located_and_nothing_is_written(demo_db, db, tmp_path):
    path = tmp_path / "all.xlsx"
    export_all(demo_db, path)
    wb = openpyxl.load_workbook(path)
    ws = wb["meeting"]
    col = [c.value for c in ws[1]].index("start_date") + 1
    ws.cell(3, col).value = "the spring"
    wb.save(path)
    before = dump(db)
    with pytest.raises(InputError) as info:
        import_all(db, path)
    problem = info.value.problems[0]
    assert (problem.sheet, problem.row, problem.column) == ("meeting", 3, "start_date")
    assert "date" in problem.message
    assert dump(db) == before


def test_cancelled_import_changes_nothing_and_cancelled_export_keeps_the_old_file(demo_db, db, tmp_path):
    path = tmp_path / "all.xlsx"
    export_all(demo_db, path)
    good = path.read_bytes()
    progress = Progress()
    progress.callback = lambda done, total, text: done > 100 and progress.cancel()
    with pytest.raises(CancelledError):
        export_all(demo_db, path, progress=progress)
    assert path.read_bytes() == good
    assert not [p.name for p in tmp_path.iterdir() if ".part" in p.name]

    before = dump(db)
    progress = Progress()
    progress.callback = lambda done, total, text: (total and done >= total) and progress.cancel()
    with pytest.raises(CancelledError):
        import_all(db, path, progress=progress)
    assert dump(db) == before


def test_libreoffice_opens_the_database_workbook(demo_db, tmp_path):
    path = tmp_path / "all.xlsx"
    export_all(demo_db, path)
    opened = soffice_opens(path, tmp_path)
    if opened is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    assert opened


def test_round_trip_into_any_database(demo_db, any_db, tmp_path):
    """SQLite to SQLite, and SQLite to PostgreSQL when a test server is configured."""
    postgres = any_db.engine.dialect.name == "postgresql"
    if postgres:  # PostgreSQL text cannot hold NUL: such a workbook is refused, the cell named
        source = Database.open(tmp_path / "nul.sqlite3")
        try:
            sv.create(source, "persons", {"family_name": "Ok", "notes": "a NUL \x00 inside"})
            export_all(source, tmp_path / "nul.xlsx")
        finally:
            source.close()
        with pytest.raises(InputError) as info:
            import_all(any_db, tmp_path / "nul.xlsx")
        problem = info.value.problems[0]
        assert "NUL" in problem.message and (problem.sheet, problem.column) == ("person", "notes")
        assert dump(any_db)["person"] == []
    add_hostile(demo_db, [t.replace("\x00", "") for t in HOSTILE] if postgres else HOSTILE)
    path = tmp_path / "all.xlsx"
    export_all(demo_db, path)
    import_all(any_db, path)
    before, after = dump(demo_db), dump(any_db)
    for name in before:
        assert after[name] == before[name], name
    person = sv.create(any_db, "persons", {"family_name": "After the import"})
    assert person.id > max(sv.query_ids(demo_db, "persons"))
