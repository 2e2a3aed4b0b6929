"""Import -> export (the real export module) -> import gives no changes; every problem in a review names
the file, sheet, row and (for errors) column."""

from __future__ import annotations

import import_corpus as corpus
import pytest
from import_corpus import count

from saiga_desk.core import models as m
from saiga_desk.core import tables
from saiga_desk.io.contact_import import commit_import, plan_import
from saiga_desk.io.export import export_table

LOADED = ("title_rows", "russian", "kazakh", "unicode", "phones", "escapes", "dates_1904", "merged")


def load_corpus(db, d) -> None:
    for name in LOADED:
        plan = plan_import(db, corpus.make(name, d), designate=name in ("title_rows", "russian"))
        for r in plan.rows:
            if r.status == "error":
                r.accepted = False
        commit_import(db, plan)


@pytest.mark.parametrize("table,columns,designate", [
    ("persons", "visible", False), ("persons", "all", False),
    ("contact-points", "visible", True), ("contact-points", "all", True),
])  # fmt: skip
def test_import_export_import_yields_no_changes(demo_db, tmp_path, table, columns, designate):
    load_corpus(demo_db, tmp_path)
    keys = [c.key for c in tables.public_columns(table)] if columns == "all" else None
    out = tmp_path / f"{table}.xlsx"
    exported = export_table(demo_db, table, out, columns=keys)
    assert exported.rows > 0
    plan = plan_import(demo_db, out, designate=designate)
    assert len(plan.rows) == exported.rows
    assert {"family_name", "given_name", "email"} <= set(plan.mapping)
    changed = [
        (r.row, r.status, r.changes, [str(p) for p in r.problems])
        for r in plan.rows
        if r.status != "unchanged"
    ]
    assert changed == []
    assert not plan.blocking()
    # a column the importer does not take (Valid to) or takes once (Signatory and Country) is said plainly
    for p in plan.problems:
        assert p.severity == "warning" and p.file == out.name and p.row == 1 and p.column
    persons, designations, audits = (
        count(demo_db, m.Person),
        count(demo_db, m.Designation),
        count(demo_db, m.AuditEntry),
    )
    res = commit_import(demo_db, plan)
    assert (res.created, res.updated, res.unchanged) == (0, 0, exported.rows)
    assert (count(demo_db, m.Person), count(demo_db, m.Designation)) == (persons, designations)
    assert count(demo_db, m.AuditEntry) == audits  # nothing changed, nothing recorded


def test_export_headers_are_recognized(db):
    from saiga_desk.io import headers as hd

    for table in ("persons", "contact-points"):
        for c in tables.public_columns(table):
            if c.key in ("valid_to",):
                continue
            assert hd.recognize(c.title), (table, c.title)


@pytest.mark.parametrize("name", ["emails", "duplicates", "hidden_rows", "formulas", "dates_1904", "serial_dates",
                                  "phones", "csv_cp1251", "merged", "title_rows", "bilingual", "escapes"])  # fmt: skip
def test_every_problem_names_file_sheet_row_and_column(demo_db, tmp_path, name):
    path = corpus.make(name, tmp_path)
    plan = plan_import(demo_db, path, designate=True)
    problems = [(r, p) for r in plan.rows for p in r.problems]
    if name in ("emails", "duplicates", "hidden_rows", "formulas"):
        assert problems
    for r, p in problems:
        assert (p.file, p.sheet, p.row) == (path.name, plan.sheet, r.row)
        assert str(p).startswith(f"{path.name}, sheet {plan.sheet!r}, row {r.row}")
        if p.severity == "error":
            assert p.column and plan.mapping[_index(p.column)], str(p)
            assert f"column {p.column}" in str(p)
    for p in plan.problems:
        assert p.file == path.name and p.sheet == plan.sheet


def _index(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n - 1
