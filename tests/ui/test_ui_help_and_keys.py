"""Issue 19, item 15: F1 opens the user guide (EN/RU) with the shortcuts; Ctrl+, opens Settings; a language
change offers a restart; Esc clears the filter; a new record is selected once saved. Keys are pressed on
the active window, buttons clicked, answers given by clicking the real message boxes."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox, QPushButton

from saiga_desk import i18n
from saiga_desk.core import services as sv
from saiga_desk.ui.forms.editor import RecordEditor
from tests.ui.conftest import answer_box, open_window, visible_window
from tests.ui.test_ui_main_window import make_active

pytestmark = pytest.mark.gui


@pytest.fixture(autouse=True)
def _own_settings(own_settings, tmp_path):
    """The language choice goes to the user's INI settings of this computer: kept in the test's folder."""
    from PySide6.QtCore import QSettings

    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "config"))
    yield own_settings


@pytest.mark.parametrize("language", ["en", "ru"])
def test_f1_opens_the_user_guide_with_the_shortcuts(qtbot, demo_db, language):
    try:
        i18n.set_language(language)
        window = open_window(qtbot, demo_db)
        make_active(qtbot, window)
        QTest.keyClick(window, Qt.Key.Key_F1)
        qtbot.waitUntil(lambda: visible_window("userGuide") is not None, timeout=2000)
        text = visible_window("userGuide").browser.toPlainText()
        assert ("user guide" if language == "en" else "руководство пользователя") in text
        assert "Ctrl+N" in text and "Ctrl+Z" in text and "F1" in text and "Ctrl+," in text
        visible_window("userGuide").close()
    finally:
        i18n.set_language("en")


def test_ctrl_comma_opens_the_settings(qtbot, demo_db):
    window = open_window(qtbot, demo_db)
    make_active(qtbot, window)
    seen: list = []
    answer_box(qtbot, "settings_dialog", None, seen)
    QTest.keyClick(window, Qt.Key.Key_Comma, Qt.KeyboardModifier.ControlModifier)
    assert seen, "Ctrl+, opened the settings"


def test_a_language_change_offers_a_restart(qtbot, demo_db):
    from saiga_desk.ui.settings_dialog import SettingsDialog
    from saiga_desk.ui.start_choices import chosen_ui_language

    window = open_window(qtbot, demo_db)
    dialog = SettingsDialog(demo_db, window)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.ui_language.setCurrentIndex(dialog.ui_language.findData("ru"))
    seen: list = []
    answer_box(qtbot, "confirmDialog", QMessageBox.StandardButton.Cancel, seen)  # "Restart now?" — not now
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
    assert seen and "starts again" in seen[0]
    assert chosen_ui_language() == "ru" and window.isVisible()  # chosen for the next start, no restart


def test_esc_clears_the_filter_and_a_new_record_is_selected_once_saved(qtbot, demo_db):
    window = open_window(qtbot, demo_db)
    make_active(qtbot, window)
    page = window.show_tab("organizations")
    qtbot.waitUntil(lambda: page.model.rowCount() > 0)
    everyone = page.model.rowCount()
    page.focus_search()
    qtbot.keyClicks(page.search_box, "Ministry")
    qtbot.keyClick(page.search_box, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: 0 < page.model.rowCount() < everyone, timeout=5000)
    qtbot.keyClick(page.search_box, Qt.Key.Key_Escape)
    assert page.search_box.text() == ""
    qtbot.waitUntil(lambda: page.model.rowCount() == everyone, timeout=5000)

    make_active(qtbot, window)
    QTest.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: any(w.isVisible() for w in window.findChildren(RecordEditor)), timeout=5000)
    editor = next(w for w in window.findChildren(RecordEditor) if w.isVisible())
    QTest.keyClicks(editor.focusWidget(), "Steppe Rangers Union")  # the first field has the focus
    kind = editor.fields["kind"].input
    kind.setCurrentIndex(kind.findData("ngo"))
    qtbot.mouseClick(editor.findChild(QPushButton, "saveButton"), Qt.MouseButton.LeftButton)
    assert not editor.message.text(), editor.message.text()
    (new,) = sv.find(demo_db, "organizations", name_en="Steppe Rangers Union")
    qtbot.waitUntil(lambda: page.current_id() == new.id, timeout=5000)
