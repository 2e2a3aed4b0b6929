"""The command line, run as a real process."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest


def run(*args, env=None, check=False):
    e = dict(os.environ)
    e.update(env or {})
    return subprocess.run([sys.executable, "-m", "saiga_desk.cli.main", *args], capture_output=True, text=True,
                          env=e, check=check, timeout=120)


def test_demo_then_list_signatories_json(tmp_path):
    db = tmp_path / "x.db"
    r = run("--database", str(db), "demo")
    assert r.returncode == 0, r.stderr
    r = run("--database", str(db), "list", "signatories", "--format", "json")
    assert r.returncode == 0, r.stderr
    rows = json.loads(r.stdout)
    assert [x["name"] for x in rows if x["kind"] == "state"] == [
        "Kazakhstan", "Mongolia", "Russian Federation", "Turkmenistan", "Uzbekistan"]
    assert len([x for x in rows if x["kind"] == "organization"]) == 9
    assert {"id", "name", "acronym", "signed_on"} <= set(rows[0])


def test_environment_variable_and_csv(tmp_path):
    db = tmp_path / "env.db"
    assert run("demo", env={"SAIGA_DESK_DATABASE": str(db)}).returncode == 0
    r = run("list", "contact-points", "--format", "csv", "--as-at", "2018-01-01",
            env={"SAIGA_DESK_DATABASE": str(db)})
    assert r.returncode == 0
    lines = r.stdout.strip().splitlines()
    assert lines[0].startswith("id,signatory,") and "Жұмабеков" in lines[1] and len(lines) == 2


def test_bad_input_exit_codes_and_no_traceback(tmp_path):
    garbage = tmp_path / "garbage.db"
    garbage.write_text("not a database")
    r = run("--database", str(garbage), "list", "persons")
    assert r.returncode == 1 and "not a Saiga Desk database" in r.stderr and "Traceback" not in r.stderr
    r = run("--database", str(tmp_path / "ok.db"), "list", "no-such-table")
    assert r.returncode == 2 and "Traceback" not in r.stderr
    r = run("--database", str(tmp_path / "ok.db"), "list", "persons", "--as-at", "2020-01-01")
    assert r.returncode == 1 and "contact-points" in r.stderr


def test_db_check_backup_upgrade(tmp_path):
    db = tmp_path / "x.db"
    assert run("--database", str(db), "demo").returncode == 0
    r = run("--database", str(db), "db", "check")
    assert r.returncode == 0 and "Integrity: ok" in r.stdout
    r = run("--database", str(db), "db", "backup", "-o", str(tmp_path / "b.db"))
    assert r.returncode == 0 and (tmp_path / "b.db").exists()
    r = run("--database", str(tmp_path / "b.db"), "list", "meetings", "--format", "json")
    assert "MOS4" in {m["code"] for m in json.loads(r.stdout)}
    assert run("--database", str(db), "db", "upgrade").returncode == 0


def test_importing_the_cli_does_not_import_qt():
    code = ("import sys, saiga_desk.cli.main as m; m.build_parser(); "
            "import saiga_desk.cli.basic; "
            "bad = [k for k in sys.modules if k.startswith('PySide6')]; print(bad); sys.exit(1 if bad else 0)")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, r.stdout + r.stderr


@pytest.mark.skipif(not os.environ.get("SAIGA_DESK_TEST_DATABASE_URL"), reason="no PostgreSQL configured")
def test_cli_on_postgresql():
    from tests.conftest import _reset_postgres

    url = os.environ["SAIGA_DESK_TEST_DATABASE_URL"]
    _reset_postgres(url)
    assert run("--database", url, "demo").returncode == 0
    r = run("--database", url, "list", "signatories", "--format", "json")
    assert len(json.loads(r.stdout)) == 14
