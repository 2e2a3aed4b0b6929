"""``duplicates``, ``merge``, ``merges list|undo``, ``not-duplicates`` run as real processes."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from saiga_desk.core.database import Database
from tests.duplicates_corpus import plant


def run(db_path, *args):
    return subprocess.run([sys.executable, "-m", "saiga_desk.cli.main", "--database", str(db_path), *args],
                          capture_output=True, text=True, env=dict(os.environ), timeout=120)  # fmt: skip


def planted(demo_path) -> dict:
    db = Database.open(demo_path)
    try:
        return plant(db)
    finally:
        db.close()


def test_duplicates_json_merge_undo_and_not_duplicates(demo_path):
    p = planted(demo_path)
    r = run(demo_path, "duplicates", "persons", "--format", "json")
    assert r.returncode == 0, r.stderr
    found = json.loads(r.stdout)
    assert all(set(c) == {"kind", "ids", "score", "reasons"} and c["kind"] == "persons" for c in found)
    target = sorted([p["kassymova"], p["kassymova_latin"]])
    (pair,) = [c for c in found if c["ids"] == target]
    assert "same name in Cyrillic and Latin" in pair["reasons"] and isinstance(pair["score"], int)
    r = run(demo_path, "duplicates", "organizations", "--min-score", "60")
    assert (
        r.returncode == 0
        and "same name in Russian and English" in r.stdout
        and "3 candidate pairs" in r.stdout
    )

    r = run(
        demo_path, "merge", "persons", str(p["kassymova"]), str(p["kassymova_latin"]), "--take", "address"
    )
    assert r.returncode == 0, r.stderr
    merge_id = int(r.stdout.strip())
    r = run(demo_path, "merges", "list", "--format", "json")
    (info,) = json.loads(r.stdout)
    assert (info["id"], info["kept_id"], info["removed_id"]) == (
        merge_id,
        p["kassymova"],
        p["kassymova_latin"],
    )
    assert info["undone_at"] is None
    r = run(demo_path, "list", "persons", "--format", "json")
    assert p["kassymova_latin"] not in [x["id"] for x in json.loads(r.stdout)]

    r = run(demo_path, "merges", "undo", str(merge_id))
    assert r.returncode == 0, r.stderr
    assert json.loads(run(demo_path, "merges", "list", "--format", "json").stdout)[0]["undone_at"]
    assert run(demo_path, "merges", "undo", str(merge_id)).returncode == 1

    r = run(demo_path, "not-duplicates", "persons", str(p["kassymova"]), str(p["kassymova_latin"]))
    assert r.returncode == 0, r.stderr
    found = json.loads(run(demo_path, "duplicates", "persons", "--format", "json").stdout)
    assert target not in [c["ids"] for c in found]


def test_merge_json_and_refusals(demo_path):
    p = planted(demo_path)
    r = run(demo_path, "merge", "organizations", str(p["ministry"]), str(p["ministry_abbr"]), "--json")
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    assert (
        out["kept_id"] == p["ministry"] and out["removed_id"] == p["ministry_abbr"] and out["merge_id"] >= 1
    )
    r = run(demo_path, "merge", "persons", str(p["yolkina"]), str(p["yolkina_e"]), "--take", "colour")
    assert r.returncode == 1 and "no field colour" in r.stderr and "Traceback" not in r.stderr
    r = run(demo_path, "merge", "persons", str(p["yolkina"]), "99999")
    assert r.returncode == 1 and "#99999" in r.stderr
    assert run(demo_path, "merge", "persons", "one", "2").returncode == 2
    assert run(demo_path, "duplicates", "meetings").returncode == 2
    assert run(demo_path, "not-duplicates", "persons", "3").returncode == 2
