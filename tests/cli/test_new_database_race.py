"""Two officers, one new database: two processes opening a database at once that has no tables yet (or an
older schema) do not both create its tables. One upgrades it holding the write lock; the other waits,
finds it done, and both commands succeed (before: 6 failures in 16, "table country already exists" or
"holds other data; it is not a Saiga Desk database"). SQLite and PostgreSQL."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from saiga_desk.core import migrate
from tests.conftest import PG_URL, _reset_postgres

ROOT = Path(__file__).resolve().parents[2]
ROUNDS = 6


def _both(target: str, data_dir: Path) -> list[subprocess.CompletedProcess]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "SAIGA_DESK_DATA_DIR": str(data_dir)}
    cmd = [sys.executable, "-m", "saiga_desk.cli.main", "--database", target, "list", "signatories"]
    procs = [subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for _ in range(2)]  # fmt: skip
    return [subprocess.CompletedProcess(p.args, p.wait(timeout=120), *p.communicate()) for p in procs]


def _revision(url: str) -> str:
    engine = create_engine(url)
    with engine.connect() as con:
        rev = con.execute(text("SELECT version_num FROM alembic_version")).scalar_one()
    engine.dispose()
    return rev


def _check(done: list[subprocess.CompletedProcess]) -> None:
    for p in done:
        assert p.returncode == 0, p.stderr
        assert "Traceback" not in p.stderr and "0 rows" in p.stdout


def test_two_processes_open_a_new_sqlite_file_at_once(tmp_path):
    for i in range(ROUNDS):
        target = tmp_path / f"new{i}.sqlite3"
        _check(_both(str(target), tmp_path))
        assert _revision(f"sqlite:///{target}") == migrate.light_head()


@pytest.mark.postgres
def test_two_processes_open_a_new_postgresql_database_at_once(tmp_path):
    if not PG_URL:
        pytest.skip("SAIGA_DESK_TEST_DATABASE_URL is not set")
    for _ in range(3):
        _reset_postgres(PG_URL)
        _check(_both(PG_URL, tmp_path))
        assert _revision(PG_URL) == migrate.light_head()
