"""Which columns a table shows, and in which order: a dialog and a header context menu."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from saiga_desk.i18n import _


class ColumnChooser(QDialog):
    """Tick the columns to show; move them up and down to change their order."""

    def __init__(self, header: QHeaderView, titles: list[str], parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("columnChooser")
        self.setWindowTitle(_("Columns"))
        self.header = header
        self.titles = titles
        self.list = QListWidget(self)
        self.list.setObjectName("columns")
        for visual in range(header.count()):
            logical = header.logicalIndex(visual)
            item = QListWidgetItem(titles[logical])
            item.setData(Qt.ItemDataRole.UserRole, logical)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            hidden = header.isSectionHidden(logical)
            item.setCheckState(Qt.CheckState.Unchecked if hidden else Qt.CheckState.Checked)
            self.list.addItem(item)
        up = QPushButton(_("Move up"), self)
        down = QPushButton(_("Move down"), self)
        up.clicked.connect(lambda: self._move(-1))
        down.clicked.connect(lambda: self._move(1))
        side = QVBoxLayout()
        side.addWidget(up)
        side.addWidget(down)
        side.addStretch(1)
        row = QHBoxLayout()
        row.addWidget(self.list, 1)
        row.addLayout(side)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(_("Show these columns, in this order:"), self))
        layout.addLayout(row)
        layout.addWidget(buttons)
        self.resize(360, 420)

    def _move(self, step: int) -> None:
        row = self.list.currentRow()
        target = row + step
        if row < 0 or not 0 <= target < self.list.count():
            return
        item = self.list.takeItem(row)
        self.list.insertItem(target, item)
        self.list.setCurrentRow(target)

    def set_visible(self, title: str, visible: bool) -> None:
        """Tick or untick a column by its title (keyboard users and tests)."""
        for i in range(self.list.count()):
            item = self.list.item(i)
            if item.text() == title:
                item.setCheckState(Qt.CheckState.Checked if visible else Qt.CheckState.Unchecked)
                return
        raise KeyError(title)

    def accept(self) -> None:
        self.apply()
        super().accept()

    def apply(self) -> None:
        items = [self.list.item(i) for i in range(self.list.count())]
        if not any(it.checkState() == Qt.CheckState.Checked for it in items):
            items[0].setCheckState(Qt.CheckState.Checked)  # never an empty table
        for visual, item in enumerate(items):
            logical = item.data(Qt.ItemDataRole.UserRole)
            self.header.moveSection(self.header.visualIndex(logical), visual)
            self.header.setSectionHidden(logical, item.checkState() != Qt.CheckState.Checked)


def header_menu(header: QHeaderView, titles: list[str], parent: QWidget, more=None) -> QMenu:
    """The header's context menu: one checkable entry per column, and "Columns…"."""
    menu = QMenu(parent)
    visible = [i for i in range(header.count()) if not header.isSectionHidden(i)]
    for visual in range(header.count()):
        logical = header.logicalIndex(visual)
        action = QAction(titles[logical], menu)
        action.setCheckable(True)
        action.setChecked(not header.isSectionHidden(logical))
        if visible == [logical]:
            action.setEnabled(False)  # the last visible column stays
        action.toggled.connect(lambda on, i=logical: header.setSectionHidden(i, not on))
        menu.addAction(action)
    if more is not None:
        menu.addSeparator()
        menu.addAction(_("Columns…"), more)
    return menu
