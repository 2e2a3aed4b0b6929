"""``saiga-desk mail reminders --meeting MOS4`` as a real process against a real SMTP server on 127.0.0.1:
the JSON of issue 17, the owed Signatories only, ``reminded_on`` in ``list national-reports``, a second run
skipping, ``--resend`` sending again."""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

from tests.mail_support import MailServer, run_cli

REPO = Path(__file__).resolve().parents[2]
OWED = {"ulziibayar.batsukh@example.org", "aydogdy.amanov@example.org", "dilnoza.orinboyeva@example.org"}


run = run_cli


def _env(tmp_path) -> dict:
    env = dict(os.environ)
    env["SAIGA_DESK_DATA_DIR"] = str(tmp_path / "data")
    env["PYTHONPATH"] = os.pathsep.join([str(REPO), env.get("PYTHONPATH", "")])
    for key in ("SAIGA_DESK_SMTP_USER", "SAIGA_DESK_SMTP_PASSWORD"):
        env.pop(key, None)
    return env


def _reports(db, env) -> dict[str, dict]:
    r = run(db, env, "list", "national-reports", "--meeting", "MOS4", "--format", "json")
    assert r.returncode == 0, r.stderr
    return {x["signatory"]: x for x in json.loads(r.stdout)}


def test_mail_reminders_json_reminded_on_second_run_and_resend(demo_path, tmp_path):
    env = _env(tmp_path)
    before = _reports(demo_path, env)
    with MailServer() as srv:
        smtp = ("--smtp", f"127.0.0.1:{srv.port}", "--security", "none", "--from", "saiga@example.int")
        r = run(demo_path, env, "mail", "reminders", "--meeting", "MOS4", "--dry-run", "--json")
        assert r.returncode == 0, r.stderr
        out = json.loads(r.stdout)
        assert {x["to"] for x in out["messages"]} == OWED and srv.handler.received == []
        assert _reports(demo_path, env) == before  # a dry run notes nothing

        r = run(demo_path, env, "mail", "reminders", "--meeting", "MOS4", *smtp, "--pause", "0", "--json")
        assert r.returncode == 0, r.stderr
        out = json.loads(r.stdout)
        assert set(out) == {"sent", "drafts", "skipped", "failed", "cancelled", "messages"}
        assert (out["sent"], out["drafts"], out["skipped"], out["failed"]) == (3, 0, 0, 0)
        for x in out["messages"]:
            assert set(x) == {"to", "language", "subject", "attachments", "outcome"}
            assert x["outcome"] == "sent" and x["language"] in ("en", "ru")
            assert len(x["attachments"]) == 1 and x["attachments"][0].endswith(".pdf")
            assert "напоминание" in x["subject"] or "reminder" in x["subject"]
        assert {m["To"].addresses[0].addr_spec for m in srv.handler.messages()} == OWED

        after = _reports(demo_path, env)
        today = dt.date.today().isoformat()
        assert {k for k, v in after.items() if v["reminded_on"] == today} == {
            "Mongolia", "Turkmenistan", "Uzbekistan"
        }  # fmt: skip
        assert after["Kazakhstan"] == before["Kazakhstan"] and after["Russian Federation"] == before[
            "Russian Federation"]  # fmt: skip

        r = run(demo_path, env, "mail", "reminders", "--meeting", "MOS4", *smtp, "--pause", "0", "--json")
        assert r.returncode == 0, r.stderr
        out = json.loads(r.stdout)
        assert (out["sent"], out["skipped"]) == (0, 3) and len(srv.handler.received) == 3

        r = run(demo_path, env, "mail", "reminders", "--meeting", "MOS4", *smtp, "--pause", "0", "--resend")
        assert r.returncode == 0, r.stderr
        assert "3 sent" in r.stdout and len(srv.handler.received) == 6

    r = run(demo_path, env, "list", "mail-log", "--format", "json")
    rows = json.loads(r.stdout)
    assert len(rows) == 6 and {x["kind"] for x in rows} == {"reminder"}


def test_mail_reminders_refused_in_one_sentence(demo_path, tmp_path):
    env = _env(tmp_path)
    r = run(demo_path, env, "mail", "reminders", "--drafts", str(tmp_path / "d"))
    assert r.returncode == 2 and "--meeting" in r.stderr
    r = run(demo_path, env, "mail", "reminders", "--meeting", "CAMI2", "--drafts", str(tmp_path / "d"))
    assert r.returncode == 1 and "Traceback" not in r.stderr and r.stderr.strip().count("\n") == 0
    assert "no national-report cycle" in r.stderr
    assert not (tmp_path / "d").exists()
