"""A registration list imported into a meeting: reviewed, committed, undone; a refused file changes nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from openpyxl import Workbook
from sqlalchemy import func, select

from saiga_desk.core import meetings as mt
from saiga_desk.core import models as m
from saiga_desk.core import services as sv
from saiga_desk.core.errors import InputError
from saiga_desk.io import contact_import, import_commit


def _xlsx(path, rows):
    wb = Workbook()
    ws = wb.active
    ws.title = "Registration"
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


def _snapshot(db, meeting_id):
    with db.session() as s:
        return (
            s.scalar(select(func.count(m.AuditEntry.id))),
            s.scalar(select(func.count(m.Person.id))),
            sorted(
                (p.person_id, p.status, p.role)
                for p in s.scalars(select(m.Participant).where(m.Participant.meeting_id == meeting_id))
            ),
        )


@pytest.fixture
def mos5(demo_db):
    meeting = sv.create(
        demo_db,
        "meetings",
        dict(code="MOS5", title_en="Fifth Meeting", kind="mos", start_date=dt.date(2026, 10, 5)),
    )
    assert len(mt.invite_signatories(demo_db, meeting.id, include_organizations=False).created) == 5
    return meeting


HEADER = ["Family name", "Given name", "E-mail", "Delegation", "Role", "Status"]


def test_registration_list_imports_with_review_and_undo(demo_db, mos5, tmp_path):
    path = _xlsx(tmp_path / "registration.xlsx", [
        HEADER,
        ["Ёлкина", "Алёна", "alyona.yolkina@example.org", "Russian Federation", "Head of delegation", "Registered"],
        ["Dorj", "Bolormaa", "bolormaa.dorj@example.org", "Mongolia", "Delegate", "registered"],
    ])  # fmt: skip
    before = _snapshot(demo_db, mos5.id)
    plan = contact_import.plan_import(demo_db, str(path), kind="participants", meeting_id=mos5.id)
    # review before anything is written: the known contact point is a change, the newcomer is new
    assert [r.status for r in plan.rows] == ["changed", "new"]
    assert plan.rows[0].changes["participant.status"] == ("invited", "registered")
    assert plan.blocking() == []
    assert _snapshot(demo_db, mos5.id) == before  # planning reads only

    result = import_commit.commit_import(demo_db, plan)
    assert result.status == "imported" and result.created == 1
    counts = mt.participant_counts(demo_db, mos5.id)
    assert counts["by_status"]["registered"] == 2 and counts["by_status"]["invited"] == 4
    assert counts["total"] == 6  # the contact point was not added twice
    rows = sv.fetch_rows(
        demo_db, "participants", sv.query_ids(demo_db, "participants", filters={"meeting_id": mos5.id})
    )
    dorj = next(r for r in rows if r["family_name"] == "Dorj")
    assert dorj["delegation"] == "Mongolia" and dorj["status"] == "registered"

    import_commit.undo_batch(demo_db, result.batch_id)
    assert mt.participant_counts(demo_db, mos5.id)["by_status"]["invited"] == 5
    assert mt.participant_counts(demo_db, mos5.id)["total"] == 5


def test_refused_registration_list_changes_nothing(demo_db, mos5, tmp_path):
    before = _snapshot(demo_db, mos5.id)
    bad = _xlsx(tmp_path / "bad.xlsx", [
        HEADER,
        ["Ёлкина", "Алёна", "alyona.yolkina@example.org", "Russian Federation", "Head of delegation", "registered"],
        ["Dorj", "Bolormaa", "bolormaa.dorj@example.org", "Mongolia", "Delegate", "maybe later"],
    ])  # fmt: skip
    plan, result = import_commit.import_file(demo_db, str(bad), kind="participants", meeting_id=mos5.id)
    assert result.status == "rejected"
    assert any(p.row == 3 and p.column == "F" for p in result.errors), result.errors
    assert _snapshot(demo_db, mos5.id) == before

    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"PK\x03\x04 this is not a workbook")
    with pytest.raises(InputError):
        import_commit.import_file(demo_db, str(broken), kind="participants", meeting_id=mos5.id)
    assert _snapshot(demo_db, mos5.id) == before


def test_registration_list_on_the_command_line_imports_the_valid_rows_with_skip_invalid(
    demo_db, mos5, tmp_path, capsys
):
    import json

    import openpyxl

    from saiga_desk.cli.main import main as cli

    path = _xlsx(tmp_path / "registration.xlsx", [
        HEADER,
        ["Ёлкина", "Алёна", "alyona.yolkina@example.org", "Russian Federation", "Head of delegation", "registered"],
        ["Dorj", "Bolormaa", "bolormaa.dorj@example.org", "Mongolia", "Delegate", "maybe later"],
        ["Ким", "Анна", "anna.kim@example", "Kazakhstan", "Delegate", "registered"],
    ])  # fmt: skip
    target = str(demo_db.path)
    demo_db.close()
    before = _snapshot(demo_db, mos5.id)
    # whole or nothing without the flag: refused, the way to import the good row said
    assert cli(["--database", target, "import", "participants", str(path), "--meeting", "MOS5"]) == 1
    assert "--skip-invalid" in capsys.readouterr().err and _snapshot(demo_db, mos5.id) == before
    assert cli(["--database", target, "import", "participants", str(path), "--meeting", "MOS5",
                "--skip-invalid", "--json"]) == 0  # fmt: skip
    out = json.loads(capsys.readouterr().out)
    assert out["status"] == "imported" and out["skipped"] == 2
    assert {r["row"] for r in out["rejected_rows"]} == {3, 4}
    assert out["errors_file"] == str(tmp_path / "registration-errors.xlsx")
    got = [list(r) for r in openpyxl.load_workbook(out["errors_file"]).active.iter_rows(values_only=True)]
    assert [r[0] for r in got[1:]] == [3, 4] and got[1][3] == "Dorj" and got[2][3] == "Ким"
    counts = mt.participant_counts(demo_db, mos5.id)
    assert counts["by_status"]["registered"] == 1 and counts["total"] == 5
