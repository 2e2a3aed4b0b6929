"""Undo from the command line, the list of imports, a cancelled commit that changes nothing, and the fast
bulk path writing exactly what the services would (search column, audit entries)."""

from __future__ import annotations

import json

import import_corpus as corpus
import pytest
import xlsxwriter
from import_corpus import count, db_hash
from sqlalchemy import select

from saiga_desk.cli.main import main as cli
from saiga_desk.core import models as m
from saiga_desk.core.database import Database
from saiga_desk.core.derived import NOT_AUDITED
from saiga_desk.core.entities import entity
from saiga_desk.core.errors import CancelledError, Progress
from saiga_desk.core.text import search_key
from saiga_desk.core.unit_of_work import to_record
from saiga_desk.io.contact_import import commit_import, plan_import, undo_batch


def big_file(path, rows: int):
    wb = xlsxwriter.Workbook(str(path), {"strings_to_numbers": False})
    ws = wb.add_worksheet("Contacts")
    ws.write_row(0, 0, [*corpus.EN, "Contact point role"])
    for i in range(1, rows + 1):  # one primary contact point per Signatory: the others are alternates
        ws.write_row(i, 0, ["Ms", f"Given{i}", f"Family{i}", "Officer", f"Agency {i % 7}", "Mongolia",
                            f"p{i}@example.org", f"+976 {i:06d}", "primary" if i == 1 else "alternate"])  # fmt: skip
    wb.close()
    return path


@pytest.mark.parametrize("stage", ["Writing", "Recording the audit trail"])
def test_cancelled_commit_changes_nothing(demo_db, tmp_path, stage):
    plan = plan_import(demo_db, big_file(tmp_path / "big.xlsx", 4500), designate=True)
    persons, audits, batches = (
        count(demo_db, m.Person),
        count(demo_db, m.AuditEntry),
        count(demo_db, m.ImportBatch),
    )
    before = db_hash(demo_db)
    seen = []

    def on_report(done, total, text):
        seen.append((done, text))
        if text == stage and (done > 0 or stage != "Writing"):
            progress.cancel()  # the next report raises; the rows already written must vanish

    progress = Progress(on_report)
    with pytest.raises(CancelledError):
        commit_import(demo_db, plan, progress=progress)
    assert any(t == stage for _d, t in seen)
    assert db_hash(demo_db) == before
    assert (count(demo_db, m.Person), count(demo_db, m.AuditEntry), count(demo_db, m.ImportBatch)) == (
        persons, audits, batches)  # fmt: skip
    # the same plan still commits afterwards
    res = commit_import(demo_db, plan)
    assert res.created == 4500 and count(demo_db, m.Person) == persons + 4500


def test_bulk_rows_match_the_services(db, tmp_path):
    """Created persons get the same search column as core.text.search_key, and one audit entry each (who,
    when, batch, the name and every value it was created with, as a unit of work's create stores them);
    updates keep field-level old -> new."""
    plan = plan_import(db, corpus.make("unicode", tmp_path))
    res = commit_import(db, plan)
    fields = entity("persons").search_fields
    with db.session() as s:
        people = s.scalars(select(m.Person).where(m.Person.import_batch_id == res.batch_id)).all()
        assert len(people) == res.created > 0
        for p in people:
            assert p.search_text == search_key(*(getattr(p, f) for f in fields))
            assert (p.version, p.created_at) == (1, p.updated_at)
        entries = s.scalars(select(m.AuditEntry).where(m.AuditEntry.batch_id == res.batch_id,
                                                       m.AuditEntry.entity == "person")).all()  # fmt: skip
        assert sorted(e.entity_id for e in entries) == sorted(p.id for p in people)
        by_id = {p.id: p for p in people}
        for e in entries:
            p = by_id[e.entity_id]
            assert (e.action, e.at) == ("create", p.created_at) and e.actor
            created = {
                k: [None, v] for k, v in to_record(p).items() if k not in NOT_AUDITED and v is not None
            }
            assert json.loads(e.changes) == created and created["family_name"][1]
            assert e.summary == " ".join(x for x in (p.given_name, p.family_name) if x)[:500]
    rows = [corpus.EN, *corpus.people(2)]
    commit_import(db, plan_import(db, corpus.xlsx(tmp_path / "a.xlsx", rows)))
    rows[1][3] = "Deputy Director"
    res = commit_import(db, plan_import(db, corpus.xlsx(tmp_path / "b.xlsx", rows)))
    with db.session() as s:
        e = s.scalars(select(m.AuditEntry).where(m.AuditEntry.batch_id == res.batch_id)).one()
    assert (e.action, json.loads(e.changes)) == ("update", {"position": ["Director", "Deputy Director"]})


def test_cli_lists_and_undoes_batches(demo_path, tmp_path, capsys):
    db = Database.open(demo_path)
    persons = count(db, m.Person)
    db.close()
    args = ["--database", str(demo_path), "import"]
    assert cli([*args, "batches"]) == 0
    assert "No imports yet" in capsys.readouterr().out
    assert cli([*args, "contacts", str(corpus.make("title_rows", tmp_path)), "--json"]) == 0
    batch = json.loads(capsys.readouterr().out)["batch"]
    assert cli([*args, "contacts", str(corpus.make("russian", tmp_path))]) == 0
    capsys.readouterr()
    assert cli([*args, "batches"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].split()[:3] == ["Id", "When", "(UTC)"]
    assert out[1].split()[0] == str(batch + 1) and "russian.xlsx" in out[1]  # newest first
    assert "title_rows.xlsx" in out[2] and out[2].split()[-4:] == ["3", "0", "0", "0"]
    assert cli([*args, "undo", str(batch), "--json"]) == 0
    got = json.loads(capsys.readouterr().out)
    assert (got["status"], got["batch"]) == ("undone", batch) and got["deleted"] >= 3
    assert cli([*args, "batches", "--json"]) == 0
    listed = {b["id"]: b for b in json.loads(capsys.readouterr().out)}
    assert listed[batch]["undone_at"] and listed[batch]["file_name"] == "title_rows.xlsx"
    assert listed[batch + 1]["undone_at"] is None and listed[batch + 1]["created"] == 0  # matched by name
    assert cli([*args, "undo", str(batch)]) == 1
    assert "already undone" in capsys.readouterr().err
    assert cli([*args, "undo", "9999"]) == 1
    assert "no import #9999" in capsys.readouterr().err
    db = Database.open(demo_path)
    assert count(db, m.Person) == persons
    db.close()


def test_undo_restores_updates_and_deletes_creations(db, tmp_path):
    rows = [corpus.EN, *corpus.people(3)]
    first = commit_import(db, plan_import(db, corpus.xlsx(tmp_path / "a.xlsx", rows)))
    rows[1][3] = "Minister"
    rows.append(["Mr", "New", "Person", "Clerk", "Ministry of Ecology", "Kazakhstan", "new@eco.gov.kz", ""])
    second = commit_import(db, plan_import(db, corpus.xlsx(tmp_path / "b.xlsx", rows)))
    assert (second.created, second.updated) == (1, 1)
    before = count(db, m.Person)
    got = undo_batch(db, second.batch_id)
    assert got == {"batch": second.batch_id, "deleted": 1, "restored": 1}
    with db.session() as s:
        assert (
            s.scalar(select(m.Person.position).where(m.Person.family_name == "Nurmukhambetov")) == "Director"
        )
    assert count(db, m.Person) == before - 1
    assert first.batch_id < second.batch_id
