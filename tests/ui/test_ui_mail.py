"""The mail dialog and Settings → Mail driven through their widgets (offscreen), with a real SMTP server."""

from __future__ import annotations

import keyring
import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMessageBox

from saiga_desk.core import mail_log
from saiga_desk.core import services as sv
from saiga_desk.core.mail_settings import mail_settings, set_mail_settings
from saiga_desk.ui.mail_dialog import MailDialog
from saiga_desk.ui.mail_settings import MailSettingsGroup
from saiga_desk.ui.settings_dialog import SettingsDialog, set_chosen_ui_language
from tests.mail_support import MailServer, MemoryKeyring
from tests.ui.conftest import answer_box

pytestmark = pytest.mark.gui
PASSWORD = "Gv8-only-in-the-keyring-5521"


@pytest.fixture
def backend(tmp_path):
    before = keyring.get_keyring()
    store = MemoryKeyring()
    keyring.set_keyring(store)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "config"))
    yield store
    keyring.set_keyring(before)


def _wait_done(qtbot, dialog):
    qtbot.waitUntil(
        lambda: dialog.task is None and dialog.summary is not None and dialog.ready, timeout=30_000
    )


def _open(qtbot, db) -> MailDialog:
    dialog = MailDialog(db, "invitation", "MOS4")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.waitUntil(lambda: dialog.ready, timeout=20_000)  # prepared off the GUI thread
    return dialog


def test_preview_lists_recipients_apart_and_writes_drafts(qtbot, own_settings, demo_db, tmp_path):
    db = demo_db
    set_mail_settings(db, method="drafts", drafts_folder=str(tmp_path / "drafts"))
    person = sv.find(db, "persons", email="alyona.yolkina@example.org")[0]
    sv.update(db, "persons", person.id, {"email": None})
    dialog = _open(qtbot, db)
    assert dialog.recipients.topLevelItemCount() == 4
    assert [dialog.without_address.item(i).text() for i in range(dialog.without_address.count())] == [
        "г-жа Алёна Ёлкина"  # her letter is in Russian: the honorific too (issue 14)
    ]
    assert dialog.subject.text().startswith("Subject: Приглашение: ")
    assert "Уважаемая госпожа Қасымова!" in dialog.body.toPlainText() and "{" not in dialog.body.toPlainText()
    assert dialog.attachments.text() == "Attached: KAZ-Kassymova.pdf"
    assert dialog.send_button.text() == "Write drafts"
    dialog.grab().save("/tmp/mail-dialog-preview.png")

    dialog.send_button.click()
    _wait_done(qtbot, dialog)
    assert dialog.summary.drafts == 4 and len(list((tmp_path / "drafts").glob("*.eml"))) == 4
    states = {dialog.recipients.topLevelItem(i).text(3) for i in range(4)}
    assert states == {"already sent"} and not dialog.send_button.isEnabled()
    assert dialog.log_table.rowCount() == 4
    dialog.tabs.setCurrentIndex(1)
    dialog.grab().save("/tmp/mail-dialog-log.png")


def test_sending_in_the_background_and_cancel_leaves_the_log_exact(qtbot, own_settings, demo_db, backend):
    db = demo_db
    with MailServer(user="officer", password=PASSWORD) as srv:
        set_mail_settings(db, method="smtp", host="127.0.0.1", port=srv.port, security="none", user="officer",
                          sender="saiga@example.int", pause=0.4)  # fmt: skip
        backend.set_password("saiga-desk-smtp", "officer@127.0.0.1", PASSWORD)
        dialog = _open(qtbot, db)
        assert dialog.send_button.text() == "Send"
        task = dialog.send()
        assert task is not None and not dialog.send_button.isEnabled()
        qtbot.waitUntil(lambda: len(srv.handler.received) >= 1, timeout=20_000)
        task.cancel()  # the progress dialog's Cancel button
        _wait_done(qtbot, dialog)
        received = sorted(tos[0] for _f, tos, _r in srv.handler.received)
        log = mail_log.messages(db)
        assert dialog.summary.cancelled and 1 <= len(received) < 5
        assert sorted(r.recipient for r in log) == received and {r.outcome for r in log} == {"sent"}
        assert dialog.tabs.currentIndex() == 1 and dialog.log_table.rowCount() == len(received)
        assert "Cancelled" in dialog.status.text()
        dialog.grab().save("/tmp/mail-dialog-cancelled.png")

        dialog.summary = None  # the rest, nobody twice
        assert dialog.send_button.isEnabled()
        dialog.send_button.click()
        _wait_done(qtbot, dialog)
        assert len(srv.handler.received) == 5 and dialog.summary.sent == 5 - len(received)


def test_mail_settings_keep_the_password_in_the_keyring_only(
    qtbot, own_settings, db, db_path, backend, tmp_path
):
    settings = SettingsDialog(db)
    qtbot.addWidget(settings)
    group = settings.findChild(MailSettingsGroup)
    assert group is not None and "drafts" in group.summary.text().lower()
    dialog = group.edit()
    dialog.smtp_radio.setChecked(True)
    dialog.host.setText("smtp.example.org")
    dialog.security.setCurrentIndex(1)  # TLS: the port follows
    assert dialog.port.value() == 465
    dialog.user.setText("officer")
    dialog.password.setText(PASSWORD)
    dialog.sender.setText("not an address")
    dialog.grab().save("/tmp/mail-settings.png")
    assert not dialog.save() and dialog.error.isVisible()
    dialog.sender.setText("saiga@example.int")
    dialog.buttons.accepted.emit()
    assert not dialog.isVisible() and dialog.password.text() == ""
    assert backend.get_password("saiga-desk-smtp", "officer@smtp.example.org") == PASSWORD
    s = mail_settings(db)
    assert (s.method, s.host, s.port, s.security, s.user) == (
        "smtp",
        "smtp.example.org",
        465,
        "tls",
        "officer",
    )
    assert "smtp.example.org:465" in group.summary.text()
    settings.ui_language.setCurrentIndex(1 - settings.ui_language.currentIndex())  # so the INI is written
    seen: list = []
    answer_box(qtbot, "confirmDialog", QMessageBox.StandardButton.Cancel, seen)  # "Restart now?" — not now
    settings.accept()
    assert seen  # the language change offered a restart
    set_chosen_ui_language(None)
    db.close()
    secret = PASSWORD.encode()
    files = [
        *db_path.parent.glob(db_path.name + "*"),
        *own_settings.rglob("*"),
        *(tmp_path / "config").rglob("*"),
    ]
    assert any(f.suffix == ".ini" for f in files)
    for f in files:
        if f.is_file():
            assert secret not in f.read_bytes(), f


def test_the_meetings_page_opens_the_mail_dialog_for_the_selected_meeting(qtbot, own_settings, demo_db):
    from PySide6.QtGui import QUndoStack

    from saiga_desk.core import meetings as mt
    from saiga_desk.ui.meetings_page import MeetingsPage

    stack = QUndoStack()
    page = MeetingsPage(demo_db, stack)
    qtbot.addWidget(page)
    page.resize(1200, 800)
    page.show()
    assert page.select_id(mt.find_meeting(demo_db, "MOS4").id)
    page.mail_button.click()
    dialog = page.findChild(MailDialog)
    assert dialog is not None and dialog.isVisible() and dialog.meeting_code == "MOS4"
    qtbot.waitUntil(lambda: dialog.ready, timeout=20_000)
    assert dialog.recipients.topLevelItemCount() == 5
    page.grab().save("/tmp/mail-meetings-page.png")
    dialog.close()


def test_switching_the_kind_prepares_review_packs(qtbot, own_settings, demo_db):
    dialog = _open(qtbot, demo_db)
    pack, letter = dialog.kind.findData("review_pack"), dialog.kind.findData("letter")
    dialog.kind.setCurrentIndex(pack)  # review pack request; a quick second change must not mix them up
    dialog.kind.setCurrentIndex(letter)
    dialog.kind.setCurrentIndex(pack)
    qtbot.waitUntil(lambda: dialog.ready, timeout=20_000)
    assert dialog.mailing.kind == "review_pack" and dialog.recipients.topLevelItemCount() == 5
    assert dialog.attachments.text() == "Attached: KAZ-Kassymova.pdf, review-pack-KAZ.xlsx"
    assert "Национальные контактные лица (Казахстан)" in dialog.subject.text()
