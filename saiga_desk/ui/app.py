"""The GUI entry point: ``saiga-desk [--database PATH|URL]`` without a command, or ``saiga-desk-gui``.

Sets up the application (names, icon, the bundled DejaVu fonts so Cyrillic and Kazakh letters render
everywhere, logging, the exception hook), opens the database with a way out when it cannot be opened,
offers the demo data on an empty database and shows the main window.

Start-up is instant: the window's frame (``StartWindow``: title, geometry, what is being done) is on
screen before the database library, the core and the pages are imported (those imports are deferred
to ``_finish_start``, which runs from the event loop once the frame is shown). The main window then
takes its place and its listings arrive from the background reader (``table_model.BACKGROUND``); the
daily backup and the daily full integrity check run in a background thread after that.
"""

from __future__ import annotations

import logging
import os
import sys
import threading

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer, Signal
from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication, QIcon
from PySide6.QtWidgets import QApplication

import saiga_desk
from saiga_desk import APP_NAME
from saiga_desk.core.errors import DatabaseOpenError
from saiga_desk.i18n import _
from saiga_desk.logs import setup_logging
from saiga_desk.paths import default_database_path, resource_path
from saiga_desk.ui.errors import install_excepthook, show_error
from saiga_desk.ui.start_choices import apply_data_folder_choice, apply_ui_language_choice
from saiga_desk.ui.start_window import StartWindow, exit_after_show
from saiga_desk.ui.window_settings import APPLICATION, ORGANIZATION

log = logging.getLogger(__name__)

_fonts_loaded = False


def load_fonts() -> list[str]:
    """Register the bundled DejaVu fonts (offscreen platforms have no system fonts to fall back on)."""
    global _fonts_loaded
    families: list[str] = []
    if _fonts_loaded:
        return families
    _fonts_loaded = True
    folder = resource_path("fonts")
    for path in sorted(folder.glob("*.ttf")) if folder.is_dir() else []:
        font_id = QFontDatabase.addApplicationFont(str(path))
        if font_id >= 0:
            families += QFontDatabase.applicationFontFamilies(font_id)
    return families


def app_icon() -> QIcon:
    icon = QIcon()
    for size in (32, 64, 256):
        path = resource_path("icons", f"saiga-desk-{size}.png")
        if path.exists():
            icon.addFile(str(path))
    return icon


def setup_application(app: QApplication) -> None:
    QCoreApplication.setOrganizationName(ORGANIZATION)
    QCoreApplication.setApplicationName(APPLICATION)
    QGuiApplication.setApplicationDisplayName(APP_NAME)
    QGuiApplication.setDesktopFileName("saiga-desk")
    app.setWindowIcon(app_icon())
    families = load_fonts()
    if QGuiApplication.platformName() in ("offscreen", "minimal") and "DejaVu Sans" in families:
        app.setFont(QFont("DejaVu Sans", 9))


class _ExposedWatcher(QObject):
    def __init__(self, parent, on_exposed=None):
        super().__init__(parent)
        self.on_exposed = on_exposed
        self.exposed = False

    def eventFilter(self, obj, event) -> bool:
        if event.type() == QEvent.Type.Expose and obj.isExposed() and not self.exposed:
            self.exposed = True
            if self.on_exposed is None:
                print("window shown", flush=True)
                QTimer.singleShot(0, QApplication.quit)
            else:
                QTimer.singleShot(0, self.on_exposed)
        return False


def quit_when_exposed(window, on_exposed=None) -> _ExposedWatcher:
    """Quit once ``window`` is on screen (the start-up benchmark), or call ``on_exposed`` then."""
    window.winId()
    watcher = _ExposedWatcher(window, on_exposed)
    window.windowHandle().installEventFilter(watcher)
    return watcher


def quit_when_rows_shown(window) -> None:
    """The start-up benchmark's second mark: the current tab's first rows are on screen."""
    page = window.current_page()
    model = getattr(page, "model", None)

    def check() -> None:
        if model is None or not model.busy:
            print("rows shown", flush=True)
            QTimer.singleShot(0, QApplication.quit)
        else:
            QTimer.singleShot(1, check)

    QTimer.singleShot(0, check)


class _Background(QObject):
    """Results of the start's background work, delivered on the GUI thread."""

    problem = Signal(str)


def _database_argument(argv: list[str]) -> str | None:
    for i, arg in enumerate(argv):
        if arg == "--database" and i + 1 < len(argv):
            return argv[i + 1]
        if arg.startswith("--database="):
            return arg.split("=", 1)[1]
    return None


def main(database: str | None = None, argv: list[str] | None = None) -> int:
    apply_data_folder_choice()  # the data folder chosen in Settings, before anything reads paths.data_dir()
    setup_logging()
    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv[:1])
    apply_ui_language_choice()  # the interface language chosen in Settings, before any widget is built
    setup_application(app)
    install_excepthook(lambda: QApplication.activeWindow())

    target = (
        database
        or _database_argument(sys.argv[1:])
        or os.environ.get("SAIGA_DESK_DATABASE")
        or str(default_database_path())
    )
    start = StartWindow(str(target))
    mode = exit_after_show()
    if mode == "1":  # start-up benchmark: quit once a window is on screen
        quit_when_exposed(start)
    else:  # the rest once the frame is on screen (at the latest after 200 ms)
        begun = []

        def finish() -> None:
            if not begun:
                begun.append(True)
                _finish_start(start, str(target), mode)

        quit_when_exposed(start, finish)
        QTimer.singleShot(200, finish)
    start.show()
    code = app.exec()
    windows = sys.modules.get("saiga_desk.ui.window_files")  # not loaded when no database was opened
    for w in list(windows.WINDOWS if windows else []):
        windows.release_lock(w.db)
        w.db.close()
    return code


def _finish_start(start: StartWindow, target: str, mode: str = "") -> None:
    """Everything the frame did not need: the core, the database, the main window."""
    from saiga_desk.core import migrate  # deferred: imports the database library (after the frame shows)
    from saiga_desk.ui import table_model  # deferred: imports the core
    from saiga_desk.ui.first_start import offer_demo, open_with_recovery  # deferred: imports the core
    from saiga_desk.ui.main_window import MainWindow  # deferred: the pages, menus and their core verbs
    from saiga_desk.ui.window_files import WINDOWS  # deferred: imports the core

    if migrate.file_needs_upgrade(target):
        start.say(_("Upgrading the database to this version of Saiga Desk (a backup is made first)…"))
    db = open_with_recovery(target, parent=start, lock=True)
    if db is None:
        start.close()
        QApplication.quit()
        return
    if offer_demo_needed(db):
        start.say(_("This database is empty: load the demo data or start empty?"))
        offer_demo(db, start)
    QCoreApplication.setApplicationVersion(saiga_desk.__version__)
    start.say(_("Opening the main window…"))
    table_model.BACKGROUND = True  # the window never waits for a listing: rows come from the reader
    window = MainWindow(db)
    WINDOWS.append(window)
    window.remember()
    window.show()
    start.close()
    start.deleteLater()
    if mode == "rows":
        quit_when_rows_shown(window)
    QTimer.singleShot(500, window, lambda: _start_background_checks(window, db))


def offer_demo_needed(db) -> bool:
    from saiga_desk.core import demo, roles  # deferred: imports the models

    return demo.is_empty(db) and roles.can_write(db)  # a viewer cannot load it


def _start_background_checks(window, db) -> threading.Thread:
    """The daily backup and the daily full integrity check, off the GUI thread; a damage found is
    reported once, in the window."""
    from saiga_desk.core import backups, integrity  # deferred: after the window is on screen

    carrier = _Background(window)
    carrier.problem.connect(lambda text: show_error(window, DatabaseOpenError(text)))

    def run() -> None:
        path = getattr(db, "path", None)
        problem = integrity.check_if_due(path) if path is not None else None
        if problem is not None:
            carrier.problem.emit(str(integrity.damaged(path, problem)))
            return  # no backup of a damaged file
        backups.on_start(db)  # never raises by contract

    thread = threading.Thread(target=run, name="saiga-start-checks", daemon=True)
    thread.start()
    return thread


if __name__ == "__main__":
    sys.exit(main())
