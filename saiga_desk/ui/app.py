"""The GUI entry point: ``saiga-desk [--database PATH|URL]`` without a command, or ``saiga-desk-gui``.

Sets up the application (names, icon, the bundled DejaVu fonts so Cyrillic and Kazakh letters render
everywhere, logging, the exception hook), opens the database with a way out when it cannot be opened,
offers the demo data on an empty database and shows the main window.
"""

from __future__ import annotations

import logging
import os
import sys

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer
from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication, QIcon
from PySide6.QtWidgets import QApplication

from saiga_desk import APP_NAME, __version__
from saiga_desk.paths import default_database_path, resource_path
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
    QCoreApplication.setApplicationVersion(__version__)
    QGuiApplication.setApplicationDisplayName(APP_NAME)
    QGuiApplication.setDesktopFileName("saiga-desk")
    app.setWindowIcon(app_icon())
    families = load_fonts()
    if QGuiApplication.platformName() in ("offscreen", "minimal") and "DejaVu Sans" in families:
        app.setFont(QFont("DejaVu Sans", 9))


def _optional_hook(module: str, name: str, db) -> None:
    try:
        mod = __import__(f"saiga_desk.core.{module}", fromlist=[name])
    except ImportError:
        return
    fn = getattr(mod, name, None)
    if fn is not None:
        fn(db)


class _ExposedWatcher(QObject):
    def eventFilter(self, obj, event) -> bool:
        if event.type() == QEvent.Type.Expose and obj.isExposed():
            print("window shown", flush=True)
            QTimer.singleShot(0, QApplication.quit)
        return False


def quit_when_exposed(window) -> None:
    window.winId()
    watcher = _ExposedWatcher(window)
    window.windowHandle().installEventFilter(watcher)


def _database_argument(argv: list[str]) -> str | None:
    for i, arg in enumerate(argv):
        if arg == "--database" and i + 1 < len(argv):
            return argv[i + 1]
        if arg.startswith("--database="):
            return arg.split("=", 1)[1]
    return None


def main(database: str | None = None, argv: list[str] | None = None) -> int:
    try:  # the data folder chosen in Settings, before anything reads paths.data_dir()
        from saiga_desk.ui.settings_dialog import apply_data_folder_choice
    except ImportError:
        apply_data_folder_choice = None
    if apply_data_folder_choice is not None:
        apply_data_folder_choice()
    from saiga_desk.logs import setup_logging
    from saiga_desk.ui.errors import install_excepthook, show_error

    setup_logging()
    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv[:1])
    try:  # the language of the interface chosen in Settings, before any window or widget is built
        from saiga_desk.ui.settings_dialog import apply_ui_language_choice
    except ImportError:
        apply_ui_language_choice = None
    if apply_ui_language_choice is not None:
        apply_ui_language_choice()
    setup_application(app)
    install_excepthook(lambda: QApplication.activeWindow())

    from saiga_desk.core.errors import SaigaError
    from saiga_desk.ui.first_start import offer_demo, open_with_recovery, release_lock

    target = (
        database
        or _database_argument(sys.argv[1:])
        or os.environ.get("SAIGA_DESK_DATABASE")
        or str(default_database_path())
    )
    db = open_with_recovery(target, lock=True)
    if db is None:
        return 1
    try:
        _optional_hook("backups", "on_start", db)  # never raises by contract; guarded anyway
    except SaigaError as e:
        show_error(None, e)
    offer_demo(db)

    from saiga_desk.ui.main_window import MainWindow
    from saiga_desk.ui.window_files import WINDOWS

    window = MainWindow(db)
    WINDOWS.append(window)
    window.remember()
    window.show()
    if os.environ.get("SAIGA_DESK_EXIT_AFTER_SHOW"):  # start-up benchmark: quit once on screen
        quit_when_exposed(window)
    code = app.exec()
    for w in list(WINDOWS):
        release_lock(w.db)
        w.db.close()
    return code


if __name__ == "__main__":
    sys.exit(main())
