"""An import refused midway leaves the latest backup and the database intact."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import openpyxl
import pytest

from saiga_desk.core import backups
from saiga_desk.core import services as sv
from saiga_desk.core.errors import CancelledError, InputError, Progress, SaigaError

HEADER = ["Title", "First name", "Last name", "Position", "Organization", "Country", "E-mail"]
ROWS = [
    ["Mr", "Yerlan", "Nurmukhambetov", "Director", "Ministry of Ecology", "Kazakhstan", "yerlan@eco.gov.kz"],
    ["Ms", "Bolormaa", "Dorj", "Officer", "Ministry of Environment", "Mongolia", "bolormaa@mne.gov.mn"],
    ["Mr", "Akmal", "Karimov", "Specialist", "State Committee on Ecology", "Uzbekistan", "akmal@eco.gov.uz"],
]


def _contacts(path: Path) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Contacts"
    for r in [HEADER, *ROWS]:
        ws.append(r)
    wb.save(path)
    return path


def _state(db) -> tuple[str, list[str]]:
    """(sha256 of the checkpointed main file, logical dump) of the database."""
    with db.engine.connect() as con:
        con.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    con = sqlite3.connect(f"file:{db.path}?mode=ro", uri=True)
    try:
        dump = list(con.iterdump())
    finally:
        con.close()
    return hashlib.sha256(db.path.read_bytes()).hexdigest(), dump


def _persons(path: Path) -> list[str]:
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        assert con.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        return sorted(r[0] for r in con.execute("SELECT family_name FROM person"))
    finally:
        con.close()


def test_broken_file_is_refused_after_the_backup_and_changes_nothing(db, tmp_path):
    sv.create(db, "persons", {"family_name": "Existing"})
    before = _state(db)
    backup = backups.before_import(db)
    assert backup is not None and backup.exists()
    broken = tmp_path / "contacts.xlsx"
    broken.write_bytes(b"PK\x03\x04 this zip ends here")
    from saiga_desk.io.import_commit import import_file

    with pytest.raises(SaigaError) as caught:
        import_file(db, broken)
    assert isinstance(caught.value, InputError) and "contacts.xlsx" in str(caught.value)
    assert _state(db) == before
    latest = backups.list_backups(db)[0]
    assert latest.path == backup and latest.reason == "before-import"
    assert _persons(backup) == ["Existing"]


def test_import_refused_midway_rolls_back_everything(db, tmp_path):
    from saiga_desk.io.contact_import import plan_import
    from saiga_desk.io.import_commit import commit_import

    sv.create(db, "persons", {"family_name": "Existing"})
    source = _contacts(tmp_path / "contacts.xlsx")
    plan = plan_import(db, source)
    assert sum(1 for r in plan.rows if r.status == "new") == 3
    before = _state(db)
    assert backups.list_backups(db) == []
    seen = []

    def stop_after_the_rows_are_written(done, total, text):
        seen.append(text)
        if done and done == total:  # every person is inserted in the open transaction by now
            raise CancelledError("The officer pressed Cancel.")

    with pytest.raises(CancelledError):
        commit_import(db, plan, progress=Progress(callback=stop_after_the_rows_are_written))
    assert seen, "the import never reported progress, so it was not stopped midway"
    assert _state(db) == before
    assert [r.family_name for r in sv.find(db, "persons")] == ["Existing"]
    made = backups.list_backups(db)  # the import itself took a backup before writing
    assert len(made) == 1 and made[0].reason == "before-import"
    assert _persons(made[0].path) == ["Existing"]
    # the same file then imports whole
    commit_import(db, plan_import(db, source))
    assert len(sv.find(db, "persons")) == 4
