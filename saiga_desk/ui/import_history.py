"""Imports on the undo stack, and the Imports window (File → Import history).

Every import committed in the wizard goes on the window's undo stack as an ``ImportCommand``: right after
an import, Edit → Undo (Ctrl+Z) offers undoing it. Undoing an import (``core/import_undo.undo_batch``) is
for good: the command then leaves the stack (it is made obsolete), since the file would have to be read
and reviewed again to bring it back. The Imports window lists the recent batches with their counts and an
Undo button each; an undo from there goes through the stack when the import is the last thing done, and
otherwise marks the import's stack entry as undone, so a later Ctrl+Z does not try it twice.
"""

from __future__ import annotations

import logging
import os

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QUndoCommand, QUndoStack
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from saiga_desk.core import roles
from saiga_desk.core.errors import SaigaError
from saiga_desk.core.import_undo import list_batches, undo_batch
from saiga_desk.i18n import _, number
from saiga_desk.ui.history_panel import local_time
from saiga_desk.ui.tasks import run_task
from saiga_desk.ui.undo import report_later

log = logging.getLogger(__name__)


def undone_text(got: dict) -> str:
    return _(
        "Import #{batch} undone: {deleted} created records deleted, {restored} updates restored."
    ).format(batch=got["batch"], deleted=number(got["deleted"]), restored=number(got["restored"]))


class ImportCommand(QUndoCommand):
    """A committed import on the undo stack. Its first redo is the import itself (already written);
    its undo is ``undo_batch``, after which it leaves the stack."""

    def __init__(self, db, batch_id: int, file_name: str = ""):
        name = os.path.basename(file_name or "")
        super().__init__(
            _("Import {file}").format(file=name) if name else _("Import #{id}").format(id=batch_id)
        )
        self.db = db
        self.batch_id = batch_id
        self.undone = False  # set when the import was undone elsewhere (the Imports window, the wizard)
        self.result: dict | None = None
        self.error: SaigaError | None = None

    def redo(self) -> None:
        """Nothing: the import is written before its command is pushed, and an undone one leaves the stack."""

    def undo(self) -> None:
        if not self.undone:
            QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
            try:
                self.result = undo_batch(self.db, self.batch_id)
            except SaigaError as e:
                self.error = e
                report_later(e)
            finally:
                QGuiApplication.restoreOverrideCursor()
        self.undone = True
        self.setObsolete(True)  # no redo: the file would have to be imported again


def push_import(stack: QUndoStack | None, db, batch_id: int, file_name: str = "") -> ImportCommand:
    command = ImportCommand(db, batch_id, file_name)
    if stack is not None:
        stack.push(command)
    return command


def command_of(stack: QUndoStack | None, batch_id: int) -> ImportCommand | None:
    if stack is None:
        return None
    for i in range(stack.count()):
        cmd = stack.command(i)
        if isinstance(cmd, ImportCommand) and shiboken6.isValid(cmd) and cmd.batch_id == batch_id:
            return cmd
    return None


def undo_import(parent, db, stack: QUndoStack | None, batch_id: int, done, on_error=None) -> None:
    """Undo import ``batch_id``: through the stack when it is the last thing done, otherwise in the
    background (progress, no Cancel needed: one transaction) with its stack entry marked undone.
    ``done(result)`` gets ``{"batch", "deleted", "restored"}``."""
    cmd = command_of(stack, batch_id)
    if cmd is not None and not cmd.undone and stack.index() > 0 and stack.command(stack.index() - 1) is cmd:
        stack.undo()
        if cmd.error is not None:
            (on_error or (lambda e: None))(cmd.error)
        elif cmd.result is not None:
            done(cmd.result)
        return

    def finished(result):
        if cmd is not None and shiboken6.isValid(cmd):
            cmd.undone = True
        done(result)

    run_task(parent, _("Undoing the import"), lambda progress: undo_batch(db, batch_id), finished, on_error)


class ImportsDialog(QDialog):
    """The recent imports with their counts, and an Undo for each one not yet undone."""

    COLUMNS = (
        "id",
        "imported_at",
        "file_name",
        "sheet",
        "created",
        "updated",
        "unchanged",
        "skipped",
        "actor",
    )

    def __init__(self, db, stack: QUndoStack | None = None, parent=None, limit: int = 50):
        super().__init__(parent)
        self.setObjectName("importsDialog")
        self.db, self.stack, self.limit = db, stack, limit
        self.setWindowTitle(_("Import history"))
        self.resize(980, 420)
        self.table = QTableWidget(0, len(self.COLUMNS) + 1, self)
        self.table.setObjectName("imports")
        self.table.setHorizontalHeaderLabels(
            [_("Import"), _("When"), _("File"), _("Sheet"), _("New"), _("Updated"), _("Unchanged"), _("Skipped"),
             _("By"), ""]
        )  # fmt: skip
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.message = QLabel(self)
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(_("Close"))
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(
            QLabel(_("An import is undone as a whole: the records it created are deleted, the values it changed "
                     "are put back. It is refused when one of them was edited since."), self)
        )  # fmt: skip
        lay.addWidget(self.table, 1)
        lay.addWidget(self.message)
        lay.addWidget(buttons)
        self.buttons: dict[int, QPushButton] = {}
        self.fill()

    def fill(self) -> None:
        batches = list_batches(self.db, self.limit)
        admin = roles.is_admin(self.db)
        self.table.setRowCount(len(batches))
        self.buttons = {}
        for r, b in enumerate(batches):
            when = local_time(b["imported_at"]) if b["imported_at"] else ""
            values = (f"#{b['id']}", when, b["file_name"] or "", b["sheet"] or "", b["created"], b["updated"],
                      b["unchanged"], b["skipped"], b["actor"] or "")  # fmt: skip
            for c, v in enumerate(values):
                item = QTableWidgetItem(number(v) if isinstance(v, int) else str(v if v is not None else ""))
                if isinstance(v, int):
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if b["undone_at"] is not None:
                    item.setForeground(Qt.GlobalColor.gray)
                    item.setToolTip(
                        _("Undone on {when}").format(when=local_time(b["undone_at"]))
                    )
                self.table.setItem(r, c, item)
            button = QPushButton(_("Undo") if b["undone_at"] is None else _("Undone"), self.table)
            button.setObjectName(f"undo_{b['id']}")
            button.setEnabled(b["undone_at"] is None and admin)  # undoing an import is an admin's
            if not admin:
                button.setToolTip(roles.refusal(self.db))
            button.clicked.connect(lambda _checked=False, bid=b["id"]: self.undo(bid))
            self.table.setCellWidget(r, len(values), button)
            self.buttons[b["id"]] = button
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        if not batches:
            self.message.setText(_("No imports yet."))

    def undo(self, batch_id: int) -> None:
        button = self.buttons.get(batch_id)
        if button is not None:
            button.setEnabled(False)

        def done(result):
            self.message.setText(undone_text(result))
            self.fill()

        def failed(exc):
            self.message.setText(str(exc))
            self.fill()

        undo_import(self, self.db, self.stack, batch_id, done, failed)
