"""Issue 19: the window as a user meets it — shortcuts pressed, text typed with key events into whatever
has the focus, buttons clicked; a lost focus or a slot with the wrong signature fails here."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit, QPlainTextEdit

from saiga_desk.ui.forms.editor import RecordEditor
from saiga_desk.ui.main_window import TABS
from tests.ui.conftest import open_window
from tests.ui.test_ui_main_window import make_active

pytestmark = [pytest.mark.gui, pytest.mark.usefixtures("own_settings")]  # private QSettings


def _editors(window) -> list[RecordEditor]:
    return [w for w in window.findChildren(RecordEditor) if w.isVisible()]


def test_ctrl_n_on_each_tab_types_into_the_first_field(qtbot, demo_db):
    window = open_window(qtbot, demo_db)
    make_active(qtbot, window)
    # the national-report and signature-event tabs open their own dialogs (a cycle, an event), not a record form
    for index, name in enumerate(TABS):
        if name in ("national-reports", "signature-events"):
            continue
        window.tabs.setCurrentIndex(index)
        make_active(qtbot, window)
        QTest.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(lambda: bool(_editors(window)), timeout=5_000)
        editor = _editors(window)[0]
        first = next(f for f in editor.fields.values() if f.isVisibleTo(editor) and f.isEnabled())
        focused = editor.focusWidget()
        assert focused is not None and (focused is first.input or first.input.isAncestorOf(focused)), name
        assert focused is not editor.scroll
        if isinstance(focused, QLineEdit | QPlainTextEdit):
            QTest.keyClicks(focused, "Kasymova")
            assert editor.fields[first.name].value() == "Kasymova", name
        editor.has_unsaved_changes = lambda: False
        editor.close()


def test_calendar_buttons_are_out_of_the_tab_order(qtbot, demo_db):
    window = open_window(qtbot, demo_db)
    window.show_tab("meetings")
    make_active(qtbot, window)
    QTest.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: bool(_editors(window)), timeout=5_000)
    editor = _editors(window)[0]
    start = editor.fields["start_date"]
    assert start.button.focusPolicy() == Qt.FocusPolicy.NoFocus
    start.input.setFocus()
    QTest.keyClicks(start.input, "2026-05-04")
    QTest.keyClick(start.input, Qt.Key.Key_Tab)
    QTest.keyClick(editor.focusWidget(), Qt.Key.Key_Space)
    assert not start.button.menu().isVisible()
    assert str(start.value()) == "2026-05-04"
    editor.has_unsaved_changes = lambda: False
    editor.close()
    assert QApplication.activePopupWidget() is None
