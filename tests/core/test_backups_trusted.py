"""Backups that can be trusted: a checksum written with every backup, and a restore that refuses a
damaged backup (flipped bytes, invalid text, broken references) before it replaces anything, leaving no
stray file beside the backup or the database."""

from __future__ import annotations

import hashlib
import random
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from saiga_desk.core import backups, integrity
from saiga_desk.core import services as sv
from saiga_desk.core.backup_checksum import checksum_path, read_checksum, sha256_of
from saiga_desk.core.backup_restore import restore_in_place
from saiga_desk.core.database import Database
from saiga_desk.core.errors import CancelledError, DatabaseOpenError, Progress
from saiga_desk.core.text import sort_key_bytes

CASES = 50
STRAY = ("-wal", "-shm", "-journal", ".part", ".restoring")


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _strays(*folders: Path) -> list[str]:
    return sorted(p.name for f in folders for p in f.iterdir() if p.name.endswith(STRAY))


def _flip(src: Path, dest: Path, seed: int) -> int:
    """``src`` copied to ``dest`` with one byte changed at a random (seeded) offset; the offset."""
    rnd = random.Random(seed)
    data = bytearray(src.read_bytes())
    offset = rnd.randrange(len(data))
    data[offset] ^= rnd.randrange(1, 256)
    dest.write_bytes(bytes(data))
    return offset


@pytest.fixture
def backup(demo_db) -> Path:
    sv.create(demo_db, "persons", {"family_name": "Backed-up", "email": "backed.up@example.org"})
    return backups.make_backup(demo_db, "manual")


def test_every_backup_carries_its_checksum(demo_db, backup, tmp_path):
    assert read_checksum(backup) == sha256_of(backup)
    assert checksum_path(backup).read_text() == f"{sha256_of(backup)}  {backup.name}\n"  # sha256sum -c
    assert subprocess.run(["sha256sum", "-c", checksum_path(backup).name], cwd=backup.parent,
                          capture_output=True).returncode == 0  # fmt: skip
    assert [b.path for b in backups.list_backups(demo_db)] == [backup]  # the checksum is not a backup
    out = demo_db.backup(tmp_path / "out" / "copy.sqlite3")  # db backup -o FILE
    assert read_checksum(out) == sha256_of(out)
    assert backups.verify(backup).checksum and backups.verify(out).checksum
    assert _strays(backup.parent, out.parent) == []


def test_restore_refuses_every_flipped_byte_and_accepts_the_intact_backup(
    demo_db, demo_path, backup, tmp_path
):
    demo_db.close()
    before = _digest(demo_path)
    cases = tmp_path / "cases"
    cases.mkdir()
    reasons = []
    for seed in range(CASES):
        case = cases / f"case{seed}.sqlite3"
        _flip(backup, case, seed)
        shutil.copy(checksum_path(backup), checksum_path(case))  # the checksum written with the backup
        with pytest.raises(DatabaseOpenError) as refused:
            backups.restore(demo_path, case)
        message = str(refused.value)
        assert str(case) in message and "\n" not in message and "Traceback" not in message
        reasons.append(message)
        assert _digest(demo_path) == before
    assert all("checksum" in r for r in reasons)
    assert _strays(cases, demo_path.parent, backup.parent) == []
    kept = backups.restore(demo_path, backup)  # the intact one is accepted
    assert "before-restore" in kept.name and read_checksum(kept) == sha256_of(kept)
    db = Database.open(demo_path)
    try:
        assert sv.find(db, "persons", email="backed.up@example.org")
    finally:
        db.close()
    assert _strays(cases, backup.parent) == []


def test_without_a_checksum_the_content_checks_refuse_what_they_can_see(backup, tmp_path):
    """An older backup (no checksum): a flip that breaks the structure, a reference or the text is refused;
    one that leaves a sound file (a changed letter, an unused byte) cannot be told and is accepted."""
    refused = accepted = 0
    cases = tmp_path / "cases"
    cases.mkdir()
    for seed in range(CASES):
        case = cases / f"old{seed}.sqlite3"
        _flip(backup, case, 1000 + seed)
        try:
            verified = backups.verify(case)
        except DatabaseOpenError as e:
            assert str(e).startswith(f"The backup {case} cannot be restored: ") and "\n" not in str(e)
            assert "checksum" not in str(e).removeprefix(f"The backup {case}")
            refused += 1
            continue
        assert not verified.checksum
        con = sqlite3.connect(f"{case.as_uri()}?mode=ro&immutable=1", uri=True)
        try:  # what was accepted is sound: the restored database opens, reads and checks clean
            assert con.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
            assert integrity.invalid_text(con) is None
        finally:
            con.close()
        accepted += 1
    print(f"without a checksum: {refused} of {CASES} flips refused by the content checks")
    assert refused > 0 and refused + accepted == CASES
    assert _strays(cases) == []


def _backup_with(db, tmp_path, sql: str) -> Path:
    """A backup (with its checksum) of a database changed by raw SQL the app would never write."""
    db.close()
    con = sqlite3.connect(db.path)
    con.create_function("saiga_sort_key_bytes", 1, sort_key_bytes)  # the persons' order triggers need it
    con.execute("PRAGMA foreign_keys=OFF")
    con.execute(sql)
    con.commit()
    con.close()
    reopened = Database.open(db.path, migrate=False)
    try:
        return backups.make_backup(reopened, "manual")
    finally:
        reopened.close()


def test_invalid_utf8_text_is_refused(demo_db, tmp_path):
    pid = sv.create(demo_db, "persons", {"family_name": "Ivanova"}).id
    bad = _backup_with(
        demo_db, tmp_path, f"UPDATE person SET family_name = CAST(X'49C3A9C328' AS TEXT) WHERE id = {pid}"
    )
    assert read_checksum(bad) == sha256_of(bad)  # a faithful copy of a file holding bad text
    with pytest.raises(DatabaseOpenError, match=rf"family_name of person #{pid} is not valid text"):
        backups.restore(demo_db.path, bad)


def test_a_reference_to_a_missing_record_is_refused(demo_db, tmp_path):
    pid = sv.create(demo_db, "persons", {"family_name": "Orphan"}).id
    bad = _backup_with(demo_db, tmp_path, f"UPDATE person SET organization_id = 987654 WHERE id = {pid}")
    with pytest.raises(DatabaseOpenError, match=rf"person #{pid} refers to a missing row of organization"):
        backups.verify(bad)


def test_restore_in_place_refuses_before_closing_anything(demo_db, backup, tmp_path):
    (tmp_path / "cases").mkdir()
    case = tmp_path / "cases" / "flipped.sqlite3"
    _flip(backup, case, 7)
    shutil.copy(checksum_path(backup), checksum_path(case))
    before = sv.find(demo_db, "persons", family_name="Backed-up")
    with pytest.raises(DatabaseOpenError, match="checksum"):
        restore_in_place(demo_db, case)
    assert sv.find(demo_db, "persons", family_name="Backed-up") == before  # still open, unchanged
    sv.create(demo_db, "persons", {"family_name": "After"})
    restore_in_place(demo_db, backup)
    assert not sv.find(demo_db, "persons", family_name="After")
    assert _strays(case.parent, backup.parent) == []


def test_a_failed_backup_leaves_no_part_file(demo_db, tmp_path):
    def stop(done, total, text):
        raise CancelledError("stop")

    progress = Progress(stop)
    with pytest.raises(CancelledError):
        demo_db.backup(tmp_path / "out" / "cancelled.sqlite3", progress=progress)
    assert list((tmp_path / "out").iterdir()) == []


def _cli(*args):
    return subprocess.run([sys.executable, "-m", "saiga_desk.cli.main", *args], capture_output=True, text=True,
                          timeout=120)  # fmt: skip


def test_the_command_line_refuses_in_one_sentence_and_notes_an_old_backup(
    demo_db, demo_path, backup, tmp_path
):
    demo_db.close()
    before = _digest(demo_path)
    (tmp_path / "cases").mkdir()
    case = tmp_path / "cases" / "flipped.sqlite3"
    _flip(backup, case, 3)
    shutil.copy(checksum_path(backup), checksum_path(case))
    r = _cli("--database", str(demo_path), "backups", "restore", str(case))
    assert r.returncode == 1 and "Traceback" not in r.stderr and "Unexpected" not in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1 and "checksum" in r.stderr and str(case) in r.stderr
    assert _digest(demo_path) == before
    old = tmp_path / "cases" / "old.sqlite3"
    shutil.copy(backup, old)  # a backup made before checksums were written
    r = _cli("--database", str(demo_path), "backups", "restore", str(old))
    assert r.returncode == 0, r.stderr
    assert "no checksum" in r.stdout
    assert _strays(case.parent) == [] and not list(demo_path.parent.glob("*.restoring"))


def test_db_check_names_text_that_is_not_utf8(demo_db):
    pid = sv.create(demo_db, "persons", {"family_name": "Ivanova"}).id
    assert integrity.problems(demo_db) == []
    with demo_db.engine.begin() as con:
        con.exec_driver_sql(f"UPDATE person SET family_name = CAST(X'49C3A9C328' AS TEXT) WHERE id = {pid}")
    assert integrity.problems(demo_db) == [f"The family_name of person #{pid} is not valid text (not UTF-8)."]
