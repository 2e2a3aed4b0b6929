"""Opening databases: pragmas, refusing what must be refused without touching it, upgrades with backup."""

from __future__ import annotations

import hashlib
import sqlite3

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from saiga_desk.core import migrate, search_index
from saiga_desk.core import services as sv
from saiga_desk.core.database import Database
from saiga_desk.core.errors import DatabaseOpenError
from saiga_desk.core.models import Base


def digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_foreign_keys_are_enforced(db):
    with pytest.raises(IntegrityError), db.engine.begin() as con:
        con.execute(text("INSERT INTO person (family_name, version, search_text, created_at, updated_at, "
                         "organization_id) VALUES ('Orphan', 1, '', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 9999)"))
    with db.engine.connect() as con:
        assert con.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert con.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert con.execute(text("SELECT count(*) FROM person")).scalar() == 0


# the unique email index is an expression index (core/person_email.py), skipped by name; SQLAlchemy warns
# while reflecting it
@pytest.mark.filterwarnings("ignore:Skipped unsupported reflection of expression-based index")
def test_migrations_build_exactly_the_models(any_db):
    with any_db.engine.connect() as con:
        opts = {"compare_type": True, "include_name": lambda name, _t, _p: not search_index.is_index_object(name)}
        diff = compare_metadata(MigrationContext.configure(con, opts=opts), Base.metadata)
    assert diff == []
    assert migrate.status(any_db)["up_to_date"]


def test_countries_are_loaded_with_russian_names(db):
    rows = sv.find(db, "countries", code="KAZ")
    assert rows[0].name_en == "Kazakhstan" and rows[0].name_ru == "Казахстан"
    assert len(sv.query_ids(db, "countries")) >= 249


def test_older_database_is_upgraded_after_a_backup(tmp_path):
    path = tmp_path / "old.sqlite3"
    old = Database.open(path, migrate=False)
    migrate.upgrade_to_head(old, target="0001")
    with old.engine.begin() as con:
        con.execute(text("INSERT INTO organization (name_en, kind, version, search_text, created_at, updated_at) "
                         "VALUES ('Old Org', 'ngo', 1, 'old org', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"))
    old.close()
    assert "setting" not in [r[0] for r in sqlite3.connect(path).execute("select name from sqlite_master")]

    db = Database.open(path)
    try:
        assert migrate.status(db)["up_to_date"]
        assert "setting" in db.table_names()
        assert [r.name_en for r in sv.find(db, "organizations")] == ["Old Org"]
    finally:
        db.close()
    backups = list(tmp_path.glob("old.before-upgrade-*.sqlite3"))
    assert len(backups) == 1
    con = sqlite3.connect(backups[0])
    assert con.execute("select version_num from alembic_version").fetchone() == ("0001",)
    assert con.execute("select name_en from organization").fetchall() == [("Old Org",)]
    con.close()


def test_newer_database_is_refused_untouched(db_path):
    con = sqlite3.connect(db_path)
    con.execute("UPDATE alembic_version SET version_num = '9999_future'")
    con.commit()
    con.close()
    before = digest(db_path)
    with pytest.raises(DatabaseOpenError, match="newer version of Saiga Desk"):
        Database.open(db_path)
    assert digest(db_path) == before
    assert not list(db_path.parent.glob("*before-upgrade*"))


def test_garbage_file_is_refused_untouched(tmp_path):
    path = tmp_path / "notes.sqlite3"
    path.write_bytes(b"These are my notes, not a database.\n" * 50)
    before = digest(path)
    with pytest.raises(DatabaseOpenError, match="not a Saiga Desk database"):
        Database.open(path)
    assert digest(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.sqlite3"]


def test_corrupt_database_is_refused_untouched(demo_path):
    data = bytearray(demo_path.read_bytes())
    page = 4096
    assert len(data) > 6 * page
    for i in range(2 * page, 5 * page):  # smash pages of the b-trees, keep the header
        data[i] = 0x5A
    demo_path.write_bytes(bytes(data))
    before = digest(demo_path)
    with pytest.raises(DatabaseOpenError, match="damaged"):
        Database.open(demo_path)
    assert digest(demo_path) == before


def test_foreign_sqlite_database_is_refused(tmp_path):
    path = tmp_path / "other.db"
    con = sqlite3.connect(path)
    con.execute("create table recipes (name text)")
    con.commit()
    con.close()
    before = digest(path)
    with pytest.raises(DatabaseOpenError, match="not a Saiga Desk database"):
        Database.open(path)
    assert digest(path) == before


def test_backup_is_consistent_while_open(demo_db, tmp_path):
    writer = Database.open(demo_db.path)
    sv.create(writer, "organizations", {"name_en": "Written before the backup", "kind": "ngo"})
    dest = demo_db.backup(tmp_path / "copy.sqlite3")
    writer.close()
    con = sqlite3.connect(dest)
    assert con.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    names = {r[0] for r in con.execute("select name_en from organization")}
    con.close()
    assert "Written before the backup" in names
    copy = Database.open(dest)
    assert len(sv.query_ids(copy, "signatories")) == 14
    copy.close()
