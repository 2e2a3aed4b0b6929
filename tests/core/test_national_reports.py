"""National reports: a cycle for MOS4, received on time / late / waived, overdue, files stored once, undo."""

from __future__ import annotations

import datetime as dt

import pytest

from saiga_desk.core import national_reports as nr
from saiga_desk.core import services as sv
from saiga_desk.core.errors import SaigaError, ValidationError
from saiga_desk.paths import document_store_dir

TODAY = dt.date(2021, 9, 1)


def without_sample_cycle(db):
    """The demo holds a sample MOS4 cycle: start from none (reports go with their cycle)."""
    for cycle in sv.find(db, "reporting-cycles"):
        sv.delete(db, "reporting-cycles", cycle.id)
    assert sv.find(db, "national-reports") == []


def statuses(db) -> dict[str, str]:
    return {r.signatory: r.status for r in nr.overview(db, "MOS4", today=TODAY).rows}


def test_cycle_on_time_late_waived_and_the_overdue_list(demo_db, tmp_path):
    without_sample_cycle(demo_db)
    fmt = tmp_path / "format.docx"
    fmt.write_bytes(b"National Report Format, MOS4")
    cycle, step = nr.open_cycle(
        demo_db, "mos4", "2021-06-30", format_name="National Report Format", format_file=fmt
    )
    assert cycle.due_on == dt.date(2021, 6, 30) and cycle.format_file_name == "format.docx"
    assert sorted(kind for kind, _id in step.created) == ["national-reports"] * 5 + ["reporting-cycles"]
    assert set(statuses(demo_db).values()) == {"not_started"}

    report = tmp_path / "kaz-national-report.docx"
    report.write_bytes(b"Kazakhstan national report to MOS4")
    kaz, _s = nr.receive(demo_db, "MOS4", "KAZ", file=report, on="2021-06-14", language="ru")
    rus, _s = nr.receive(demo_db, "MOS4", "Russian Federation", on=dt.date(2021, 7, 19))
    mng, _s = nr.set_status(demo_db, "MOS4", "Монголия", "waived", note="Agreed by the Secretariat")
    assert (kaz.status, kaz.received_on, kaz.language) == ("submitted", dt.date(2021, 6, 14), "ru")
    assert kaz.submitted_by_id is not None  # the current contact point
    assert (rus.status, rus.received_on) == ("late", dt.date(2021, 7, 19))
    assert mng.status == "waived" and "Agreed by the Secretariat" in mng.notes

    ov = nr.overview(demo_db, "MOS4", today=TODAY)
    assert statuses(demo_db) == {"Kazakhstan": "submitted", "Russian Federation": "late", "Mongolia": "waived",
                                 "Turkmenistan": "not_started", "Uzbekistan": "not_started"}  # fmt: skip
    assert [r.signatory for r in ov.overdue] == ["Turkmenistan", "Uzbekistan"]
    assert [r.signatory for r in ov.to_remind] == ["Turkmenistan", "Uzbekistan"]
    assert all(r.contacts and "@example.org" in r.contacts[0] for r in ov.to_remind)
    assert ov.counts["submitted"] == 1 and ov.counts["late"] == 1 and ov.counts["waived"] == 1
    assert ov.counts["overdue"] == 2
    # before the due date nothing is overdue yet
    assert nr.overview(demo_db, "MOS4", today=dt.date(2021, 6, 1)).overdue == []
    # the listing agrees
    rows = {r["signatory"]: r for r in sv.iter_rows(demo_db, "national-reports")}
    assert (
        rows["Kazakhstan"]["file"] == "kaz-national-report.docx"
        and rows["Russian Federation"]["file"] is None
    )


def test_the_same_file_twice_is_stored_once(demo_db, tmp_path):
    without_sample_cycle(demo_db)
    nr.open_cycle(demo_db, "MOS4", "2021-06-30")
    first = tmp_path / "report.pdf"
    first.write_bytes(b"%PDF- the same content")
    again = tmp_path / "copy of report.pdf"
    again.write_bytes(first.read_bytes())
    rec, step = nr.receive(demo_db, "MOS4", "UZB", file=first, on="2021-06-20")
    assert step
    _rec, step2 = nr.receive(demo_db, "MOS4", "UZB", file=first, on="2021-06-25")
    _rec, step3 = nr.receive(demo_db, "MOS4", "UZB", file=again, on="2021-06-25")
    assert not step2 and not step3  # nothing new
    files = nr.report_files(demo_db, rec.id)
    assert len(files) == 1 and files[0].file_name == "report.pdf"
    stored = [p for p in document_store_dir().iterdir() if p.name.startswith(files[0].file_hash)]
    assert len(stored) == 1 and stored[0].read_bytes() == first.read_bytes()
    assert sv.get(demo_db, "national-reports", rec.id).received_on == dt.date(2021, 6, 20)
    # a second, different file (an annex) is kept beside it; the report keeps its first date
    annex = tmp_path / "annex.xlsx"
    annex.write_bytes(b"annex")
    nr.receive(demo_db, "MOS4", "UZB", file=annex, on="2021-07-02")
    assert len(nr.report_files(demo_db, rec.id)) == 2
    assert sv.get(demo_db, "national-reports", rec.id).status == "submitted"


def test_undo_of_each_step(demo_db, tmp_path):
    without_sample_cycle(demo_db)
    f = tmp_path / "kaz.docx"
    f.write_bytes(b"KAZ")
    _c, s1 = nr.open_cycle(demo_db, "MOS4", "2021-06-30")
    _r, s2 = nr.receive(demo_db, "MOS4", "KAZ", file=f, on="2021-06-14")
    _r, s3 = nr.receive(demo_db, "MOS4", "RUS", on="2021-07-19", language="en")
    _r, s4 = nr.set_status(demo_db, "MOS4", "MNG", "waived")
    n, s5 = nr.remind(demo_db, "MOS4", on=dt.date(2021, 7, 5))
    assert n == 2
    assert statuses(demo_db)["Turkmenistan"] == "requested"

    def report(code):
        ov = nr.overview(demo_db, "MOS4", today=TODAY)
        names = {"KAZ": "Kazakhstan", "RUS": "Russian Federation", "MNG": "Mongolia", "TKM": "Turkmenistan"}
        return next(r for r in ov.rows if r.signatory == names[code])

    changes = nr.undo(demo_db, s5)
    assert "national-reports" in changes.updated
    assert report("TKM").status == "not_started" and report("TKM").reminded_on is None
    nr.undo(demo_db, s4)
    assert report("MNG").status == "not_started"
    nr.undo(demo_db, s3)
    rus = report("RUS")
    assert (rus.status, rus.received_on, rus.language, rus.submitted_by) == ("not_started", None, None, "")
    nr.undo(demo_db, s2)
    assert report("KAZ").files == () and report("KAZ").status == "not_started"
    assert sv.find(demo_db, "national-report-files") == []
    nr.undo(demo_db, s1)
    assert sv.find(demo_db, "reporting-cycles") == [] and sv.find(demo_db, "national-reports") == []
    # every step is in the history
    actions = [h.action for h in sv.history(demo_db, "national-reports", s3.updated[0][1])]
    assert actions[0] == "create" and actions.count("update") >= 2


def test_amending_a_cycle_adds_organizations_once(demo_db):
    without_sample_cycle(demo_db)
    nr.open_cycle(demo_db, "MOS4", "2021-06-30")
    _c, step = nr.open_cycle(demo_db, "MOS4", "2021-07-31", include_organizations=True)
    assert sum(1 for k, _i in step.created if k == "national-reports") == 9
    _c, step = nr.open_cycle(demo_db, "MOS4", "2021-07-31", include_organizations=True)
    assert not step
    assert nr.overview(demo_db, "MOS4").due_on == dt.date(2021, 7, 31)


def test_refusals_change_nothing(demo_db, tmp_path):
    with pytest.raises(SaigaError, match="MOS9"):
        nr.open_cycle(demo_db, "MOS9", "2021-06-30")
    with pytest.raises(SaigaError, match="no national-report cycle"):
        nr.receive(demo_db, "MOS3", "KAZ")
    with pytest.raises(SaigaError, match="XYZ"):
        nr.receive(demo_db, "MOS4", "XYZ")
    with pytest.raises(ValidationError):
        nr.set_status(demo_db, "MOS4", "KAZ", "lost")
    with pytest.raises(ValidationError):
        nr.receive(demo_db, "MOS4", "UZB", language="de")
    with pytest.raises(SaigaError, match="cannot be attached"):
        nr.receive(demo_db, "MOS4", "UZB", file=tmp_path / "missing.pdf")
    assert statuses(demo_db)["Uzbekistan"] == "not_started"


def test_the_demo_cycle_is_sample_data(demo_db):
    ov = nr.overview(demo_db, "MOS4", today=TODAY)
    assert set(statuses(demo_db).values()) == {
        "submitted",
        "late",
        "in_preparation",
        "requested",
        "not_started",
    }
    assert all("Sample data" in (r.notes or "") for r in ov.rows)
    assert "Sample data" in ov.cycle.notes
