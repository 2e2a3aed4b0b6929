"""The Meetings page's "Documents" tab: the register of a meeting's documents, originals with their
revisions and corrigenda beneath, the next free symbols, and files kept in the document store."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from saiga_desk.core import meetings as mt
from saiga_desk.core import services as sv
from saiga_desk.core.changes import Changes
from saiga_desk.core.errors import SaigaError
from saiga_desk.core.listing_kinds import shown_kinds
from saiga_desk.i18n import _
from saiga_desk.ui.forms.opening import open_editor
from saiga_desk.ui.meeting_widgets import button
from saiga_desk.ui.meetings_dialogs import DocumentDialog, label_of
from saiga_desk.ui.signals import hub
from saiga_desk.ui.undo import CreateCommand, UpdateCommand, push


class DocumentsTab(QWidget):
    """``show_meeting(id)`` lists that meeting's documents; registering, revising and attaching are undoable."""

    document_selected = Signal(int)

    def __init__(self, db, undo_stack=None, parent: QWidget | None = None):
        super().__init__(parent)
        self.db = db
        self.undo_stack = undo_stack
        self.meeting_id: int | None = None
        self.quiet = False  # tests: no external viewer
        v = QVBoxLayout(self)
        v.setContentsMargins(4, 4, 4, 4)
        bar = QHBoxLayout()
        self.next_symbols = QLabel(self)
        self.next_symbols.setObjectName("nextSymbols")
        self.next_symbols.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        bar.addWidget(self.next_symbols, 1)
        bar.addWidget(button(self, _("New document…"), self.new_document, "newDocument"))
        bar.addWidget(button(self, _("Add revision…"), lambda: self.add_revision("Rev"), "addRevision"))
        bar.addWidget(
            button(self, _("Add corrigendum…"), lambda: self.add_revision("Corr"), "addCorrigendum")
        )
        bar.addWidget(button(self, _("Attach file…"), self.attach_file, "attachFile"))
        bar.addWidget(button(self, _("Open file"), self.open_file, "openFile", writes=False))
        v.addLayout(bar)
        self.tree = QTreeWidget(self)
        self.tree.setObjectName("documents")
        self.tree.setHeaderLabels(
            [
                _("Symbol"),
                _("Title"),
                _("Agenda item"),
                _("Languages"),
                _("Issued on"),
                _("Status"),
                _("File"),
            ]
        )
        self.tree.setRootIsDecorated(True)
        self.tree.setAlternatingRowColors(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.tree.setUniformRowHeights(True)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.resizeSection(0, 260)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for col, width in ((2, 90), (3, 80), (4, 95), (5, 80), (6, 180)):
            header.resizeSection(col, width)
        self.tree.itemDoubleClicked.connect(lambda item, _c: self.edit_document(item))
        self.tree.currentItemChanged.connect(self._current_changed)
        v.addWidget(self.tree, 1)
        hub.watch(db)
        hub.changed.connect(self._changed)

    # ------------------------------------------------------------------ reading
    def show_meeting(self, meeting_id: int | None) -> None:
        self.meeting_id = meeting_id
        self.reload()

    def _changed(self, changes: Changes) -> None:
        if self.meeting_id is not None and changes.touches(shown_kinds("documents")):
            self.reload()

    def reload(self) -> None:
        keep = self.current_document_id()
        self.tree.clear()
        if self.meeting_id is None:
            self.next_symbols.clear()
            return
        items: dict[int, QTreeWidgetItem] = {}
        for d in mt.list_documents(self.db, self.meeting_id):
            values = [
                d.symbol,
                d.title_en or "",
                d.agenda_item or "",
                d.languages or "",
                d.issued_on.isoformat() if d.issued_on else "",
                label_of(d.status),
                d.file_name or (d.link or ""),
            ]
            parent = items.get(d.original_id) if d.original_id else None
            item = QTreeWidgetItem(parent or self.tree, values)
            item.setData(0, Qt.ItemDataRole.UserRole, d.id)
            item.setToolTip(1, d.title_ru or d.title_en or "")
            if d.file_hash:
                item.setToolTip(6, _("SHA-256 {hash}").format(hash=d.file_hash))
            items[d.id] = item
        self.tree.expandAll()
        self.tree.resizeColumnToContents(0)
        if keep in items:
            self.tree.setCurrentItem(items[keep])
        try:
            nxt = [mt.next_symbol(self.db, self.meeting_id, s) for s in ("Doc", "Inf")]
            self.next_symbols.setText(_("Next free: {symbols}").format(symbols="  ·  ".join(nxt)))
        except SaigaError as e:
            self.next_symbols.setText(str(e))

    # ------------------------------------------------------------------ selection
    def current_document_id(self) -> int | None:
        item = self.tree.currentItem()
        return item.data(0, Qt.ItemDataRole.UserRole) if item is not None else None

    def selected_document_ids(self) -> list[int]:
        ids = [i.data(0, Qt.ItemDataRole.UserRole) for i in self.tree.selectedItems()]
        if not ids and self.current_document_id() is not None:
            ids = [self.current_document_id()]
        return ids

    def select_document(self, symbol: str) -> bool:
        items = self.tree.findItems(symbol, Qt.MatchFlag.MatchExactly | Qt.MatchFlag.MatchRecursive, 0)
        if items:
            self.tree.setCurrentItem(items[0])
        return bool(items)

    def _current_changed(self, current, _previous) -> None:
        if current is not None:
            self.document_selected.emit(current.data(0, Qt.ItemDataRole.UserRole))

    # ------------------------------------------------------------------ writing
    def _need_meeting(self) -> int:
        if self.meeting_id is None:
            raise SaigaError(_("Select a meeting first."))
        return self.meeting_id

    def _create(self, values: dict) -> int | None:
        command = CreateCommand(
            self.db, "documents", values, _("Register {symbol}").format(symbol=values["symbol"])
        )
        push(self.undo_stack, command)
        self.reload()
        self.select_document(values["symbol"])
        return command.record_id

    def new_document(self, values: dict | None = None) -> int | None:
        meeting_id = self._need_meeting()
        if values is None:
            dialog = DocumentDialog(self.db, meeting_id, self)
            if not dialog.exec():
                return None
            values = dialog.result_values
        return self._create(values)

    def add_revision(self, kind: str = "Rev", values: dict | None = None) -> int | None:
        meeting_id = self._need_meeting()
        doc_id = self.current_document_id()
        if doc_id is None:
            raise SaigaError(_("Select the document to revise or correct."))
        if values is None:
            original = sv.get(self.db, "documents", doc_id)
            dialog = DocumentDialog(self.db, meeting_id, self, original=original, kind=kind)
            if not dialog.exec():
                return None
            values = dialog.result_values
        return self._create(values)

    def attach_file(self, path: str | None = None) -> None:
        doc_id = self.current_document_id()
        if doc_id is None:
            raise SaigaError(_("Select a document first."))
        if path is None:
            path, _f = QFileDialog.getOpenFileName(self, _("Attach a file"))
            if not path:
                return
        before = sv.get(self.db, "documents", doc_id)
        name, file_hash = mt.store_file(path)
        if (before.file_name, before.file_hash) == (name, file_hash):
            return
        push(
            self.undo_stack,
            UpdateCommand(
                self.db,
                "documents",
                doc_id,
                {"file_name": before.file_name, "file_hash": before.file_hash},
                {"file_name": name, "file_hash": file_hash},
                before.version,
                _("Attach {name} to {symbol}").format(name=name, symbol=before.symbol),
            ),
        )

    def open_file(self) -> Path | None:
        doc_id = self.current_document_id()
        if doc_id is None:
            raise SaigaError(_("Select a document first."))
        path = mt.document_file_path(self.db, doc_id)
        if path is None:
            doc = sv.get(self.db, "documents", doc_id)
            if doc.link:
                QDesktopServices.openUrl(QUrl(doc.link))
                return None
            raise SaigaError(_("{symbol} has no file attached.").format(symbol=doc.symbol))
        if not self.quiet:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
        return path

    def edit_document(self, item=None):
        doc_id = item.data(0, Qt.ItemDataRole.UserRole) if item is not None else self.current_document_id()
        if doc_id is None:
            return None
        return open_editor(self, self.db, "documents", record_id=doc_id, undo_stack=self.undo_stack)


__all__ = ["DocumentsTab"]
