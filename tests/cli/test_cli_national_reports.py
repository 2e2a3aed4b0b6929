"""``saiga-desk national-reports …``, ``list national-reports|signature-events|signatories`` as real processes."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from pypdf import PdfReader


def run(db, *args):
    return subprocess.run(
        [sys.executable, "-m", "saiga_desk.cli.main", "--database", str(db), *args],
        capture_output=True,
        text=True,
        env=dict(os.environ),
        timeout=120,
    )


def test_list_signatories_shows_the_signature_dates(demo_path):
    r = run(demo_path, "list", "signatories", "--format", "json")
    assert r.returncode == 0, r.stderr
    sig = {x["name"]: x for x in json.loads(r.stdout)}
    assert (sig["Turkmenistan"]["signed_on"], sig["Turkmenistan"]["signed_at"]) == ("2005-11-23", "Nairobi")
    assert sig["Uzbekistan"]["signed_on"] == "2006-05-23"
    assert (sig["Kazakhstan"]["signed_on"], sig["Kazakhstan"]["signed_at"]) == ("2006-09-24", "Almaty")
    assert sig["Russian Federation"]["signed_on"] == "2009-06-24"
    assert (sig["Mongolia"]["signed_on"], sig["Mongolia"]["signed_at"]) == ("2010-09-10", "Ulaanbaatar")
    r = run(demo_path, "list", "signature-events", "--format", "json")
    events = json.loads(r.stdout)
    assert {"signatory", "event", "date", "place"} <= set(events[0])
    assert (events[0]["signatory"], events[0]["date"], events[0]["place"]) == (
        "Turkmenistan",
        "2005-11-23",
        "Nairobi",
    )
    assert len(events) == 11  # five States, six Cooperating Organizations with a known date


def test_cycle_receive_status_list_and_report(demo_path, tmp_path):
    db = demo_path
    report = tmp_path / "uzb.docx"
    report.write_bytes(b"Uzbekistan national report")
    fmt = tmp_path / "format.docx"
    fmt.write_bytes(b"format")
    r = run(
        db,
        "national-reports",
        "cycle",
        "MOS4",
        "--due",
        "2021-06-30",
        "--format-file",
        str(fmt),
        "--organizations",
    )
    assert r.returncode == 0 and "9 new" in r.stdout, r.stderr
    r = run(
        db,
        "national-reports",
        "receive",
        "MOS4",
        "UZB",
        "--file",
        str(report),
        "--on",
        "2021-06-29",
        "--language",
        "ru",
    )
    assert r.returncode == 0 and "submitted" in r.stdout, r.stderr
    r = run(db, "national-reports", "receive", "MOS4", "UZB", "--file", str(report))
    assert r.returncode == 0 and "nothing changed" in r.stdout
    r = run(
        db,
        "national-reports",
        "status",
        "MOS4",
        "TKM",
        "waived",
        "--on",
        "2021-07-01",
        "--note",
        "By agreement",
    )
    assert r.returncode == 0, r.stderr
    r = run(db, "list", "national-reports", "--meeting", "MOS4", "--format", "json")
    assert r.returncode == 0, r.stderr
    rows = {x["signatory"]: x for x in json.loads(r.stdout)}
    assert {"signatory", "meeting", "status", "due_on", "received_on", "language", "file"} <= set(
        rows["Uzbekistan"]
    )
    uzb = rows["Uzbekistan"]
    assert (uzb["meeting"], uzb["status"], uzb["due_on"], uzb["received_on"], uzb["language"], uzb["file"]) == (
        "MOS4", "submitted", "2021-06-30", "2021-06-29", "ru", "uzb.docx")  # fmt: skip
    assert rows["Turkmenistan"]["status"] == "waived" and len(rows) == 14
    out = tmp_path / "nr.pdf"
    r = run(db, "report", "national-reports", "--meeting", "MOS4", "-o", str(out), "--language", "ru")
    assert r.returncode == 0, r.stderr
    body = " ".join(p.extract_text() for p in PdfReader(str(out)).pages)
    assert "НАЦИОНАЛЬНЫХ ДОКЛАДОВ" in body and "Узбекистан" in body


def test_refused_input_and_usage_errors(demo_path):
    r = run(demo_path, "national-reports", "receive", "MOS9", "UZB")
    assert r.returncode == 1 and "MOS9" in r.stderr and "Traceback" not in r.stderr
    r = run(demo_path, "national-reports", "status", "MOS4", "Atlantis", "waived")
    assert r.returncode == 1 and "Atlantis" in r.stderr
    r = run(demo_path, "national-reports", "status", "MOS4", "UZB", "lost")
    assert r.returncode == 2
    r = run(demo_path, "national-reports", "cycle", "MOS4", "--due", "30.06.2021")
    assert r.returncode == 2 and "30.06.2021" in r.stderr
    r = run(demo_path, "national-reports", "cycle", "MOS4")
    assert r.returncode == 2
    r = run(demo_path, "report", "national-reports", "-o", "x.pdf")
    assert r.returncode == 1 and "meeting" in r.stderr


def test_signatures_as_at_and_a_new_event(demo_path):
    r = run(demo_path, "signatures", "as-at", "2007-01-01", "--states", "--json")
    assert r.returncode == 0, r.stderr
    assert [x["signatory"] for x in json.loads(r.stdout)] == ["Turkmenistan", "Uzbekistan", "Kazakhstan"]
    r = run(demo_path, "signatures", "add", "UZB", "withdrew", "--on", "2030-01-01", "--source", "test")
    assert r.returncode == 0, r.stderr
    r = run(demo_path, "signatures", "as-at", "2031-01-01", "--states", "--json")
    assert "Uzbekistan" not in [x["signatory"] for x in json.loads(r.stdout)]
    r = run(demo_path, "signatures", "add", "UZB", "eloped")
    assert r.returncode == 2
