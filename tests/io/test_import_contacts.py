"""The import engine against a real SQLite file: outcomes, refusals that change nothing, undo, round trip."""

from __future__ import annotations

import json

import import_corpus as corpus
import openpyxl
import pytest
from import_corpus import count, db_hash
from sqlalchemy import func, select

from saiga_desk.cli.main import main as cli
from saiga_desk.core import models as m
from saiga_desk.core.errors import InputError
from saiga_desk.io.contact_import import commit_import, plan_import, undo_batch, write_error_report


@pytest.mark.parametrize("name", sorted(corpus.ALL_REFUSED) + ["empty", "header_only", "no_header"])
def test_refused_file_leaves_database_byte_for_byte_unchanged(demo_db, tmp_path, name):
    path = corpus.make(name, tmp_path)
    before = db_hash(demo_db)
    with pytest.raises(InputError):
        plan = plan_import(demo_db, path)
        commit_import(demo_db, plan)
    assert db_hash(demo_db) == before


@pytest.mark.parametrize("name", ["title_rows", "russian", "kazakh", "mongolian", "bilingual", "two_sheets",
                                  "lying_dimension", "hidden_rows", "csv_cp1251", "csv_utf8_comma"])  # fmt: skip
def test_layouts_and_languages_are_recognized(db, tmp_path, name):
    plan = plan_import(db, corpus.make(name, tmp_path))
    assert {"family_name", "email"} <= set(plan.mapping)
    assert all(r.status == "new" for r in plan.rows)
    first = plan.rows[0].values
    assert first["family_name"] in ("Nurmukhambetov", "Ёлкин", "Dorj")
    if name == "two_sheets":
        assert plan.sheet == "NCP list" and len(plan.rows) == 4
    if name == "title_rows":
        assert plan.header_row == 4 and plan.rows[0].row == 5
    if name == "hidden_rows":
        assert any("hidden" in p.message for p in plan.rows[1].warnings)


def test_duplicates_within_the_file(db, tmp_path):
    plan = plan_import(db, corpus.make("duplicates", tmp_path))
    status = {r.row: (r.status, r.duplicate_of) for r in plan.rows}
    assert status == {2: ("new", None), 3: ("duplicate", 2), 4: ("duplicate", 2), 5: ("duplicate", 2),
                      6: ("new", None), 7: ("duplicate", 6), 8: ("new", None), 9: ("duplicate", 8),
                      10: ("new", None)}  # fmt: skip
    res = commit_import(db, plan)
    assert (res.created, res.skipped) == (4, 5)


def test_invalid_emails_block_until_rejected(db, tmp_path):
    path = corpus.make("emails", tmp_path)
    plan = plan_import(db, path)
    bad = [r for r in plan.rows if r.status == "error"]
    assert [r.row for r in bad] == [6, 7, 8] and all(r.errors[0].column == "B" for r in bad)
    assert {r.values["email"] for r in plan.rows if r.status == "new"} == {
        "good@example.org",
        "иван@пример.рф",
        "user@münchen.de",
        "a@example.org",
    }
    before = db_hash(db)
    with pytest.raises(InputError) as e:
        commit_import(db, plan)
    assert "emails.xlsx" in str(e.value) and "row 6" in str(e.value) and "column B" in str(e.value)
    assert db_hash(db) == before
    report = tmp_path / "errors.xlsx"
    assert write_error_report(plan, report) == 3
    ws = openpyxl.load_workbook(report).active
    assert ws.cell(2, 1).value == 6 and ws.cell(2, 5).value == "bad.example.org"
    bad[0].accepted = False
    bad[1].reject("email")
    bad[2].accepted = False
    res = commit_import(db, plan)
    assert res.created == 5
    with db.session() as s:
        assert s.scalar(select(m.Person.email).where(m.Person.family_name == "TwoAt")) is None


def test_values_stored_as_written(db, tmp_path):
    for name in ("phones", "unicode", "formulas", "dates_1904", "serial_dates"):
        # the formulas file names "Plus" again without an email: a possible match, updated only on request
        plan = plan_import(db, corpus.make(name, tmp_path), match_names=name == "formulas")
        for r in plan.rows:
            if r.status == "error":
                r.accepted = False
        commit_import(db, plan)
    with db.session() as s:
        got = {p.family_name: p for p in s.scalars(select(m.Person))}
    assert got["Plus"].phone == "+77172740000" and got["Plus"].mobile == "+7 (701) 123-45-67"
    assert got["Zero"].phone == "0097651266286" and got["Number"].phone == "77172740000"
    for i, text in enumerate(corpus.ODD):
        assert got[f"P{i}"].position == text.strip()
    assert got["Text"].position == "=SUM(A1)" and got["Text"].notes == "@mention"
    assert got["Plus"].notes == "-minus"  # the formulas file matched the same "Plus" person by name
    assert got["Cached"].notes == "2" and got["Nocache"].notes is None


def test_designate_supersedes_and_undo_restores(demo_db, tmp_path):
    before_des = count(demo_db, m.Designation)
    with demo_db.session() as s:
        closed_before = s.scalar(select(func.count()).where(m.Designation.valid_to.is_not(None)))
    path = corpus.make("title_rows", tmp_path)
    plan = plan_import(demo_db, path, designate=True)
    res = commit_import(demo_db, plan)
    assert res.created == 3 and res.designations_created == 3 and res.designations_superseded == 3
    with demo_db.session() as s:
        closed = s.scalars(select(m.Designation).where(m.Designation.valid_to.is_not(None))).all()
        assert len(closed) == closed_before + 3
        assert sum(1 for d in closed if d.superseded_by_id and d.superseded_by_id > before_des) == 3
        batch = s.get(m.ImportBatch, res.batch_id)
        assert (batch.created, batch.file_name, batch.sheet) == (3, "title_rows.xlsx", "Contacts")
    assert count(demo_db, m.Designation) == before_des + 3
    again = plan_import(demo_db, path, designate=True)
    assert {r.status for r in again.rows} == {"unchanged"}
    undo_batch(demo_db, res.batch_id)
    assert count(demo_db, m.Designation) == before_des
    with demo_db.session() as s:
        assert s.scalar(select(func.count()).where(m.Designation.valid_to.is_not(None))) == closed_before


def test_changed_fields_and_mapping_memory(db, tmp_path):
    rows = [corpus.EN, *corpus.people(2)]
    first = corpus.xlsx(tmp_path / "a.xlsx", rows)
    commit_import(db, plan_import(db, first))
    rows[1][3] = "Deputy Director"
    rows[2][7] = "+976 11 000000"
    second = corpus.xlsx(tmp_path / "b.xlsx", rows)
    plan = plan_import(db, second)
    assert plan.remembered
    assert [r.status for r in plan.rows] == ["changed", "changed"]
    assert plan.rows[0].changes == {"position": ("Director", "Deputy Director")}
    plan.rows[1].reject("phone")
    commit_import(db, plan)
    with db.session() as s:
        phones = dict(s.execute(select(m.Person.family_name, m.Person.phone)).all())
        positions = dict(s.execute(select(m.Person.family_name, m.Person.position)).all())
    assert phones["Dorj"] == "+976 51 266286" and positions["Nurmukhambetov"] == "Deputy Director"


def test_import_export_import_has_no_changes(db, tmp_path):
    plan = plan_import(db, corpus.make("title_rows", tmp_path))
    commit_import(db, plan)
    from saiga_desk.core.tables import iter_rows, table

    cols = [c for c in table("persons").columns if c.key in
            ("honorific", "given_name", "family_name", "position", "organization", "email", "phone", "country")]  # fmt: skip
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append([c.title for c in cols])
    for row in iter_rows(db, "persons"):
        ws.append([row[c.key] for c in cols])
    out = tmp_path / "export.xlsx"
    wb.save(out)
    again = plan_import(db, out)
    assert len(again.rows) == 3 and {r.status for r in again.rows} == {"unchanged"}


def test_cli_json_and_exit_codes(demo_path, tmp_path, capsys):
    good = corpus.make("russian", tmp_path)
    assert cli(["--database", str(demo_path), "import", "contacts", str(good), "--dry-run", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert (out["status"], out["created"], out["sheet"], out["header_row"]) == ("dry-run", 3, "Контакты", 1)
    bad = corpus.make("emails", tmp_path)
    assert cli(["--database", str(demo_path), "import", "contacts", str(bad), "--json"]) == 1
    captured = capsys.readouterr()
    out = json.loads(captured.out)
    assert out["status"] == "rejected" and out["errors"][0] == {
        "sheet": "Contacts",
        "row": 6,
        "column": "B",
        "message": out["errors"][0]["message"],
    }
    assert "emails.xlsx" in captured.err and "row 6" in captured.err
    xls = corpus.make("xls", tmp_path)
    assert cli(["--database", str(demo_path), "import", "contacts", str(xls)]) == 1
    assert "Excel 97-2003" in capsys.readouterr().err
    assert cli(["--database", str(demo_path), "import", "contacts", str(good), "--designate"]) == 0
    assert "3 new" in capsys.readouterr().out


def test_participants_variant(demo_db, tmp_path):
    with demo_db.session() as s:
        meeting = s.scalars(select(m.Meeting).order_by(m.Meeting.id)).first()
    path = corpus.xlsx(tmp_path / "p.xlsx", [["Family name", "Given name", "Delegation", "Role", "E-mail"],
                                             ["Dorj", "Bolormaa", "Mongolia", "Head of delegation", "b@mne.gov.mn"],
                                             ["Smith", "Ann", "WWF", "Observer", "ann@wwf.example.org"]])  # fmt: skip
    plan = plan_import(demo_db, path, kind="participants", meeting_id=meeting.id)
    res = commit_import(demo_db, plan)
    assert res.created == 2
    with demo_db.session() as s:
        got = s.scalars(select(m.Participant).where(m.Participant.import_batch_id == res.batch_id)).all()
        assert sorted(p.role for p in got) == ["head_of_delegation", "observer"]
        assert any(p.signatory_id for p in got) and any(p.organization_id for p in got)
    undo_batch(demo_db, res.batch_id)
    with demo_db.session() as s:
        assert s.scalar(select(func.count()).where(m.Participant.import_batch_id == res.batch_id)) == 0


def test_two_primary_contact_points_of_one_signatory_in_a_file_are_refused(demo_db, tmp_path):
    """Issue 19, item 6: one primary contact point per Signatory at a time, in a contact list too."""
    rows = [corpus.EN, *corpus.people(2)]
    rows[2][5] = rows[1][5]  # both in Kazakhstan, both primary (the default role)
    plan = plan_import(demo_db, corpus.xlsx(tmp_path / "two.xlsx", rows), designate=True)
    second = plan.rows[1]
    assert second.status == "error"
    assert any("Row 2 already makes the primary contact point of Kazakhstan" in p.message for p in second.errors)
    assert plan.rows[0].status != "error"
