"""GUI test helpers: window state in the test's own data folder, error boxes that never block."""

from __future__ import annotations

import sys

import pytest


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
