"""core/failures.explain without the command line: real errors become one sentence naming the database
given as ``target`` (found only when a sentence needs it), a file, or an option; a bug stays None."""

from __future__ import annotations

import errno
import sqlite3

import pytest
from sqlalchemy import create_engine, text

from saiga_desk.core.failures import explain


@pytest.fixture
def engine(tmp_path):
    engine = create_engine(f"sqlite:///{tmp_path / 'x.sqlite3'}")
    with engine.begin() as con:
        con.execute(text("CREATE TABLE t (id INTEGER PRIMARY KEY, n INTEGER CONSTRAINT n_positive CHECK (n > 0))"))
    yield engine
    engine.dispose()


def _raised(engine, sql):
    with pytest.raises(Exception) as caught, engine.begin() as con:
        con.execute(text(sql))
    return caught.value


def test_the_target_is_named_and_asked_only_when_needed(engine, tmp_path):
    asked = []

    def target():
        asked.append(1)
        return "/data/office.sqlite3"

    error = sqlite3.OperationalError("attempt to write a readonly database")
    assert explain(error, target) == (
        "/data/office.sqlite3 is read-only (the file, its folder or the disk): nothing was changed.")  # fmt: skip
    assert explain(error).startswith("the database is read-only")
    asked.clear()
    assert "rule n_positive" in explain(_raised(engine, "INSERT INTO t (n) VALUES (-1)"), target)
    assert not asked  # a rule of the records needs no database name


def test_os_errors_name_their_file_else_the_target(tmp_path):
    full = OSError(errno.ENOSPC, "No space left on device", str(tmp_path / "all.xlsx"))
    assert explain(full, "db") == f"Cannot use {tmp_path / 'all.xlsx'}: the disk is full."
    assert explain(OSError(errno.EROFS, "Read-only file system"), "/media/db.sqlite3") == (
        "Cannot use /media/db.sqlite3: the disk is read-only.")  # fmt: skip


def test_options_name_the_value(engine):
    assert explain(OverflowError("int too big"), options={"batch": 10**30}) == (
        f"batch {10**30} is too large; nothing was changed.")  # fmt: skip
    line = explain(UnicodeEncodeError("utf-8", "\udcff", 0, 1, "surrogates"), options={"file": "\udcffx.csv"})
    assert line.startswith("file '\\udcffx.csv' is not valid UTF-8")


def test_a_bug_is_not_explained():
    assert explain(RuntimeError("boom")) is None
    assert explain(KeyError("x"), "db") is None
