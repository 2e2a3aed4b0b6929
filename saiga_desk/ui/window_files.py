"""File menu commands of the main window: new database, open (with recent), back up."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox

from saiga_desk.core.database import backup_name, to_url
from saiga_desk.i18n import _
from saiga_desk.paths import data_dir
from saiga_desk.ui.first_start import database_filter, offer_demo, open_with_recovery, release_lock

log = logging.getLogger(__name__)

# the open main windows (a window replaced by "Open" is dropped from here once closed)
WINDOWS: list = []


def _start_folder(window) -> str:
    path = getattr(window.db, "path", None)
    return str(path.parent) if path else str(data_dir())


def new_database(window) -> None:
    path, _f = QFileDialog.getSaveFileName(
        window, _("New database"), str(Path(_start_folder(window)) / "saiga-desk.sqlite3"), database_filter()
    )
    if not path:
        return
    if Path(path).exists() and Path(path).stat().st_size > 0:
        QMessageBox.warning(
            window, _("New database"), _("{path} already exists; choose a new name.").format(path=path)
        )
        return
    switch_database(window, path)


def open_database(window, target: str | None = None) -> None:
    if not target:
        target, _f = QFileDialog.getOpenFileName(
            window, _("Open a database"), _start_folder(window), database_filter()
        )
        if not target:
            return
    switch_database(window, target)


def switch_database(window, target: str):
    """Open ``target`` in a new main window that replaces ``window`` (which may refuse to close)."""
    if to_url(target) == window.db.url:
        return window
    db = open_with_recovery(target, window, lock=True)
    if db is None:
        return None
    from saiga_desk.ui.main_window import MainWindow

    offer_demo(db, window)
    new = MainWindow(db)
    new.setGeometry(window.geometry())
    if not window.close():  # the officer kept an unsaved edit
        new.deleteLater()
        release_lock(db)
        db.close()
        return None
    old_db = window.db
    if window in WINDOWS:
        WINDOWS.remove(window)
    WINDOWS.append(new)
    new.remember()
    new.show()
    window.deleteLater()
    release_lock(old_db)
    old_db.close()
    return new


def back_up(window) -> None:
    from saiga_desk.ui.tasks import run_task

    db = window.db
    if db.path is None:
        QMessageBox.information(
            window,
            _("Back up"),
            _("Backups of a shared server database are made by its administrator (for PostgreSQL: pg_dump)."),
        )
        return
    suggested = backup_name(db.path, "backup")
    path, _f = QFileDialog.getSaveFileName(
        window, _("Back up the database"), str(suggested), database_filter()
    )
    if not path:
        return

    def done(dest):
        window.statusBar().showMessage(_("Backed up to {path}").format(path=dest), 8000)

    run_task(window, _("Backing up"), lambda progress: db.backup(path, progress=progress), done)
