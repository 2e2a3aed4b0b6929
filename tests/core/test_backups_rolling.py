"""Rolling backups: consistent while the app holds the database, restore, pruning, the import guard."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import sqlite3
from pathlib import Path

import pytest

from saiga_desk.core import backups, preferences
from saiga_desk.core import services as sv
from saiga_desk.core.database import Database
from saiga_desk.core.errors import DatabaseOpenError, SaigaError


def _names(path: Path) -> list[str]:
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        assert con.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        return sorted(r[0] for r in con.execute("SELECT family_name FROM person"))
    finally:
        con.close()


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_backup_is_consistent_while_another_connection_writes(db, db_path):
    sv.create(db, "persons", {"family_name": "Before"})
    other = Database.open(db_path)  # a second Database object on the same file, like a second window
    try:
        sv.create(other, "persons", {"family_name": "Committed"})
        with other.session() as s:  # a write transaction left open while the backup runs
            from saiga_desk.core import models as m

            s.add(m.Person(family_name="Uncommitted", version=1))
            s.flush()
            first = backups.make_backup(db, "manual")
        sv.create(other, "persons", {"family_name": "After"})
    finally:
        other.close()
    assert first is not None and first.parent == backups.folder_for(db_path)
    assert _names(first) == ["Before", "Committed"]
    # the backup opens as a database of its own and holds the committed data only
    copy = Database.open(first)
    try:
        assert sorted(r.family_name for r in sv.find(copy, "persons")) == ["Before", "Committed"]
    finally:
        copy.close()
    second = backups.make_backup(db, "manual")
    assert second != first
    assert _names(second) == ["After", "Before", "Committed", "Uncommitted"]
    listed = backups.list_backups(db)
    assert [b.path for b in listed[:2]] == [second, first]
    assert all(b.size > 0 and b.reason == "manual" for b in listed[:2])


def test_restore_brings_back_the_old_data_and_keeps_the_current_file(db, db_path):
    sv.create(db, "persons", {"family_name": "Original"})
    saved = backups.make_backup(db, "manual")
    sv.create(db, "persons", {"family_name": "Later mistake"})
    db.close()
    kept = backups.restore(db_path, saved)
    assert kept.exists() and "before-restore" in kept.name
    assert _names(kept) == ["Later mistake", "Original"]
    assert not Path(str(db_path) + "-wal").exists() or Path(str(db_path) + "-wal").stat().st_size == 0
    reopened = Database.open(db_path)
    try:
        assert [r.family_name for r in sv.find(reopened, "persons")] == ["Original"]
        sv.create(reopened, "persons", {"family_name": "Works again"})
    finally:
        reopened.close()
    assert any(b.path == kept for b in backups.list_backups(db_path))


def test_restore_refuses_a_damaged_or_foreign_backup_and_changes_nothing(db, db_path, tmp_path):
    sv.create(db, "persons", {"family_name": "Keep me"})
    db.close()
    before = _digest(db_path)
    garbage = tmp_path / "broken.sqlite3"
    garbage.write_bytes(b"this is not a database at all" * 100)
    with pytest.raises(DatabaseOpenError):
        backups.restore(db_path, garbage)
    foreign = tmp_path / "foreign.sqlite3"
    con = sqlite3.connect(foreign)
    con.execute("CREATE TABLE notes (x)")
    con.commit()
    con.close()
    with pytest.raises(DatabaseOpenError):
        backups.restore(db_path, foreign)
    with pytest.raises(SaigaError):
        backups.restore(db_path, tmp_path / "missing.sqlite3")
    with pytest.raises(SaigaError):
        backups.restore(db_path, db_path)
    assert _digest(db_path) == before


def test_on_start_backs_up_once_a_day_and_respects_the_policy(db):
    first = backups.on_start(db)
    assert first is not None and first.exists() and backups.list_backups(db)[0].reason == "auto"
    assert backups.on_start(db) is None  # the newest backup is less than a day old
    # age the backup by renaming it with yesterday's stamp
    old_stamp = (dt.datetime.now() - dt.timedelta(days=1, minutes=5)).strftime(backups.STAMP)
    aged = first.with_name(f"{db.path.stem}-auto-{old_stamp}{first.suffix}")
    first.rename(aged)
    second = backups.on_start(db)
    assert second is not None and second != aged
    preferences.set_backup_policy(db, enabled=False)
    for b in backups.list_backups(db):
        b.path.unlink()
    assert backups.on_start(db) is None
    assert backups.list_backups(db) == []


def test_prune_keeps_the_configured_days_and_the_newest_few(db):
    folder = backups.folder_for(db.path)
    now = dt.datetime(2024, 5, 20, 12, 0, 0)
    made = {}
    for days in (0, 1, 5, 9, 11, 30, 40):
        stamp = (now - dt.timedelta(days=days)).strftime(backups.STAMP)
        p = folder / f"{db.path.stem}-auto-{stamp}.sqlite3"
        p.write_bytes(db.path.read_bytes())
        made[days] = p
    preferences.set_backup_policy(db, keep_days=10)
    assert preferences.backup_policy(db) == {"enabled": True, "keep_days": 10}
    removed = backups.prune(db, now=now)
    assert sorted(removed) == sorted([made[11], made[30], made[40]])
    assert sorted(b.path for b in backups.list_backups(db)) == sorted(made[d] for d in (0, 1, 5, 9))
    # however old, the newest three are never pruned
    removed = backups.prune(db, keep_days=1, now=now + dt.timedelta(days=365))
    assert sorted(removed) == [made[9]]
    assert len(backups.list_backups(db)) == 3


def test_upgrade_backups_beside_the_file_are_listed(db, db_path):
    beside = db_path.with_name(f"{db_path.stem}.before-upgrade-20240101-101010{db_path.suffix}")
    beside.write_bytes(db_path.read_bytes())
    listed = backups.list_backups(db)
    assert [b.reason for b in listed] == ["before-upgrade"]
    assert listed[0].created == dt.datetime(2024, 1, 1, 10, 10, 10)
    assert backups.prune(db, keep_days=1) == []  # never deletes beside the database
    assert beside.exists()


def test_two_databases_with_the_same_name_keep_separate_backups(tmp_path, db_path):
    other_dir = tmp_path / "other"
    other_dir.mkdir()
    other_path = other_dir / db_path.name
    other_path.write_bytes(db_path.read_bytes())
    a, b = Database.open(db_path), Database.open(other_path)
    try:
        backups.make_backup(a, "manual")
        assert backups.list_backups(b) == []
        assert backups.folder_for(db_path) != backups.folder_for(other_path)
        assert (backups.folder_for(db_path) / "source.txt").read_text().strip() == str(db_path.resolve())
    finally:
        a.close()
        b.close()


def test_postgres_like_databases_are_left_alone():
    class Server:
        path = None
        is_sqlite = False

    assert backups.on_start(Server()) is None
    assert backups.before_import(Server()) is None
    assert backups.list_backups(Server()) == []
    assert backups.prune(Server(), 5) == []


def test_settings_round_trip_and_validation(db):
    from saiga_desk.core.errors import ValidationError

    assert preferences.get(db, "missing", 7) == 7
    assert preferences.report_language(db) == "en"
    preferences.put(db, "symbol_prefix", {"mos": "UNEP/CMS/Saiga"})
    assert preferences.get(db, "symbol_prefix") == {"mos": "UNEP/CMS/Saiga"}
    preferences.set_report_language(db, "ru")
    assert preferences.report_language(db) == "ru"
    with pytest.raises(ValidationError):
        preferences.set_report_language(db, "fr")
    preferences.set_letterhead(db, {"organization": "Saiga MOU Secretariat", "email": "saiga@cms.int"})
    assert preferences.letterhead(db)["organization"] == "Saiga MOU Secretariat"
    with pytest.raises(ValidationError):
        preferences.set_letterhead(db, {"email": "not an address"})
    with pytest.raises(ValidationError):
        preferences.set_backup_policy(db, keep_days=0)
    preferences.put(db, "symbol_prefix", None)
    assert "symbol_prefix" not in preferences.keys(db)


def test_demo_letterhead_is_readable(demo_db):
    head = preferences.letterhead(demo_db)
    assert "UNEP/CMS" in head["organization"] and head["email"].endswith("cms.int")


def test_backup_folder_is_under_the_data_dir(db):
    from saiga_desk.paths import data_dir

    folder = backups.folder_for(db.path)
    assert folder.parent == data_dir() / "backups"
    assert os.path.commonpath([folder, data_dir()]) == str(data_dir())
