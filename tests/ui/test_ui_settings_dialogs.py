"""Settings, About and Restore dialogs driven through their widgets."""

from __future__ import annotations

import os
import sqlite3

import pytest
from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QMessageBox,
    QSpinBox,
)

from saiga_desk.core import backups, preferences
from saiga_desk.core import services as sv
from saiga_desk.ui.about_dialog import AboutDialog
from saiga_desk.ui.restore_dialog import RestoreDialog
from saiga_desk.ui.settings_dialog import (
    SettingsDialog,
    apply_data_folder_choice,
    chosen_data_folder,
    set_chosen_data_folder,
)
from saiga_desk.ui.signals import hub

pytestmark = pytest.mark.gui


@pytest.fixture(autouse=True)
def _private_qsettings(tmp_path):
    """The data-folder choice goes to the user's INI settings: keep it inside the test's folder."""
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "config"))
    yield
    set_chosen_data_folder(None)


def answer_next_message_box(button: QMessageBox.StandardButton, seen: list[str]) -> None:
    """Click ``button`` on the next modal message box (the real one, as the officer would)."""

    tries = [250]  # give up after about five seconds, so a missing box cannot leak into other tests

    def click():
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            seen.append(box.text())
            box.button(button).click()
        elif tries[0] > 0:
            tries[0] -= 1
            QTimer.singleShot(20, click)

    QTimer.singleShot(0, click)


def test_settings_dialog_shows_and_saves_the_preferences(qtbot, demo_db):
    dialog = SettingsDialog(demo_db, None)
    qtbot.addWidget(dialog)
    organization = dialog.findChild(QLineEdit, "field_organization")
    assert "UNEP/CMS" in organization.text()  # the demo's letterhead
    assert dialog.findChild(QLineEdit, "field_data_folder").text()
    dialog.findChild(QLineEdit, "field_secretariat").setText("Secretariat of the Saiga MOU")
    dialog.findChild(QLineEdit, "field_phone").setText("+49 228 815 2401")
    dialog.findChild(QComboBox, "field_report_language").setCurrentIndex(1)
    dialog.findChild(QCheckBox, "field_backup_enabled").setChecked(False)
    dialog.findChild(QSpinBox, "field_keep_days").setValue(14)
    seen = []
    hub.changed.connect(seen.append)
    try:
        dialog.accept()
    finally:
        hub.changed.disconnect(seen.append)
    assert dialog.result() == dialog.DialogCode.Accepted
    assert [sorted(c.kinds) for c in seen] == [["settings"]]
    head = preferences.letterhead(demo_db)
    assert head["secretariat"] == "Secretariat of the Saiga MOU"
    assert head["phone"] == "+49 228 815 2401"
    assert "UNEP/CMS" in head["organization"]
    assert preferences.report_language(demo_db) == "ru"
    assert preferences.backup_policy(demo_db) == {"enabled": False, "keep_days": 14}
    again = SettingsDialog(demo_db, None)
    qtbot.addWidget(again)
    assert again.findChild(QComboBox, "field_report_language").currentData() == "ru"
    assert not again.findChild(QCheckBox, "field_backup_enabled").isChecked()


def test_a_bad_email_is_shown_next_to_the_field_and_nothing_is_saved(qtbot, demo_db):
    before = preferences.letterhead(demo_db)
    dialog = SettingsDialog(demo_db, None)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.findChild(QLineEdit, "field_email").setText("secretariat at cms")
    dialog.findChild(QLineEdit, "field_organization").setText("Changed")
    dialog.accept()
    assert dialog.isVisible()
    error = dialog.findChild(QLabel, "error_email")
    assert error.isVisible() and "secretariat at cms" in error.text()
    assert preferences.letterhead(demo_db) == before


def test_the_dialog_fits_a_laptop_screen_and_a_refusal_comes_to_the_front(qtbot, demo_db):
    """Every group in tabs, so the dialog stays under a 768-pixel screen (1,044 pixels tall in one column,
    in English and Russian alike); a refusal on a tab not shown brings that tab forward; a long letterhead
    line shows its beginning."""
    dialog = SettingsDialog(demo_db, None)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.sizeHint().height() <= 700 and dialog.height() <= 700
    assert dialog.tabs.currentWidget().objectName() == "generalTab"
    organization = dialog.findChild(QLineEdit, "field_organization")
    assert len(organization.text()) > 40 and organization.cursorPosition() == 0
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    dialog.findChild(QLineEdit, "field_email").setText("secretariat at cms")
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)  # refused: the dialog stays, on the refusal's tab
    assert dialog.isVisible() and dialog.tabs.currentWidget().objectName() == "letterheadTab"
    assert dialog.findChild(QLabel, "error_email").isVisible()
    dialog.tabs.setCurrentIndex(0)
    dialog.findChild(QLineEdit, "field_email").setText("secretariat@cms.int")
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible() and dialog.result() == QDialog.DialogCode.Accepted
    assert preferences.letterhead(demo_db)["email"] == "secretariat@cms.int"


def test_data_folder_choice_applies_at_the_next_start(qtbot, db, tmp_path):
    target = tmp_path / "elsewhere"
    target.mkdir()
    dialog = SettingsDialog(db, None)
    qtbot.addWidget(dialog)
    dialog.set_data_folder(str(tmp_path / "missing"))
    assert dialog.findChild(QLabel, "error_data_folder").text()
    dialog.set_data_folder(str(target))
    assert dialog.findChild(QLineEdit, "field_data_folder").text() == str(target)
    assert "next start" in dialog.findChild(QLabel, "data_folder_note").text()
    assert dialog.save()
    assert chosen_data_folder() == str(target)
    assert (tmp_path / "config").is_dir()  # written where the test put QSettings, not in the real home
    saved = os.environ.pop("SAIGA_DESK_DATA_DIR")
    try:
        assert apply_data_folder_choice() == str(target)
        assert os.environ["SAIGA_DESK_DATA_DIR"] == str(target)
    finally:
        os.environ["SAIGA_DESK_DATA_DIR"] = saved
    assert apply_data_folder_choice() is None  # the environment wins when set


def test_about_dialog_names_version_paths_and_licences(qtbot, db):
    from saiga_desk import __version__
    from saiga_desk.paths import log_dir

    dialog = AboutDialog(db, None)
    qtbot.addWidget(dialog)
    summary = dialog.summary.text()
    assert __version__ in summary and str(db.path) in summary and str(log_dir()) in summary
    libraries = dialog.libraries.toPlainText()
    for name in ("PySide6", "LGPL-3.0", "SQLAlchemy", "openpyxl", "ReportLab", "BSD-3-Clause", "MIT"):
        assert name in libraries
    assert "Bitstream Vera" in dialog.fonts.toPlainText() and "DejaVu" in dialog.fonts.toPlainText()


def _names(path) -> list[str]:
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return sorted(r[0] for r in con.execute("SELECT family_name FROM person"))
    finally:
        con.close()


def test_restore_dialog_lists_backups_and_restores_after_confirmation(qtbot, db):
    sv.create(db, "persons", {"family_name": "Original"})
    backup = backups.make_backup(db, "manual")
    sv.create(db, "persons", {"family_name": "Mistake"})
    dialog = RestoreDialog(db, None)
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == 1
    assert dialog.table.item(0, 3).text() == backup.name
    assert dialog.restore_button.isEnabled()

    seen: list[str] = []
    answer_next_message_box(QMessageBox.StandardButton.Cancel, seen)
    assert dialog.restore_selected() is False
    assert len(seen) == 1  # the question was asked
    assert sorted(r.family_name for r in sv.find(db, "persons")) == ["Mistake", "Original"]

    restored, changed = [], []
    dialog.restored.connect(restored.append)
    hub.watch(db)  # as the main window does for its database
    hub.changed.connect(changed.append)
    try:
        answer_next_message_box(QMessageBox.StandardButton.Yes, seen)  # the confirmation
        answer_next_message_box(QMessageBox.StandardButton.Ok, seen)  # the "done" note
        assert dialog.restore_selected() is True
    finally:
        hub.changed.disconnect(changed.append)
    assert restored == [str(db.path)] and any(c.is_everything for c in changed)
    # the same Database object now reads the restored file, and keeps working
    assert [r.family_name for r in sv.find(db, "persons")] == ["Original"]
    sv.create(db, "persons", {"family_name": "After restore"})
    kept = [b for b in backups.list_backups(db) if b.reason == "before-restore"]
    assert len(kept) == 1 and _names(kept[0].path) == ["Mistake", "Original"]
    with db.engine.connect() as con:
        assert con.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
        assert con.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"


def test_restore_dialog_refuses_a_damaged_backup(qtbot, db):
    sv.create(db, "persons", {"family_name": "Safe"})
    folder = backups.folder_for(db.path)
    bad = folder / f"{db.path.stem}-manual-20240101-000000.sqlite3"
    bad.write_bytes(b"SQLite format 3\x00" + b"\x00" * 4000)
    dialog = RestoreDialog(db, None)
    qtbot.addWidget(dialog)
    assert dialog.table.item(0, 3).text() == bad.name
    seen: list[str] = []
    answer_next_message_box(QMessageBox.StandardButton.Yes, seen)
    answer_next_message_box(QMessageBox.StandardButton.Ok, seen)  # the error message
    assert dialog.restore_selected() is False
    assert len(seen) == 2 and bad.name in seen[1]
    assert [r.family_name for r in sv.find(db, "persons")] == ["Safe"]


def test_restore_dialog_refuses_a_backup_changed_since_it_was_made(qtbot, db):
    """A backup whose bytes no longer match the checksum written with it: refused, nothing beside it."""
    sv.create(db, "persons", {"family_name": "Safe"})
    made = backups.make_backup(db, "manual")
    data = bytearray(made.read_bytes())
    data[len(data) // 2] ^= 0x20
    made.write_bytes(bytes(data))
    dialog = RestoreDialog(db, None)
    qtbot.addWidget(dialog)
    assert [b.path for b in dialog.backups] == [made]  # its .sha256 is not listed as a backup
    seen: list[str] = []
    answer_next_message_box(QMessageBox.StandardButton.Yes, seen)
    answer_next_message_box(QMessageBox.StandardButton.Ok, seen)
    assert dialog.restore_selected() is False
    assert "checksum" in seen[1] and made.name in seen[1]
    assert sorted(p.name for p in made.parent.iterdir()) == sorted([made.name, made.name + ".sha256", "source.txt"])
    assert [r.family_name for r in sv.find(db, "persons")] == ["Safe"]
