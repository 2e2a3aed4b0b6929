"""Opening costs a cheap look; the full check runs at most once a day and before backups, restores and
upgrades, and a damage only it can see is refused there and reported."""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest

from saiga_desk.core import backups, integrity, migrate, search_index
from saiga_desk.core.database import Database
from saiga_desk.core.errors import DatabaseOpenError


def _damage_the_end(path) -> None:
    """Smash the last pages (leaves no cheap look reads), keep the header and the first pages."""
    data = bytearray(path.read_bytes())
    page = 4096
    for i in range(len(data) - 3 * page, len(data) - page):
        data[i] = 0x5A
    path.write_bytes(bytes(data))


def test_open_takes_a_cheap_look_and_the_full_check_finds_the_rest(demo_path, tmp_path):
    _damage_the_end(demo_path)
    assert integrity.full_check(demo_path) is not None
    before = hashlib.sha256(demo_path.read_bytes()).hexdigest()
    db = Database.open(demo_path)  # no whole-file read on the way in
    try:
        with pytest.raises(DatabaseOpenError, match="damaged"):
            backups.make_backup(db, "manual")
        assert integrity.is_due(demo_path)  # found damaged: checked (and reported) again next start
        reported = []
        thread = integrity.check_in_background(demo_path, reported.append)
        thread.join(timeout=30)
        assert len(reported) == 1 and "damaged" in reported[0]
    finally:
        db.close()
    with pytest.raises(DatabaseOpenError, match="damaged"):
        backups.verify(demo_path)
    assert not list(tmp_path.glob("*.part"))
    assert hashlib.sha256(demo_path.read_bytes()).hexdigest() == before


def test_upgrade_refuses_a_damaged_file(demo_path):
    old = Database.open(demo_path)
    with old.engine.begin() as con:  # back to the schema before the search index
        search_index.drop(con)
        con.exec_driver_sql("UPDATE alembic_version SET version_num = '0002'")
    old.close()
    assert not migrate.light_head() == "0002"
    _damage_the_end(demo_path)
    with pytest.raises(DatabaseOpenError, match="damaged"):
        Database.open(demo_path)
    assert not list(demo_path.parent.glob("*before-upgrade*"))


def test_the_full_check_runs_once_a_day(demo_path):
    assert integrity.is_due(demo_path)
    assert integrity.check_if_due(demo_path) is None
    assert not integrity.is_due(demo_path)
    assert integrity.check_in_background(demo_path, lambda _m: None) is None  # not due: no thread
    assert integrity.is_due(demo_path, now=dt.datetime.now() + dt.timedelta(days=1, minutes=1))
