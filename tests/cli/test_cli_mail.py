"""``saiga-desk mail …`` and ``list mail-log`` as real processes against a real SMTP server on 127.0.0.1;
the password comes from a keyring backend (the real keyring API) and appears nowhere else."""

from __future__ import annotations

import json
import os
from pathlib import Path

from saiga_desk.core.database import Database
from saiga_desk.core.mail_settings import set_mail_settings
from tests.mail_support import MailServer, run_cli

PASSWORD = "Zr4-keyring-only-7713"
REPO = Path(__file__).resolve().parents[2]


run = run_cli


def _env(tmp_path) -> dict:
    env = dict(os.environ)
    env["SAIGA_DESK_DATA_DIR"] = str(tmp_path / "data")
    env["PYTHONPATH"] = os.pathsep.join([str(REPO), env.get("PYTHONPATH", "")])
    env["PYTHON_KEYRING_BACKEND"] = "tests.mail_support.FileKeyring"
    env["SAIGA_TEST_KEYRING_FILE"] = str(tmp_path / "keyring.json")
    for key in ("SAIGA_DESK_SMTP_USER", "SAIGA_DESK_SMTP_PASSWORD"):
        env.pop(key, None)
    (tmp_path / "keyring.json").write_text(json.dumps({"saiga-desk-smtp\tofficer@127.0.0.1": PASSWORD}))
    return env


def test_mail_invitations_json_second_run_and_mail_log(demo_path, tmp_path):
    env = _env(tmp_path)
    db = Database.open(demo_path)
    set_mail_settings(db, user="officer", security="none", pause=0)
    db.close()
    with MailServer(user="officer", password=PASSWORD) as srv:
        srv.handler.refuse["dilnoza.orinboyeva@example.org"] = "550 5.1.1 Mailbox unavailable"
        smtp = f"127.0.0.1:{srv.port}"
        r = run(demo_path, env, "mail", "invitations", "--meeting", "MOS4", "--dry-run", "--json")
        assert r.returncode == 0, r.stderr
        out = json.loads(r.stdout)
        assert {x["outcome"] for x in out["messages"]} == {"dry-run"} and srv.handler.received == []

        r = run(demo_path, env, "mail", "invitations", "--meeting", "MOS4", "--smtp", smtp,
                "--from", "saiga@example.int", "--json")  # fmt: skip
        assert r.returncode == 1, r.stderr  # one failed: exit 1, the JSON still printed
        out = json.loads(r.stdout)
        assert (out["sent"], out["drafts"], out["skipped"], out["failed"]) == (4, 0, 0, 1)
        for x in out["messages"]:
            assert set(x) >= {"to", "language", "subject", "attachments", "outcome"}
            assert x["attachments"][0].endswith(".pdf")
        failed = [x for x in out["messages"] if x["outcome"] == "failed"]
        assert failed[0]["to"] == "dilnoza.orinboyeva@example.org" and "550" in failed[0]["answer"]
        assert "failed" in r.stderr and "Traceback" not in r.stderr
        assert srv.logins == ["officer"] * 1

        del srv.handler.refuse["dilnoza.orinboyeva@example.org"]
        r = run(demo_path, env, "mail", "invitations", "--meeting", "MOS4", "--smtp", smtp,
                "--from", "saiga@example.int", "--json")  # fmt: skip
        assert r.returncode == 0, r.stderr
        out = json.loads(r.stdout)
        assert (out["sent"], out["skipped"], out["failed"]) == (1, 4, 0)
        assert len(srv.handler.received) == 5

    r = run(demo_path, env, "list", "mail-log", "--format", "json")
    assert r.returncode == 0, r.stderr
    rows = json.loads(r.stdout)
    assert [x["outcome"] for x in rows].count("sent") == 5 and len(rows) == 6
    assert {"at", "kind", "recipient", "meeting", "language", "subject", "outcome", "server_answer",
            "attachments", "message_id"} <= set(rows[0])  # fmt: skip
    assert all(x["meeting"] == "MOS4" and x["kind"] == "invitation" for x in rows)

    # the password is in the keyring only: not in the database, the settings, the log or the output
    secret = PASSWORD.encode()
    for path in [*demo_path.parent.glob(demo_path.name + "*"), *(tmp_path / "data").rglob("*")]:
        if path.is_file():
            assert secret not in path.read_bytes(), path
    assert (tmp_path / "data" / "logs").exists()
    assert PASSWORD not in r.stdout + r.stderr


def test_mail_drafts_reminders_and_usage(demo_path, tmp_path):
    env = _env(tmp_path)
    r = run(demo_path, env, "mail", "review-packs", "all", "--drafts", str(tmp_path / "d"), "--json")
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    assert out["drafts"] == 5 and all(len(x["attachments"]) == 2 for x in out["messages"])
    assert len(list((tmp_path / "d").glob("*.eml"))) == 5
    r = run(demo_path, env, "mail", "reminders", "--meeting", "MOS3", "--drafts", str(tmp_path / "d"))
    assert r.returncode == 1 and r.stderr.strip().count("\n") == 0 and "national-report cycle" in r.stderr
    r = run(demo_path, env, "mail", "invitations", "--meeting", "MOS4", "--smtp", "h:1", "--drafts", "x")
    assert r.returncode == 2
    r = run(demo_path, env, "mail", "invitations", "--meeting", "NOPE", "--drafts", str(tmp_path / "d"))
    assert r.returncode == 1 and "NOPE" in r.stderr and "Traceback" not in r.stderr
    r = run(demo_path, env, "mail", "invitations", "--meeting", "MOS4", "--smtp", "127.0.0.1:1",
            "--from", "a@b.c")  # fmt: skip
    assert r.returncode == 1 and "Cannot reach the mail server 127.0.0.1:1" in r.stderr


def test_settings_set_mail_is_validated_and_refuses_a_password(demo_path, tmp_path):
    env = _env(tmp_path)
    r = run(
        demo_path, env, "settings", "set", "mail", '{"method": "smtp", "host": "mx.example.org", "port": 465}'
    )
    assert r.returncode == 0, r.stderr
    r = run(demo_path, env, "settings", "set", "mail", '{"password": "' + PASSWORD + '"}')
    assert r.returncode == 1 and "keyring" in r.stderr
    r = run(demo_path, env, "settings", "set", "mail", '{"port": 70000}')
    assert r.returncode == 1 and "70000" in r.stderr
    r = run(demo_path, env, "settings", "get", "mail")
    value = json.loads(r.stdout)
    assert value["host"] == "mx.example.org" and value["port"] == 465 and "password" not in value
    assert PASSWORD.encode() not in demo_path.read_bytes()
