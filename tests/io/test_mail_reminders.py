"""Reminders for national reports by e-mail, against a real SMTP server on 127.0.0.1 (aiosmtpd): only the
contact points of the Signatories whose report to MOS4 is still owed, each in their language, the reminder
letter attached, the reminder noted on the report once per Signatory, nothing twice; drafts the same way."""

from __future__ import annotations

import datetime as dt
import io
import re
from email import policy
from email.parser import BytesParser

import pytest
from pypdf import PdfReader

from saiga_desk.core import demo, mail_log, national_reports
from saiga_desk.core import services as sv
from saiga_desk.io import mail_drafts, mail_sending
from saiga_desk.io.mail_messages import PENDING, SKIPPED, prepare
from tests.mail_support import MailServer

SENDER = "saiga.secretariat@example.int"
TODAY = dt.date.today()
# the demo's MOS4 cycle: Kazakhstan submitted, the Russian Federation late; Mongolia in preparation,
# Turkmenistan requested, Uzbekistan not started (still owed)
OWED = {
    "ulziibayar.batsukh@example.org": "Mongolia",
    "aydogdy.amanov@example.org": "Turkmenistan",
    "dilnoza.orinboyeva@example.org": "Uzbekistan",
    "timur.rashidov@example.org": "Uzbekistan",
}


@pytest.fixture
def server():
    with MailServer() as srv:
        yield srv


def _server(srv) -> mail_sending.Server:
    return mail_sending.Server("127.0.0.1", srv.port, "none", "", None, SENDER, pause=0, retry_delay=0)


def _reports(db) -> dict[str, national_reports.ReportRow]:
    return {r.signatory: r for r in national_reports.overview(db, "MOS4", TODAY).rows}


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def _setup(db) -> None:
    """Mongolia's contact point reads English; Uzbekistan gets a second contact point, in English too."""
    batsukh = sv.find(db, "persons", family_name="Батсүх")[0]
    sv.update(db, "persons", batsukh.id, {"preferred_language": "en"})
    uzb = next(r.signatory_id for r in _reports(db).values() if r.signatory == "Uzbekistan")
    person = sv.create(db, "persons", {"honorific": "Mr.", "given_name": "Timur", "family_name": "Rashidov",
                                       "email": "timur.rashidov@example.org", "preferred_language": "en"})  # fmt: skip
    sv.create(db, "designations", {"signatory_id": uzb, "person_id": person.id, "role": "alternate"})


def _send(db, srv, resend=False):
    with prepare(db, "reminder", meeting_code="MOS4", resend=resend) as mailing:
        return mail_sending.send(mailing, _server(srv))


def test_reminders_for_mos4_go_to_the_owed_signatories_in_their_language_once(demo_db, server):
    db = demo_db
    _setup(db)
    before = _reports(db)
    uzb_history = len(sv.history(db, "national-reports", before["Uzbekistan"].report_id))
    summary = _send(db, server)

    assert summary.sent == 4 and summary.failed == 0 and summary.skipped == 0
    got = {m["To"].addresses[0].addr_spec: m for m in server.handler.messages()}
    assert {a: OWED[a] for a in got} == OWED  # not Kazakhstan (submitted) nor the Russian Federation (late)
    for address, msg in got.items():
        lang = "en" if address.startswith(("ulziibayar", "timur")) else "ru"
        signatory = OWED[address]
        assert msg["Content-Language"] == lang and msg["From"] == SENDER
        text = msg.get_body(("plain",)).get_content()
        html = msg.get_body(("html",)).get_content()
        assert "{" not in text + msg["Subject"] and "{" not in html
        if lang == "en":
            assert msg["Subject"].startswith(f"National report of {signatory} for the ")
            assert msg["Subject"].endswith(": reminder")
            assert "was due on 30 June 2021" in _flat(text) and signatory in text
        else:
            assert msg["Subject"].startswith("Национальный доклад (") and msg["Subject"].endswith(
                ": напоминание"
            )
            assert "следовало представить до 30 июня 2021 г." in _flat(text)
        (pdf,) = list(msg.iter_attachments())
        assert pdf.get_content_type() == "application/pdf" and pdf.get_filename().endswith(".pdf")
        letter = _flat(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.get_content())).pages))
        if lang == "en":
            assert f"national report of {signatory}" in letter and "was due on 30 June 2021" in letter
        else:
            # body paragraphs hyphenate (issue 14): read the words whole
            assert "следовало представить до 30 июня 2021 г." in re.sub(r"(\w)- (\w)", r"\1\2", letter)
        assert "{" not in letter

    after = _reports(db)
    for name in ("Mongolia", "Turkmenistan", "Uzbekistan"):
        assert after[name].reminded_on == TODAY
    assert after["Uzbekistan"].status == "requested" and after["Uzbekistan"].requested_on == TODAY
    assert after["Mongolia"].status == "in_preparation"  # a report being prepared stays so
    for name in ("Kazakhstan", "Russian Federation"):
        assert after[name].reminded_on == before[name].reminded_on
    # two messages to Uzbekistan's contact points, one reminder on its report
    assert len(sv.history(db, "national-reports", after["Uzbekistan"].report_id)) == uzb_history + 1
    log = mail_log.messages(db, kind="reminder")
    assert len(log) == 4 and all(r.outcome == "sent" and r.cycle_id and r.meeting_id for r in log)

    # a second run sends nothing; --resend sends again
    again = _send(db, server)
    assert (again.sent, again.skipped) == (0, 4) and len(server.handler.received) == 4
    with prepare(db, "reminder", meeting_code="MOS4", resend=True) as mailing:
        assert [m.state for m in mailing.messages] == [PENDING] * 4


def test_a_refused_reminder_is_not_noted_and_a_received_report_drops_off(demo_db, server):
    db = demo_db
    server.handler.refuse["aydogdy.amanov@example.org"] = "550 5.1.1 No such mailbox"
    before = _reports(db)
    summary = _send(db, server)
    assert (summary.sent, summary.failed) == (2, 1)
    after = _reports(db)
    assert after["Turkmenistan"].reminded_on == before["Turkmenistan"].reminded_on  # it did not go out
    assert after["Mongolia"].reminded_on == TODAY and after["Uzbekistan"].reminded_on == TODAY
    (failed,) = [r for r in mail_log.messages(db, kind="reminder") if r.outcome == "failed"]
    assert failed.server_answer.startswith("550")

    national_reports.receive(db, "MOS4", "UZB", on=TODAY)
    with prepare(db, "reminder", meeting_code="MOS4") as mailing:
        states = {m.to: m.state for m in mailing.messages}
    assert states == {"ulziibayar.batsukh@example.org": SKIPPED, "aydogdy.amanov@example.org": PENDING}


def test_reminder_drafts_are_eml_files_with_the_letter_and_note_the_reminder(demo_db, tmp_path):
    db = demo_db
    folder = tmp_path / "drafts"
    with prepare(db, "reminder", meeting_code="MOS4") as mailing:
        summary = mail_drafts.write_drafts(mailing, folder, SENDER)
    assert summary.drafts == 3
    files = sorted(f.name for f in folder.glob("*.eml"))
    assert files == ["reminder-MOS4-MNG-Batsukh.eml", "reminder-MOS4-TKM-Amanov.eml",
                     "reminder-MOS4-UZB-Orinboyeva.eml"]  # fmt: skip
    for f in folder.glob("*.eml"):
        msg = BytesParser(policy=policy.default).parse(f.open("rb"))
        assert msg["X-Unsent"] == "1"
        (pdf,) = list(msg.iter_attachments())
        assert PdfReader(io.BytesIO(pdf.get_content())).pages
    rows = _reports(db)
    assert all(rows[n].reminded_on == TODAY for n in ("Mongolia", "Turkmenistan", "Uzbekistan"))
    assert {r.outcome for r in mail_log.messages(db, kind="reminder")} == {"draft"}
    with prepare(db, "reminder", meeting_code="MOS4") as mailing:
        assert not mailing.pending


def test_reminders_on_sqlite_and_postgresql_note_each_signatory_once(any_db, tmp_path):
    db = any_db
    demo.load(db)
    _setup(db)  # two contact points of Uzbekistan
    before = _reports(db)
    with prepare(db, "reminder", meeting_code="MOS4") as mailing:
        assert sorted(m.to for m in mailing.pending) == sorted(OWED)
        summary = mail_drafts.write_drafts(mailing, tmp_path / "d", SENDER)
    assert summary.drafts == 4
    after = _reports(db)
    assert {k for k, v in after.items() if v.reminded_on == TODAY} == {
        "Mongolia",
        "Turkmenistan",
        "Uzbekistan",
    }
    uzb = after["Uzbekistan"].report_id
    reminded = [e for e in sv.history(db, "national-reports", uzb) if "reminded_on" in (e.changes or {})]
    assert len(reminded) == 1 and before["Uzbekistan"].reminded_on is None
