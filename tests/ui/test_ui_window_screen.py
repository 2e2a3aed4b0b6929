"""Issue 19, item 12: a window saved larger than the screen (another scale, a bigger monitor) comes back
whole inside the screen's available area."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect

from saiga_desk.ui.main_window import keep_on_screen
from saiga_desk.ui.window_settings import WINDOW_GEOMETRY
from tests.ui.conftest import open_window

pytestmark = [pytest.mark.gui, pytest.mark.usefixtures("own_settings")]  # private QSettings


def test_a_window_saved_larger_than_the_screen_comes_back_inside_it(qtbot, demo_db):
    window = open_window(qtbot, demo_db)
    room = window.screen().availableGeometry()
    window.setGeometry(QRect(room.right() - 100, room.bottom() - 50, room.width() * 2, room.height() * 2))
    window.save_window()
    assert WINDOW_GEOMETRY.get() is not None
    window.close()

    again = open_window(qtbot, demo_db)
    qtbot.waitUntil(lambda: room.contains(again.frameGeometry()), timeout=2000)
    assert again.width() <= room.width() and again.height() <= room.height()


def test_keep_on_screen_moves_a_window_left_off_screen_back(qtbot, demo_db):
    window = open_window(qtbot, demo_db)
    room = window.screen().availableGeometry()
    window.resize(room.width() // 2, room.height() // 2)
    window.move(room.left() - 5000, room.top() - 3000)
    keep_on_screen(window)
    assert room.contains(window.frameGeometry())
