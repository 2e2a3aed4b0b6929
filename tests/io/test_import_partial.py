"""Hidden columns and rows, and a partial import on purpose (issue 12): a hidden stale "Email" column does not
win over the visible one, hidden rows are left out and can be taken back, ``import contacts --skip-invalid``
imports the valid rows and writes the others, with their reasons, to an error workbook."""

from __future__ import annotations

import json

import import_corpus as corpus
import openpyxl
from import_corpus import count, db_hash
from sqlalchemy import select

from saiga_desk.cli.main import main as cli
from saiga_desk.core import models as m
from saiga_desk.io import headers as hd
from saiga_desk.io.contact_import import commit_import, plan_import

HEADER = ["Family name", "Given name", "Country", "Email"]


def people(n: int, domain: str = "example.org") -> list[list]:
    return [[f"Family{i}", f"Given{i}", "Kazakhstan", f"person{i}@{domain}"] for i in range(n)]


def test_a_hidden_stale_email_column_does_not_win(db, tmp_path):
    current = corpus.xlsx(tmp_path / "current.xlsx", [HEADER, *people(9)])
    commit_import(db, plan_import(db, current))
    rows = [["Family name", "Given name", "Country", "Email", "Email"]]
    rows += [[f, g, c, f"{f.lower()}@old-2019.example.org", e] for f, g, c, e in people(9)]

    def setup(wb, ws):
        ws.column_dimensions["D"].hidden = True

    path = corpus.xlsx(tmp_path / "stale.xlsx", rows, setup=setup)
    plan = plan_import(db, path)
    assert plan.mapping == ["family_name", "given_name", "country", None, "email"]
    assert all(r.status == "unchanged" for r in plan.rows)
    assert any(p.column == "D" and "not imported" in p.message for p in plan.problems)
    res = commit_import(db, plan)
    assert (res.created, res.updated) == (0, 0)
    with db.session() as s:
        emails = set(s.scalars(select(m.Person.email)))
        others = [x for x in s.scalars(select(m.Person.other_emails)) if x]
    assert emails == {f"person{i}@example.org" for i in range(9)} and others == []
    # a hidden column with a field no visible column carries is still read (planning warns about it)
    assert hd.guess_mapping(["Family name", "Email", "Phone"], hidden={1, 2}) == [
        "family_name",
        "email",
        "phone",
    ]
    assert hd.guess_mapping(["Email", "Email", "Phone"], hidden={0}) == [None, "email", "phone"]
    assert hd.guess_mapping(["Email", "Email"]) == ["email", "other_emails"]


def test_hidden_rows_are_left_out_with_a_warning_and_can_be_taken_back(db, tmp_path):
    def setup(wb, ws):
        ws.row_dimensions[3].hidden = True  # the second person

    path = corpus.xlsx(tmp_path / "hidden.xlsx", [HEADER, *people(4)], setup=setup)
    plan = plan_import(db, path)
    hidden = [r for r in plan.rows if r.hidden]
    assert [r.row for r in hidden] == [3] and not hidden[0].accepted
    assert any("hidden" in p.message and p.row == 3 for p in plan.warnings())
    res = commit_import(db, plan)
    assert (res.created, res.skipped) == (3, 1)
    again = plan_import(db, path)
    row3 = next(r for r in again.rows if r.row == 3)
    assert row3.status == "new"
    row3.accepted = True  # the review takes it back
    assert commit_import(db, again).created == 1
    assert count(db, m.Person) == 4


def _bad_file(tmp_path):
    rows = [HEADER, *people(4)]
    rows[2][3] = "bad.example.org"  # row 3
    rows[4][2] = "Atlantis"  # row 5

    def setup(wb, ws):
        ws.row_dimensions[4].hidden = True

    return corpus.xlsx(tmp_path / "list.xlsx", rows, setup=setup)


def test_without_skip_invalid_the_import_stays_whole_or_nothing(db_path, tmp_path, capsys):
    path = _bad_file(tmp_path)
    from saiga_desk.core.database import Database

    db = Database.open(db_path)
    before = db_hash(db)
    db.close()
    assert cli(["--database", str(db_path), "import", "contacts", str(path)]) == 1
    err = capsys.readouterr().err
    assert "row 3" in err and "--skip-invalid" in err
    assert not (tmp_path / "list-errors.xlsx").exists()
    db = Database.open(db_path)
    assert db_hash(db) == before
    db.close()


def test_skip_invalid_imports_the_valid_rows_and_writes_the_error_workbook(db_path, tmp_path, capsys):
    path = _bad_file(tmp_path)
    assert cli(["--database", str(db_path), "import", "contacts", str(path), "--skip-invalid", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["status"] == "imported" and out["created"] == 1 and out["skipped"] == 3
    assert out["errors_file"] == str(tmp_path / "list-errors.xlsx")
    left = {r["row"]: r for r in out["rejected_rows"]}
    assert {k: v["status"] for k, v in left.items()} == {3: "error", 4: "hidden", 5: "error"}
    assert "@" in left[3]["reasons"][0] and "Atlantis" in left[5]["reasons"][0]
    ws = openpyxl.load_workbook(tmp_path / "list-errors.xlsx").active
    got = [list(r) for r in ws.iter_rows(values_only=True)]
    assert got[0] == ["Row", "Status", "Problems", *HEADER]
    assert [(r[0], r[1]) for r in got[1:]] == [(3, "error"), (4, "hidden row"), (5, "error")]
    assert "bad.example.org" in got[1][2] and got[1][3:] == [
        "Family1",
        "Given1",
        "Kazakhstan",
        "bad.example.org",
    ]
    assert "Atlantis" in got[3][2] and got[3][5] == "Atlantis"
    from saiga_desk.core.database import Database

    db = Database.open(db_path)
    with db.session() as s:
        assert set(s.scalars(select(m.Person.family_name))) == {"Family0"}
    db.close()
    # --errors names the workbook; a dry run writes it too and changes nothing
    target = tmp_path / "out" / "rejected.xlsx"
    target.parent.mkdir()
    args = [
        "--database",
        str(db_path),
        "import",
        "contacts",
        str(path),
        "--skip-invalid",
        "--errors",
        str(target),
    ]
    assert cli([*args, "--dry-run"]) == 0
    assert "3 rows not imported" in capsys.readouterr().out
    assert openpyxl.load_workbook(target).active.max_row == 4


def test_an_error_workbook_that_cannot_be_written_changes_nothing(db_path, tmp_path, capsys):
    from saiga_desk.core.database import Database

    path = _bad_file(tmp_path)
    db = Database.open(db_path)
    before = db_hash(db)
    db.close()
    target = tmp_path / "missing-folder" / "errors.xlsx"
    args = ["--database", str(db_path), "import", "contacts", str(path), "--skip-invalid", "--errors", str(target)]
    assert cli(args) == 1
    err = capsys.readouterr().err.strip()
    assert "cannot be written" in err and "Traceback" not in err and len(err.splitlines()) == 1
    db = Database.open(db_path)
    assert db_hash(db) == before
    db.close()
