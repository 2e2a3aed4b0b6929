"""``saiga-desk contact-points supersede``, run as a real process against a demo database."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest


def run(db, *args):
    return subprocess.run([sys.executable, "-m", "saiga_desk.cli.main", "--database", str(db), *args],
                          capture_output=True, text=True, env=dict(os.environ), timeout=120)  # fmt: skip


def as_at(db, date: str, signatory: str = "Kazakhstan") -> list[dict]:
    r = run(db, "list", "contact-points", "--format", "json", "--as-at", date)
    assert r.returncode == 0, r.stderr
    return [x for x in json.loads(r.stdout) if x["signatory"] == signatory]


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    db = tmp_path_factory.mktemp("cp") / "x.db"
    assert run(db, "demo").returncode == 0
    return db


def test_supersede_from_the_command_line_and_the_list_as_at(demo):
    before = as_at(demo, "2025-03-01")
    assert [(x["family_name"], x["role"]) for x in before] == [("Қасымова", "primary")]
    persons = json.loads(run(demo, "list", "persons", "--format", "json").stdout)
    newcomer = next(p for p in persons if p["family_name"] == "Amanow")
    r = run(demo, "contact-points", "supersede", "KAZ", "--person", str(newcomer["id"]), "--on", "2025-03-01",
            "--source", "NV 12/2025", "--json")  # fmt: skip
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    assert (
        out["signatory"] == "Kazakhstan"
        and out["valid_from"] == "2025-03-01"
        and out["ends_on"] == "2025-02-28"
    )
    # as at the day before: the former contact point; from the hand-over: the new one, with its source
    assert [x["family_name"] for x in as_at(demo, "2025-02-28")] == ["Қасымова"]
    after = as_at(demo, "2025-03-01")
    assert [(x["family_name"], x["role"], x["source_reference"]) for x in after] == [
        ("Amanow", "primary", "NV 12/2025")
    ]
    # the whole history keeps both, the old one pointing to the new one
    history = json.loads(run(demo, "list", "contact-points", "--format", "json", "--as-at", "all").stdout)
    old = next(d for d in history if d["id"] == out["superseded"])
    assert old["valid_to"] == "2025-02-28"


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("XYZ", "--person", "1"), "No Signatory 'XYZ'"),
        (("MNG", "--person", "99999", "--on", "2025-01-01"), "--person"),
        (("MNG", "--person", "1", "--role", "technical", "--on", "2025-01-01"), "no technical contact point"),
        (("MNG", "--person", "1", "--on", "2000-01-01"), "no primary contact point on 2000-01-01"),
    ],
)
def test_refused_input_exits_1_with_one_sentence_and_changes_nothing(demo, args, words):
    before = run(demo, "list", "contact-points", "--format", "json", "--as-at", "all").stdout
    r = run(demo, "contact-points", "supersede", *args)
    assert r.returncode == 1, r.stdout
    assert words in r.stderr and "Traceback" not in r.stderr and len(r.stderr.strip().splitlines()) == 1
    assert run(demo, "list", "contact-points", "--format", "json", "--as-at", "all").stdout == before


def test_usage_errors_exit_2(demo):
    assert run(demo, "contact-points", "supersede", "KAZ").returncode == 2  # --person missing
    assert run(demo, "contact-points", "supersede", "KAZ", "--person", "1", "--role", "boss").returncode == 2
    r = run(demo, "contact-points", "supersede", "MNG", "--person", "1", "--on", "2025-13-01")  # one date type
    assert r.returncode == 2 and "--on" in r.stderr and "'2025-13-01' is not a date" in r.stderr
