"""What the officer sees in the first instant: the window's frame, its title and a line saying what
Saiga Desk is doing (opening the database, upgrading it, the first start's question), shown before
the database library and the pages are even loaded. Only Qt and light modules are imported here.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow

from saiga_desk import APP_NAME
from saiga_desk.i18n import _
from saiga_desk.ui.window_settings import WINDOW_GEOMETRY


def shown_name(target: str) -> str:
    return Path(target).name if "://" not in target else target.split("@")[-1]


class StartWindow(QMainWindow):
    """The main window's stand-in while the database opens; replaced by it in place."""

    def __init__(self, target: str):
        super().__init__()
        self.setObjectName("startWindow")
        self.setWindowTitle(f"{APP_NAME} — {shown_name(target)}")
        self.resize(1280, 800)
        geometry = WINDOW_GEOMETRY.get()
        if geometry is not None:
            self.restoreGeometry(geometry)
        self.message = QLabel(self)
        self.message.setObjectName("startMessage")
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setWordWrap(True)
        self.setCentralWidget(self.message)
        self.say(_("Opening {name}…").format(name=shown_name(target)))

    def say(self, text: str) -> None:
        """Show what is being done now (painted at once: the work that follows blocks the loop)."""
        self.message.setText(text)
        self.statusBar().showMessage(text)
        if self.isVisible():
            QApplication.processEvents()


def exit_after_show() -> str:
    """The start-up benchmark's switch: "1" quits when a window is on screen, "rows" once the first
    rows of the main window are there."""
    return os.environ.get("SAIGA_DESK_EXIT_AFTER_SHOW", "")
