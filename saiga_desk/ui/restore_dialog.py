"""File > Restore: choose one of the automatic backups and put it back in place of the database.

The current file is kept as a "before-restore" backup first (core.backups.restore), so a restore can itself
be undone from this same list. The open Database is reconnected to the restored file (its connections are
closed before and reopened after, an older schema is upgraded) and every view refreshes; ``restored(path)``
tells the window, which may also reopen the file its own way.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from saiga_desk.core import backups
from saiga_desk.core.backup_checksum import read_checksum
from saiga_desk.core.backup_restore import restore_in_place
from saiga_desk.core.errors import SaigaError
from saiga_desk.i18n import _
from saiga_desk.ui.errors import show_error

log = logging.getLogger(__name__)


def reason_label(reason: str) -> str:
    return {
        "auto": _("Daily"),
        "before-import": _("Before an import"),
        "before-upgrade": _("Before an upgrade"),
        "before-restore": _("Before a restore"),
        "manual": _("By hand"),
    }.get(reason, reason)


def size_text(n: int) -> str:
    if n < 1024 * 1024:
        return _("{n} KB").format(n=max(1, round(n / 1024)))
    return _("{n:.1f} MB").format(n=n / (1024 * 1024))


class RestoreDialog(QDialog):
    restored = Signal(str)  # the database file that now holds the backup's data

    def __init__(self, db, parent: QWidget | None = None):
        super().__init__(parent)
        self.db = db
        self.setObjectName("restore_dialog")
        self.setWindowTitle(_("Restore from a backup"))
        self.resize(760, 420)
        self.backups: list[backups.BackupInfo] = []
        layout = QVBoxLayout(self)
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        layout.addWidget(self.intro)
        self.table = QTableWidget(0, 4)
        self.table.setObjectName("backups_table")
        self.table.setHorizontalHeaderLabels([_("Made on"), _("Why"), _("Size"), _("File")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.table.itemDoubleClicked.connect(lambda _item: self.restore_selected())
        layout.addWidget(self.table, 1)
        buttons = QHBoxLayout()
        self.open_folder_button = QPushButton(_("Open the backup folder"))
        self.open_folder_button.setObjectName("open_backup_folder")
        self.open_folder_button.clicked.connect(self.open_folder)
        buttons.addWidget(self.open_folder_button)
        buttons.addStretch(1)
        self.restore_button = QPushButton(_("Restore…"))
        self.restore_button.setObjectName("restore_button")
        self.restore_button.clicked.connect(self.restore_selected)
        buttons.addWidget(self.restore_button)
        close = QPushButton(_("Close"))
        close.clicked.connect(self.reject)
        buttons.addWidget(close)
        layout.addLayout(buttons)
        self.refresh()

    # ------------------------------------------------------------------------------ listing
    def refresh(self) -> None:
        if self.db.path is None:
            self.intro.setText(
                _(
                    "Backups of a shared server database are made by its administrator (for PostgreSQL: pg_dump)."
                )
            )
            self.backups = []
            self.open_folder_button.setEnabled(False)
        else:
            self.backups = backups.list_backups(self.db)
            self.intro.setText(
                _(
                    "Backups of {db}, newest first. Restoring puts the chosen backup in place of the database; "
                    "the current file is kept as a backup first, so the restore can be undone."
                ).format(db=self.db.path.name)
                if self.backups
                else _("There are no backups of {db} yet.").format(db=self.db.path.name)
            )
        self.table.setRowCount(len(self.backups))
        for row, info in enumerate(self.backups):
            cells = [
                f"{info.created:%Y-%m-%d %H:%M:%S}",
                reason_label(info.reason),
                size_text(info.size),
                info.name,
            ]
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if col == 2:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                item.setToolTip(str(info.path))
                self.table.setItem(row, col, item)
        self.table.resizeColumnsToContents()
        if self.backups:
            self.table.selectRow(0)
        self._selection_changed()

    def _selection_changed(self) -> None:
        self.restore_button.setEnabled(self.selected() is not None)

    def selected(self) -> backups.BackupInfo | None:
        rows = {i.row() for i in self.table.selectedIndexes()}
        if len(rows) != 1:
            return None
        row = rows.pop()
        return self.backups[row] if 0 <= row < len(self.backups) else None

    def open_folder(self) -> None:
        if self.db.path is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(backups.folder_for(self.db.path))))

    # ------------------------------------------------------------------------------ restoring
    def confirm(self, info: backups.BackupInfo) -> bool:
        answer = QMessageBox.question(
            self,
            _("Restore from a backup"),
            _(
                "Replace the database {db} with the backup made on {when:%Y-%m-%d %H:%M}?\n\n"
                "Changes made since then will no longer be in the database. The current file is kept as a "
                "backup first, so you can go back to it from this list."
            ).format(db=self.db.path.name, when=info.created),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        return answer == QMessageBox.StandardButton.Yes

    def restore_selected(self) -> bool:
        info = self.selected()
        if info is None or self.db.path is None or not self.confirm(info):
            return False
        try:
            QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
            try:
                kept = restore_in_place(self.db, info.path)
            finally:
                QApplication.restoreOverrideCursor()
        except SaigaError as e:
            show_error(self, e, _("Restore from a backup"))
            self.refresh()
            return False
        log.info("restored %s from %s; previous file kept as %s", self.db.path, info.path, kept)
        self.restored.emit(str(self.db.path))
        text = _(
            "The database now holds the data of {when:%Y-%m-%d %H:%M}. The file it replaced was kept as {kept}."
        ).format(when=info.created, kept=kept.name)
        if read_checksum(info.path) is None:
            text += "\n\n" + _(
                "The backup has no checksum (it was made by an older version): it was verified by its content only."
            )
        QMessageBox.information(self, _("Restore from a backup"), text)
        self.accept()
        return True
