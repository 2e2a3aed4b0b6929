"""GUI test helpers: window state in the test's own data folder, error boxes that never block."""

from __future__ import annotations

import sys

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox


@pytest.fixture
def own_settings(tmp_path, monkeypatch):
    """QSettings (INI in the data folder) private to this test; show_error boxes are non-modal and are
    closed after the test."""
    from PySide6.QtWidgets import QApplication

    data = tmp_path / "data"
    data.mkdir()
    monkeypatch.setenv("SAIGA_DESK_DATA_DIR", str(data))
    monkeypatch.setattr(sys, "_saiga_test_no_modal", True, raising=False)
    yield data
    for w in QApplication.topLevelWidgets():
        if w.objectName() == "errorDialog" and w.isVisible():
            w.close()


def open_window(qtbot, db):
    from saiga_desk.ui.main_window import MainWindow

    window = MainWindow(db)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def visible_window(name: str):
    """The visible top-level window named ``name``, or None."""
    return next((w for w in QApplication.topLevelWidgets() if w.objectName() == name and w.isVisible()), None)


def answer_box(qtbot, name: str, button, seen: list) -> None:
    """Click ``button`` of the message box ``name`` once it shows (a modal box waits in its own loop)."""

    def answer():
        box = visible_window(name)
        if box is None:
            QTimer.singleShot(20, answer)
            return
        seen.append(box.text() if isinstance(box, QMessageBox) else box)
        if isinstance(box, QMessageBox):
            qtbot.mouseClick(box.button(button), Qt.MouseButton.LeftButton)
        else:
            box.reject()

    QTimer.singleShot(0, answer)


def wizard_to_review(qtbot, w, timeout: int = 10000):
    """Drive an import wizard from its file page to the review as the officer does (Next, Next, Next; the
    file is read and the rows planned in the background, each within ``timeout`` ms): the review page."""
    w.show()
    w.next()  # file -> sheet (read in the background)
    qtbot.waitUntil(lambda: w.currentPage() is w.sheet_page, timeout=timeout)
    w.next()  # -> mapping
    w.next()  # plans in the background, then moves on
    qtbot.waitUntil(lambda: w.currentPage() is w.review_page, timeout=timeout)
    return w.review_page


def review_text(review, row: int, column: int) -> str:
    """The text the import review shows in ``row``, ``column`` (0: the Import tick)."""
    return review.table.model().index(row, column).data() or ""


def review_ticked(review, row: int) -> bool:
    from PySide6.QtCore import Qt

    return review.table.model().index(row, 0).data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked


def review_tick(review, row: int, ticked: bool) -> None:
    """Tick or untick a row's Import box as the view does when it is clicked (through the model)."""
    from PySide6.QtCore import Qt

    state = Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked
    assert review.table.model().setData(review.table.model().index(row, 0), state, Qt.ItemDataRole.CheckStateRole)


def review_select(review, row: int, column: int = 2) -> None:
    """Make ``row`` the current row of the review (its fields are listed below)."""
    review.table.setCurrentIndex(review.table.model().index(row, column))


def review_rows(review) -> int:
    return review.table.model().rowCount()
