"""`import contacts` never loses or invents a person (issue 12): identity by email, possible matches by name
and country (a new person by default, updated with --match-names), and only true repeats of a row of the
file skipped, each listed by row. Run as a real process on a real SQLite file."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "io"))
import import_corpus as corpus  # noqa: E402

HEAD = ["Family name", "Given name", "Country", "Email", "Position"]
NAMES = [("Петров", "Иван"), ("Petrov", "Ivan"), ("Smith", "John"), ("Ким", "Анна"), ("Dorj", "Bat"),
         ("Ли", "Мария"), ("Ivanova", "Olga"), ("Ахметов", "Ерлан"), ("Brown", "Kate")]  # fmt: skip


def run(*args):
    return subprocess.run([sys.executable, "-m", "saiga_desk.cli.main", *args], capture_output=True, text=True,
                          env=dict(os.environ), timeout=120)  # fmt: skip


def persons(db) -> list[tuple]:
    with sqlite3.connect(db) as con:
        return con.execute("SELECT id, family_name, given_name, email FROM person ORDER BY id").fetchall()


def test_twenty_thousand_distinct_emails_with_repeated_names_are_twenty_thousand_people(demo_path, tmp_path):
    rows = [HEAD] + [[*NAMES[i % 9], "Kazakhstan", f"person{i}@example.org", None] for i in range(20000)]
    path = corpus.text_xlsx(tmp_path / "big.xlsx", rows)
    before = len(persons(demo_path))
    r = run("--database", str(demo_path), "import", "contacts", str(path), "--json")
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    assert (out["status"], out["created"], out["updated"], out["skipped"]) == ("imported", 20000, 0, 0)
    assert out["rejected_rows"] == []
    got = persons(demo_path)
    assert len(got) == before + 20000
    assert len({p[3] for p in got[before:]}) == 20000
    # the 10th row names the 1st row's person again with another email: said, not merged
    assert any(w["row"] == 11 and "possibly the same person as row 2" in w["message"].lower()
               for w in out["warnings"])  # fmt: skip


def test_possible_match_is_a_new_person_unless_match_names(demo_path, tmp_path):
    with sqlite3.connect(demo_path) as con:
        pid, email = con.execute(
            "SELECT id, email FROM person WHERE family_name = 'Қасымова' AND given_name = 'Айгүл'"
        ).fetchone()
    rows = [HEAD, ["ҚАСЫМОВА", "Айгүл", "Казахстан", "aigul.k@new.example.kz", "Head of Division"]]
    path = corpus.text_xlsx(tmp_path / "possible.xlsx", rows)
    before = len(persons(demo_path))

    r = run("--database", str(demo_path), "import", "contacts", str(path), "--dry-run")
    assert r.returncode == 0, r.stderr
    assert "1 new, 0 updated" in r.stdout
    assert f"Possibly the same person as person #{pid}" in r.stdout

    r = run("--database", str(demo_path), "import", "contacts", str(path), "--dry-run", "--match-names")
    assert r.returncode == 0, r.stderr
    assert "0 new, 1 updated" in r.stdout
    assert len(persons(demo_path)) == before  # dry runs

    r = run("--database", str(demo_path), "import", "contacts", str(path), "--match-names", "--json")
    assert r.returncode == 0, r.stderr
    assert (json.loads(r.stdout)["created"], json.loads(r.stdout)["updated"]) == (0, 1)
    with sqlite3.connect(demo_path) as con:
        assert con.execute("SELECT email, position FROM person WHERE id = ?", (pid,)).fetchone() == (
            "aigul.k@new.example.kz", "Head of Division")
    assert email != "aigul.k@new.example.kz" and len(persons(demo_path)) == before


def test_possible_match_default_creates_and_keeps_the_stored_person(demo_path, tmp_path):
    with sqlite3.connect(demo_path) as con:
        pid, email = con.execute("SELECT id, email FROM person WHERE family_name = 'Қасымова'").fetchone()
    path = corpus.text_xlsx(tmp_path / "p.xlsx", [HEAD, ["Қасымова", "Айгүл", "Kazakhstan", None, "Adviser"]])
    before = len(persons(demo_path))
    r = run("--database", str(demo_path), "import", "contacts", str(path), "--json")
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    assert (out["created"], out["updated"]) == (1, 0)
    assert [w["row"] for w in out["warnings"] if f"person #{pid}" in w["message"]] == [2]
    assert out["possible_matches"] == [{"row": 2, "person": pid, "of_row": None, "updated": False}]
    got = persons(demo_path)
    assert len(got) == before + 1 and (pid, "Қасымова", "Айгүл", email) in got


def test_only_true_repeats_are_skipped_and_listed_by_row(db_path, tmp_path):
    rows = [
        HEAD,
        ["Petrov", "Ivan", "Kazakhstan", "ivan@example.org", "Expert"],  # 2
        ["Petrov", "Ivan", "Kazakhstan", "IVAN@Example.org", "Chief"],  # 3: same email -> skipped
        ["Petrov", "Ivan", "Kazakhstan", "ivan.p@example.org", None],  # 4: another email: a person
        ["Sidorov", "Oleg", "Kazakhstan", None, "Expert"],  # 5
        ["Sidorov", "Oleg", "Kazakhstan", None, "Expert"],  # 6: exact repeat -> skipped
        ["\tSidorova", "Anna", "Kazakhstan", None, None],  # 7
        ["Sidorova", "Anna", "Kazakhstan", None, None],  # 8: differs by a leading tab: another row
        ["=Sidorova", "Anna", "Kazakhstan", None, None],  # 9: differs by "=": another row
        ["Ким", "Анна", "Kazakhstan", None, None],  # 10
        ["ким", "анна", "Kazakhstan", None, None],  # 11: no email, differs only by case -> skipped
    ]
    path = corpus.text_xlsx(tmp_path / "repeats.xlsx", rows)
    r = run("--database", str(db_path), "import", "contacts", str(path), "--json")
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    assert (out["created"], out["skipped"]) == (7, 3)
    assert [(s["row"], s["status"], s["of"]) for s in out["rejected_rows"]] == [
        (3, "duplicate", 2), (6, "duplicate", 5), (11, "duplicate", 10)]  # fmt: skip
    assert "Same email as row 2; it is skipped." in out["rejected_rows"][0]["reasons"]
    assert "Exact duplicate of row 5; it is skipped." in out["rejected_rows"][1]["reasons"]
    families = sorted(p[1] for p in persons(db_path))
    assert families.count("Sidorova") == 2 and "=Sidorova" in families and families.count("Petrov") == 2

    r = run("--database", str(db_path), "import", "contacts", str(path))  # the text output lists them too
    assert r.returncode == 0, r.stderr
    assert "Skipped rows:" in r.stdout
    for row in (3, 6, 11):
        assert f"row {row}: " in r.stdout


def test_match_names_leaves_out_a_row_of_an_earlier_rows_name_and_lists_it(db_path, tmp_path):
    rows = [HEAD, ["Petrov", "Ivan", "Kazakhstan", "ivan@example.org", None],
            ["PETROV", "Ivan", "Kazakhstan", "ivan.p@example.org", None],
            ["Petrov", "Ivan", "Mongolia", "ivan@example.mn", None]]  # fmt: skip
    path = corpus.text_xlsx(tmp_path / "names.xlsx", rows)
    r = run("--database", str(db_path), "import", "contacts", str(path), "--dry-run", "--json")
    assert (json.loads(r.stdout)["created"], json.loads(r.stdout)["skipped"]) == (3, 0)
    r = run("--database", str(db_path), "import", "contacts", str(path), "--match-names", "--json")
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    assert (out["created"], out["skipped"]) == (2, 1)
    assert [(s["row"], s["of"]) for s in out["rejected_rows"]] == [(3, 2)]
    assert any("match names" in r for r in out["rejected_rows"][0]["reasons"])
