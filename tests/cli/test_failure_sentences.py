"""cli/failures.explain: real errors (a real SQLite database, real OS refusals) become one sentence naming
the file or option; a true bug stays None (then "Unexpected error" with the log)."""

from __future__ import annotations

import argparse
import errno
import sqlite3

import pytest
from sqlalchemy import create_engine, text

from saiga_desk.cli.failures import explain
from tests.conftest import PG_URL


def _args(db_file, **options):
    return argparse.Namespace(database=str(db_file), db=None, **options)


def _raised(engine, sql, **params):
    with pytest.raises(Exception) as caught, engine.begin() as con:
        con.execute(text(sql), params)
    return caught.value


@pytest.fixture
def engine(tmp_path):
    engine = create_engine(f"sqlite:///{tmp_path / 'x.sqlite3'}")
    with engine.begin() as con:
        con.execute(text("CREATE TABLE t (id INTEGER PRIMARY KEY, n INTEGER NOT NULL CHECK (n > 0), "
                         "CONSTRAINT uq_n UNIQUE (n))"))  # fmt: skip
        con.execute(text("INSERT INTO t (n) VALUES (1)"))
    yield engine
    engine.dispose()


def test_constraints_name_the_rule(engine, tmp_path):
    args = _args(tmp_path / "x.sqlite3")
    assert "rule t.n" in explain(_raised(engine, "INSERT INTO t (n) VALUES (1)"), args)
    assert "rule n > 0" in explain(_raised(engine, "INSERT INTO t (n) VALUES (-1)"), args)
    line = explain(_raised(engine, "INSERT INTO t (n) VALUES (NULL)"), args)
    assert line.startswith("The records do not allow this change") and line.endswith("nothing was changed.")


def test_a_number_too_large_names_its_option(engine, tmp_path):
    error = _raised(engine, "SELECT * FROM t WHERE id = :id", id=10**30)
    line = explain(error, _args(tmp_path / "x.sqlite3", batch=10**30))
    assert line == f"batch {10**30} is too large; nothing was changed."
    assert "too large" in explain(OverflowError("int too big"), _args(tmp_path / "x.sqlite3"))
    line = explain(error, _args(tmp_path / "x.sqlite3", ids=[1, 10**30]))  # a list of ids (not-duplicates)
    assert line == f"ids {10**30} is too large; nothing was changed."


def test_read_only_full_and_busy_databases(tmp_path):
    args = _args(tmp_path / "x.sqlite3")
    name = str(tmp_path / "x.sqlite3")
    assert explain(sqlite3.OperationalError("attempt to write a readonly database"), args) == (
        f"{name} is read-only (the file, its folder or the disk): nothing was changed.")  # fmt: skip
    assert "disk is full" in explain(sqlite3.OperationalError("database or disk is full"), args)
    assert "is busy" in explain(sqlite3.OperationalError("database is locked"), args)


def test_os_refusals_name_the_file(tmp_path):
    args = _args(tmp_path / "x.sqlite3")
    full = OSError(errno.ENOSPC, "No space left on device", str(tmp_path / "out.xlsx"))
    assert explain(full, args) == f"Cannot use {tmp_path / 'out.xlsx'}: the disk is full."
    with pytest.raises(OSError) as caught:
        open(tmp_path / "missing" / "x.txt")  # noqa: SIM115
    assert explain(caught.value, args).endswith("x.txt: it does not exist.")
    name = b"/tmp/\xff.xlsx"
    line = explain(OSError(errno.EROFS, "Read-only file system", name), args)
    assert line == "Cannot use /tmp/\\udcff.xlsx: the disk is read-only."


def test_text_that_is_not_utf8_names_the_option(tmp_path):
    bad = b"\xff.xlsx".decode("utf-8", "surrogateescape")
    try:
        bad.encode("utf-8")
    except UnicodeError as e:
        error = e
    line = explain(error, _args(tmp_path / "x.sqlite3", file=bad))
    assert line == "file '\\udcff.xlsx' is not valid UTF-8 text; rename it or give another."


def test_a_csv_the_reader_cannot_parse_names_the_file(tmp_path):
    import csv

    big = tmp_path / "long.csv"
    big.write_text("a,b\n" + "x" * 200_000 + ",y\n", encoding="utf-8")
    with pytest.raises(csv.Error) as caught, open(big, newline="", encoding="utf-8") as f:
        list(csv.reader(f))
    line = explain(caught.value, _args(tmp_path / "x.sqlite3", file=str(big)))
    assert line == f"Cannot read {big}: field larger than field limit (131072); nothing was changed."


def test_a_true_bug_is_left_unexplained(tmp_path):
    assert explain(KeyError("oops"), _args(tmp_path / "x.sqlite3")) is None
    assert explain(AttributeError("x"), _args(tmp_path / "x.sqlite3")) is None


def test_a_postgresql_lock_timeout_is_busy(tmp_path):
    """PostgreSQL's lock timeout (SQLSTATE 55P03) reads as SQLite's busy database: the same sentence."""
    if not PG_URL:
        pytest.skip("SAIGA_DESK_TEST_DATABASE_URL is not set")
    engine = create_engine(PG_URL)
    try:
        with engine.begin() as con:
            con.execute(text("CREATE TABLE IF NOT EXISTS lock_probe (id INTEGER PRIMARY KEY)"))
            con.execute(text("INSERT INTO lock_probe VALUES (1) ON CONFLICT DO NOTHING"))
        with engine.connect() as holder:
            holder.execute(text("SELECT id FROM lock_probe WHERE id = 1 FOR UPDATE"))
            with pytest.raises(Exception) as caught, engine.begin() as con:
                con.execute(text("SET LOCAL lock_timeout = '50ms'"))
                con.execute(text("UPDATE lock_probe SET id = 1 WHERE id = 1"))
            holder.rollback()
        assert getattr(caught.value.orig, "sqlstate", None) == "55P03"
        line = explain(caught.value, argparse.Namespace(database=PG_URL, db=None))
        assert "is busy (another program is writing to it); nothing was changed, try again." in line, line
    finally:
        with engine.begin() as con:
            con.execute(text("DROP TABLE IF EXISTS lock_probe"))
        engine.dispose()
