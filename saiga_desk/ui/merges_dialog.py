"""The merges made (newest first), and undoing one as a whole — also one from an earlier session, which the
Edit → Undo stack no longer holds."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from saiga_desk.core import merges
from saiga_desk.core.errors import SaigaError
from saiga_desk.i18n import _
from saiga_desk.ui.errors import show_error
from saiga_desk.ui.signals import hub


class MergesDialog(QDialog):
    def __init__(self, db, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("merges_dialog")
        self.setWindowTitle(_("Merges made"))
        self.resize(820, 420)
        self.db = db
        self.merges: list[merges.MergeInfo] = []
        layout = QVBoxLayout(self)
        self.table = QTableWidget(0, 5)
        self.table.setObjectName("merges_table")
        self.table.setHorizontalHeaderLabels([_("Merge"), _("When"), _("Who"), _("What"), _("Undone")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        layout.addWidget(self.table, 1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.undo_button = QPushButton(_("Undo this merge"))
        self.undo_button.setObjectName("merges_undo")
        self.undo_button.clicked.connect(self.undo_selected)
        close = QPushButton(_("Close"))
        close.clicked.connect(self.reject)
        buttons.addWidget(self.undo_button)
        buttons.addWidget(close)
        layout.addLayout(buttons)
        self.reload()

    def reload(self) -> None:
        self.merges = merges.list_merges(self.db)
        self.table.setRowCount(len(self.merges))
        for row, x in enumerate(self.merges):
            cells = [str(x.id), _local(x.merged_at), x.actor, x.summary, _local(x.undone_at)]
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.table.setItem(row, col, item)
        self.table.resizeColumnsToContents()
        self._selection_changed()

    def selected(self) -> merges.MergeInfo | None:
        rows = self.table.selectionModel().selectedRows()
        return self.merges[rows[0].row()] if rows else None

    def _selection_changed(self) -> None:
        x = self.selected()
        self.undo_button.setEnabled(x is not None and x.undone_at is None)

    def undo_selected(self) -> None:
        x = self.selected()
        if x is None:
            return
        try:
            merges.undo_merge(self.db, x.id)
        except SaigaError as e:
            show_error(self, e, _("Undo this merge"))
            return
        hub.notify("*")
        self.reload()


def _local(at: dt.datetime | None) -> str:
    """A time stored in UTC, shown in the officer's time zone."""
    return at.replace(tzinfo=dt.UTC).astimezone().strftime("%Y-%m-%d %H:%M") if at else ""
