"""Reminders by e-mail from the National reports tab, and the History in words for merges, pairs marked
not duplicates and reminders noted by the mail log (offscreen, real widgets, real drafts)."""

from __future__ import annotations

import datetime as dt
from email import policy
from email.parser import BytesParser

import pytest

from saiga_desk.core import mail_log, merges
from saiga_desk.core import national_reports as nr
from saiga_desk.core import services as sv
from saiga_desk.core.mail_settings import set_mail_settings
from saiga_desk.core.tables.listing import TABLES
from saiga_desk.io import mail_drafts
from saiga_desk.io.mail_messages import prepare
from saiga_desk.ui.history_panel import HistoryPanel
from saiga_desk.ui.mail_dialog import MailDialog
from tests.ui.conftest import open_window

pytestmark = pytest.mark.gui
OWED = {"ulziibayar.batsukh@example.org", "aydogdy.amanov@example.org", "dilnoza.orinboyeva@example.org"}


def _kinds(dialog: MailDialog) -> list[str]:
    return [dialog.kind.itemData(i) for i in range(dialog.kind.count())]


def test_the_button_opens_the_mail_dialog_with_the_reminders_of_the_owed(
    qtbot, own_settings, demo_db, tmp_path
):
    db = demo_db
    set_mail_settings(db, method="drafts", drafts_folder=str(tmp_path / "drafts"), sender="saiga@example.int")
    window = open_window(qtbot, db)
    page = window.show_tab("national-reports")
    qtbot.waitUntil(lambda: page.model.rowCount() == 5)
    assert page.mail_button.isEnabled() and page.mail_button.text() == "E-mail reminders…"
    page.mail_button.click()
    dialog = page.findChild(MailDialog)
    assert dialog is not None and dialog.isVisible() and dialog.meeting_code == "MOS4"
    assert (
        dialog.kind.currentData() == "reminder"
        and dialog.kind.currentText() == "Reminder for a national report"
    )
    qtbot.waitUntil(lambda: dialog.ready, timeout=20_000)
    shown = {dialog.recipients.topLevelItem(i).text(1) for i in range(dialog.recipients.topLevelItemCount())}
    assert shown == OWED
    assert dialog.subject.text().startswith("Subject: Национальный доклад (Монголия) к совещанию")
    assert "30 июня 2021" in dialog.body.toPlainText() and "{" not in dialog.body.toPlainText()
    assert dialog.attachments.text() == "Attached: MNG-Batsukh.pdf"
    dialog.grab().save("/tmp/glue-reminders-dialog.png")

    dialog.send()
    qtbot.waitUntil(
        lambda: dialog.task is None and dialog.summary is not None and dialog.ready, timeout=30_000
    )
    assert dialog.summary.drafts == 3
    assert len(list((tmp_path / "drafts").glob("reminder-MOS4-*.eml"))) == 3
    eml = next((tmp_path / "drafts").glob("reminder-MOS4-TKM-*.eml"))
    assert BytesParser(policy=policy.default).parse(eml.open("rb"))["X-Unsent"] == "1"
    today = dt.date.today()
    rows = {r.signatory: r for r in nr.overview(db, "MOS4", today).rows}
    assert all(rows[n].reminded_on == today for n in ("Mongolia", "Turkmenistan", "Uzbekistan"))
    qtbot.waitUntil(lambda: "already sent" in dialog.status.text() or "3 already" in dialog.status.text())
    dialog.close()


def test_the_reminder_kind_is_offered_for_a_meeting_with_a_cycle_only(qtbot, own_settings, demo_db):
    with_cycle = MailDialog(demo_db, "invitation", "MOS4")
    without = MailDialog(demo_db, "invitation", "MOS3")
    for d in (with_cycle, without):
        qtbot.addWidget(d)
    assert _kinds(with_cycle) == ["invitation", "reminder", "review_pack", "letter"]
    assert _kinds(without) == ["invitation", "review_pack", "letter"]
    for d in (with_cycle, without):
        qtbot.waitUntil(lambda d=d: d.ready, timeout=20_000)


def test_history_names_merges_pairs_not_duplicates_and_mailed_reminders(
    qtbot, own_settings, demo_db, tmp_path
):
    db = demo_db
    a = sv.create(
        db, "persons", {"given_name": "Aigerim", "family_name": "Nurova", "email": "a.n@example.org"}
    )
    b = sv.create(
        db, "persons", {"given_name": "Aigerim", "family_name": "Nurova", "phone": "+7 701 000 00 00"}
    )
    c = sv.create(db, "persons", {"given_name": "Aigerim", "family_name": "Nurova-Sadykova"})
    merges.merge(db, "persons", a.id, b.id)
    merges.mark_not_duplicates(db, "persons", a.id, c.id)
    panel = HistoryPanel(db)
    qtbot.addWidget(panel)
    panel.show_record("persons", a.id)
    tops = [line for line in panel.entry_texts() if not line.startswith("  ")]
    actions = [line.split(" | ")[2] for line in tops]
    assert actions[0].startswith("Marked as not a duplicate: Not a duplicate of #")
    assert actions[1].startswith("Merged: ") and actions[-1].startswith("Created")
    assert not any(x.startswith(("merge", "not-duplicate")) for x in actions)

    with prepare(db, "reminder", meeting_code="MOS4") as mailing:
        mail_drafts.write_drafts(mailing, tmp_path / "d", "saiga@example.int")
    report = next(r for r in nr.overview(db, "MOS4").rows if r.signatory == "Uzbekistan")
    panel.show_record("national-reports", report.report_id)
    lines = panel.entry_texts()
    assert lines[0].split(" | ")[2].startswith("Changed") and any("→ Requested" in x for x in lines)
    log = mail_log.messages(db, kind="reminder")[0]
    panel.show_record("mail-messages", log.id)
    lines = panel.entry_texts()
    assert lines[0].split(" | ")[2].startswith("Created") and any("→ Reminder for a national report" in x
                                                                    for x in lines)  # fmt: skip
    assert TABLES["audit"].column("action").choices == ("create", "update", "delete", "undo", "merge",
                                                       "not-duplicate")  # fmt: skip
