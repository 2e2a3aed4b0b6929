"""``saiga-desk meeting …`` run as a real process on a copy of the demo database."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from pypdf import PdfReader


def run(db, *args):
    env = dict(os.environ)
    return subprocess.run(
        [sys.executable, "-m", "saiga_desk.cli.main", "--database", str(db), *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )


def test_meeting_commands(demo_path, tmp_path):
    db = demo_path
    r = run(db, "meeting", "next-symbol", "MOS4", "Doc")
    assert r.returncode == 0 and r.stdout.strip() == "UNEP/CMS/Saiga/MOS4/Doc.9", r.stderr
    r = run(db, "meeting", "next-symbol", "mos4", "Inf")
    assert r.stdout.strip() == "UNEP/CMS/Saiga/MOS4/Inf.8"

    f = tmp_path / "doc9.pdf"
    f.write_bytes(b"%PDF-1.4 draft MTIWP")
    r = run(
        db,
        "meeting",
        "add-document",
        "MOS4",
        "Doc",
        "Draft MTIWP 2021-2025",
        "--file",
        str(f),
        "--languages",
        "en,ru",
    )
    assert r.returncode == 0 and r.stdout.strip() == "UNEP/CMS/Saiga/MOS4/Doc.9", r.stderr
    r = run(
        db,
        "meeting",
        "add-document",
        "MOS4",
        "Doc",
        "Technical coordination",
        "--revision-of",
        "UNEP/CMS/Saiga/MOS4/Doc.8",
        "--kind",
        "Corr",
    )
    assert r.stdout.strip() == "UNEP/CMS/Saiga/MOS4/Doc.8/Corr.1", r.stderr
    r = run(db, "meeting", "add-document", "MOS4", "Doc", "Clash", "--symbol", "UNEP/CMS/Saiga/MOS4/Doc.9")
    assert r.returncode == 1 and "Traceback" not in r.stderr and r.stderr.strip()
    r = run(db, "meeting", "add-document", "MOS4", "Doc", "No file", "--file", str(tmp_path / "missing.pdf"))
    assert r.returncode == 1 and "nothing was registered" in r.stderr
    r = run(db, "list", "documents", "--meeting", "MOS4", "--format", "json")
    assert sorted(d["symbol"].rsplit("/MOS4/", 1)[1] for d in json.loads(r.stdout)) == [
        "Doc.8",
        "Doc.8/Corr.1",
        "Doc.9",
        "Inf.7",
    ]

    r = run(db, "meeting", "status", "MOS4", "postponed")
    assert r.returncode == 2  # --reason is required
    r = run(db, "meeting", "status", "NOPE", "held", "--reason", "x")
    assert r.returncode == 1 and "NOPE" in r.stderr

    r = run(db, "meeting", "counts", "MOS4", "--json")
    counts = json.loads(r.stdout)
    assert counts["by_status"]["confirmed"] == 5 and counts["by_category"]["signatory_state"] == 5

    out = tmp_path / "badges.pdf"
    r = run(db, "meeting", "badges", "MOS4", "-o", str(out))
    assert r.returncode == 0, r.stderr
    assert "Қасымова" in PdfReader(str(out)).pages[0].extract_text()


def test_meeting_invite_and_status(demo_path):
    db = demo_path
    r = run(db, "meeting", "status", "MOS4", "planned", "--reason", "again")
    assert r.returncode == 1 and "already" in r.stderr
    r = run(db, "meeting", "invite", "CAMI2", "--states", "--json", "--on", "2021-01-10")
    assert r.returncode == 0, r.stderr
    first = json.loads(r.stdout)
    assert first["created"] == 5 and first["skipped"] == []
    r = run(db, "meeting", "invite", "CAMI2", "--json", "--on", "2021-01-10")
    second = json.loads(r.stdout)
    assert second["created"] == 0 and second["already"] == 5 and len(second["skipped"]) == 9
    r = run(
        db,
        "meeting",
        "status",
        "CAMI2",
        "postponed",
        "--reason",
        "Travel restrictions",
        "--start",
        "2022-02-01",
        "--end",
        "2022-02-03",
        "--mode",
        "online",
    )
    assert r.returncode == 0 and "postponed" in r.stdout, r.stderr
    r = run(db, "meeting", "counts", "CAMI2")
    assert r.returncode == 0 and "invited" in r.stdout and "5" in r.stdout
