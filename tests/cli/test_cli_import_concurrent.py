"""Two officers, one database (issue 12, part 4): two ``import contacts`` processes at once never duplicate a
person or an organization, on SQLite and on PostgreSQL; the unique folded-email index refuses a duplicate
written directly; migration 0007 on a database that already holds duplicates; the command line waits
for, then refuses, a running Saiga Desk window's instance lock."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import create_engine, func, select, text
from sqlalchemy.exc import IntegrityError

from saiga_desk.core import instance_lock, migrate, person_email
from saiga_desk.core import models as m
from saiga_desk.core import services as sv
from saiga_desk.core.database import Database
from saiga_desk.core.errors import DuplicateError
from tests.conftest import PG_URL, _reset_postgres

ROOT = Path(__file__).resolve().parents[2]
ROUNDS = 20
ROWS = 300
HEADER = ["First name", "Last name", "Organization", "Country", "E-mail"]
ORGS = ["Agency of Wetlands", "Committee of Steppe Ecosystems", "Ministry of Migratory Species"]


def contacts(path: Path, tag: str, n: int = ROWS, orgs=ORGS) -> Path:
    """``n`` distinct people with distinct emails (names made unique by ``tag``), in a real .xlsx."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Contacts"
    ws.append(HEADER)
    for i in range(n):
        ws.append([f"Given{tag}x{i}", f"Family{tag}x{i}", orgs[i % len(orgs)], "Kazakhstan",
                   f"person.{tag}.{i}@example.org"])  # fmt: skip
    wb.save(path)
    return path


def _env(target: str, **extra) -> dict:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "SAIGA_DESK_DATABASE": target, "SAIGA_DESK_USER": "officer"}
    env.update(extra)
    return env


def start(target: str, file: Path, **extra) -> subprocess.Popen:
    cmd = [sys.executable, "-m", "saiga_desk.cli.main", "import", "contacts", str(file), "--json"]
    return subprocess.Popen(cmd, env=_env(target, **extra), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)  # fmt: skip


def finish(p) -> tuple[int, dict, str]:
    out, err = p.communicate(timeout=120)
    return p.returncode, (json.loads(out) if out.strip() else {}), err


def counts(db) -> tuple[int, int]:
    with db.session() as s:
        persons = s.scalar(select(func.count()).select_from(m.Person))
        orgs = s.scalar(select(func.count()).select_from(m.Organization))
    return persons, orgs


def _target(kind: str, tmp_path: Path, db_path: Path) -> str:
    if kind == "sqlite":
        return str(db_path)
    if not PG_URL:
        pytest.skip("SAIGA_DESK_TEST_DATABASE_URL is not set")
    _reset_postgres(PG_URL)
    return PG_URL


@pytest.mark.parametrize("kind", ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def test_two_imports_of_the_same_file_at_once_create_each_person_once(kind, tmp_path, db_path):
    """Twenty times: two processes import the same new 300-row file at once. Each round's people exist
    once; the second process finds them under the write lock and leaves them unchanged (before the fix:
    each round created them twice on PostgreSQL, often on SQLite)."""
    target = _target(kind, tmp_path, db_path)
    db = Database.open(target)
    try:
        base_persons, base_orgs = counts(db)
        for r in range(ROUNDS):
            file = contacts(tmp_path / f"round{r}.xlsx", f"r{r}")
            db.engine.dispose()  # no connection of this process is inherited by the children
            pair = [start(target, file), start(target, file)]  # the command itself, twice at once
            results = [finish(p) for p in pair]
            for code, out, err in results:
                assert code == 0, (r, err)
                assert out["status"] == "imported"
            persons, orgs = counts(db)
            assert persons == base_persons + ROWS * (r + 1), (r, [o for _c, o, _e in results])
            assert orgs == base_orgs + len(ORGS), r
            created = sorted(out["created"] for _c, out, _e in results)
            unchanged = sorted(out["unchanged"] for _c, out, _e in results)
            assert created == [0, ROWS] and unchanged == [0, ROWS], (r, created, unchanged)
    finally:
        db.close()


@pytest.mark.parametrize("kind", ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def test_disjoint_files_at_once_create_their_organizations_once(kind, tmp_path, db_path):
    target = _target(kind, tmp_path, db_path)
    db = Database.open(target)
    try:
        base_persons, base_orgs = counts(db)
        for r in range(2):
            orgs = [f"{name} round {r}" for name in ORGS]
            a = contacts(tmp_path / f"a{r}.xlsx", f"a{r}", 120, orgs)
            b = contacts(tmp_path / f"b{r}.xlsx", f"b{r}", 120, orgs)
            results = [finish(p) for p in (start(target, a), start(target, b))]
            assert all(code == 0 for code, _o, _e in results), results
            assert counts(db) == (base_persons + 240 * (r + 1), base_orgs + len(ORGS) * (r + 1))
        with db.session() as s:
            names = s.scalars(select(m.Organization.name_en)).all()
        assert len(names) == len(set(names))
    finally:
        db.close()


@pytest.mark.parametrize("kind", ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def test_the_unique_index_refuses_a_duplicate_email_written_directly(kind, tmp_path, db_path):
    target = _target(kind, tmp_path, db_path)
    db = Database.open(target)
    try:
        first = sv.create(db, "persons", {"family_name": "Dorj", "email": "Bolormaa@mne.gov.mn"})
        with pytest.raises(DuplicateError, match=f"#{first.id}"):  # the unit of work says so in a sentence
            sv.create(db, "persons", {"family_name": "Dorj", "email": "bolormaa@MNE.gov.mn"})
        insert = text("INSERT INTO person (family_name, email, version, search_text, created_at, updated_at) "
                      "VALUES ('Dorj', :e, 1, '', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)")  # fmt: skip
        for spelling in ("bolormaa@mne.gov.mn", " BOLORMAA@mne.gov.mn "):
            with pytest.raises(IntegrityError), db.engine.begin() as con:  # the database itself refuses
                con.execute(insert, {"e": spelling})
        with db.engine.begin() as con:  # persons without an address are many
            con.execute(insert, {"e": None})
            con.execute(insert, {"e": None})
            con.execute(insert, {"e": ""})
            con.execute(insert, {"e": ""})
        assert counts(db)[0] == 5
    finally:
        db.close()


def test_migration_on_a_database_with_duplicate_emails_leaves_them_and_adds_the_index_once_merged(tmp_path):
    path = tmp_path / "old.sqlite3"
    old = Database.open(path, migrate=False)
    migrate.upgrade_to_head(old, target="0006_search_index")
    insert = text("INSERT INTO person (family_name, email, version, search_text, created_at, updated_at) "
                  "VALUES (:f, :e, 1, '', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)")  # fmt: skip
    with old.engine.begin() as con:
        for family, email in (("Amanov", "a.amanov@example.org"), ("Amanov", "A.Amanov@example.org "),
                              ("Batsukh", "b@example.org"), ("Kassymova", None), ("Yolkina", None)):  # fmt: skip
            con.execute(insert, {"f": family, "e": email})
    old.close()
    db = Database.open(path)  # upgraded: nothing changed, nothing lost, no index yet
    try:
        assert migrate.status(db)["up_to_date"]
        with db.engine.connect() as con:
            assert not person_email.has_index(con)
            assert person_email.duplicate_groups(con) == [[1, 2]]
            assert [r[0] for r in con.execute(text("SELECT email FROM person ORDER BY id"))] == [
                "a.amanov@example.org", "A.Amanov@example.org ", "b@example.org", None, None]  # fmt: skip
        with pytest.raises(DuplicateError):  # the writers still refuse new duplicates
            sv.create(db, "persons", {"family_name": "Batsukh", "email": "B@example.org"})
        sv.delete(db, "persons", 2)  # the officer merged (here: removed) the duplicate
    finally:
        db.close()
    db = Database.open(path)  # opened again: the index is created now
    try:
        with db.engine.connect() as con:
            assert person_email.has_index(con)
        with pytest.raises(IntegrityError), db.engine.begin() as con:
            con.execute(insert, {"f": "Amanov", "e": "A.AMANOV@example.org"})
    finally:
        db.close()
    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as con:  # the database is at the newest revision
        assert con.execute(text("SELECT version_num FROM alembic_version")).scalar() == migrate.head_revision()
    engine.dispose()


def test_the_command_line_waits_for_a_running_window_then_refuses_naming_it(tmp_path, db_path):
    file = contacts(tmp_path / "few.xlsx", "w", 5)
    lock = instance_lock.acquire(db_path)  # as the window takes it (ui/first_start.py)
    assert lock is not None
    try:
        began = time.monotonic()
        code, out, err = finish(start(str(db_path), file, SAIGA_DESK_LOCK_WAIT="1"))
        assert code == 1 and time.monotonic() - began >= 1
        assert "is open in Saiga Desk by" in err and str(os.getpid()) in err and "nothing was changed" in err
        db = Database.open(db_path)
        try:
            assert counts(db)[0] == 0
        finally:
            db.close()
        # the window closes while the command waits: the import goes through
        threading.Timer(1.0, lock.release).start()
        code, out, err = finish(start(str(db_path), file, SAIGA_DESK_LOCK_WAIT="30"))
        assert code == 0 and out["created"] == 5, err
    finally:
        lock.release()
