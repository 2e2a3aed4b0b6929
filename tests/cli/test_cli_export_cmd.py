"""export / template / review-pack / import all on the command line, as a real process."""

from __future__ import annotations

import os
import subprocess
import sys

from sqlalchemy import select

from saiga_desk.core import services as sv
from saiga_desk.core.database import Database
from saiga_desk.io.workbook_all import data_tables


def run(*args):
    return subprocess.run([sys.executable, "-m", "saiga_desk.cli.main", *args], capture_output=True, text=True,
                          env=dict(os.environ), timeout=180)  # fmt: skip


def dump(path):
    db = Database.open(path)
    try:
        with db.engine.connect() as con:
            return {
                t.name: con.execute(select(t).order_by(*t.primary_key.columns)).all() for t in data_tables()
            }
    finally:
        db.close()


def test_export_table_all_and_import_all(demo_path, tmp_path):
    import openpyxl

    out = tmp_path / "cp.xlsx"
    r = run("--database", str(demo_path), "export", "contact-points", "-o", str(out), "--search", "қасым")
    assert r.returncode == 0, r.stderr
    rows = list(openpyxl.load_workbook(out, read_only=True).worksheets[0].iter_rows(values_only=True))
    assert len(rows) == 2 and "Қасымова" in rows[1]

    out = tmp_path / "persons.xlsx"
    r = run("--database", str(demo_path), "export", "persons", "-o", str(out), "--sort", "family_name", "--desc",
            "--columns", "family_name,email")  # fmt: skip
    assert r.returncode == 0, r.stderr
    rows = list(openpyxl.load_workbook(out, read_only=True).worksheets[0].iter_rows(values_only=True))
    assert rows[0] == ("Family name", "Email")
    db = Database.open(demo_path)
    try:
        ids = sv.query_ids(db, "persons", sort="family_name", descending=True)
        assert [x[0] for x in rows[1:]] == [p["family_name"] for p in sv.fetch_rows(db, "persons", ids)]
    finally:
        db.close()

    whole = tmp_path / "all.xlsx"
    r = run("--database", str(demo_path), "export", "all", "-o", str(whole))
    assert r.returncode == 0, r.stderr
    copy = tmp_path / "copy.sqlite3"
    r = run("--database", str(copy), "import", "all", str(whole))
    assert r.returncode == 0, r.stderr
    assert dump(copy) == dump(demo_path)

    r = run("--database", str(copy), "import", "all", str(whole))
    assert r.returncode == 1 and "empty database" in r.stderr and "Traceback" not in r.stderr


def test_template_and_review_packs(demo_path, tmp_path):
    r = run("--database", str(demo_path), "template", "contacts", "-o", str(tmp_path / "t.xlsx"))
    assert r.returncode == 0, r.stderr and (tmp_path / "t.xlsx").exists()
    r = run("--database", str(demo_path), "review-pack", "KAZ", "-o", str(tmp_path / "kaz.xlsx"))
    assert r.returncode == 0, r.stderr
    r = run("--database", str(demo_path), "import", "contacts", str(tmp_path / "kaz.xlsx"), "--designate",
            "--dry-run", "--json")  # fmt: skip
    assert r.returncode == 0, r.stderr
    assert '"updated": 0' in r.stdout and '"created": 0' in r.stdout
    r = run("--database", str(demo_path), "review-pack", "all", "-o", str(tmp_path / "packs"))
    assert r.returncode == 0, r.stderr
    assert len(list((tmp_path / "packs").glob("review-pack-*.xlsx"))) == 14


def test_refusals_are_one_plain_sentence(demo_path, tmp_path):
    r = run("--database", str(demo_path), "export", "people", "-o", str(tmp_path / "x.xlsx"))
    assert r.returncode == 2 and "unknown table" in r.stderr
    r = run("--database", str(demo_path), "export", "persons", "-o", str(tmp_path / "no" / "x.xlsx"))
    assert r.returncode == 1 and "does not exist" in r.stderr and "Traceback" not in r.stderr
    r = run("--database", str(demo_path), "review-pack", "Atlantis", "-o", str(tmp_path / "x.xlsx"))
    assert r.returncode == 1 and "No Signatory" in r.stderr
    r = run("--database", str(demo_path), "export", "all", "-o", str(tmp_path / "x.xlsx"), "--search", "a")
    assert r.returncode == 2
    r = run("--database", str(demo_path), "export")
    assert r.returncode == 2
