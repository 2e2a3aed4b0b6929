"""Edit → Find duplicates: candidate pairs with their scores and reasons; merge a pair or mark it as two
different records. The scan runs off the GUI thread with progress and Cancel (``ui/tasks.py``).

``install_duplicate_actions(window)`` puts "Find duplicates…" and "Merge with…" in the Edit menu and the
row menu of the main window; "Merge with…" asks for the other record of the selected person or
organization (its id, or picks it from the candidates found for that record).
"""

from __future__ import annotations

from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QMenu,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from saiga_desk.core import merges, roles
from saiga_desk.core.duplicates import DEFAULT_MIN_SCORE, KINDS, Candidate, find_duplicates
from saiga_desk.core.errors import CancelledError, SaigaError
from saiga_desk.i18n import _
from saiga_desk.ui.errors import show_error
from saiga_desk.ui.merge_dialog import MergeDialog
from saiga_desk.ui.merges_dialog import MergesDialog
from saiga_desk.ui.signals import hub
from saiga_desk.ui.tasks import run_task

ALL = "all"


def kind_label(kind: str) -> str:
    return {"persons": _("Persons"), "organizations": _("Organizations"), ALL: _("Both")}[kind]


class DuplicatesDialog(QDialog):
    def __init__(self, db, parent: QWidget | None = None, kind: str = "persons", undo_stack=None):
        super().__init__(parent)
        self.setObjectName("duplicates_dialog")
        self.setWindowTitle(_("Find duplicates"))
        self.resize(980, 560)
        self.db, self.undo_stack = db, undo_stack
        self.candidates: list[Candidate] = []
        self.task = None
        self._scans = 0
        layout = QVBoxLayout(self)
        bar = QHBoxLayout()
        bar.addWidget(QLabel(_("Records:")))
        self.kind_box = QComboBox()
        self.kind_box.setObjectName("duplicates_kind")
        for key in (*KINDS, ALL):
            self.kind_box.addItem(kind_label(key), key)
        self.kind_box.setCurrentIndex(max(0, self.kind_box.findData(kind)))
        bar.addWidget(self.kind_box)
        bar.addWidget(QLabel(_("Lowest score:")))
        self.min_score = QSpinBox()
        self.min_score.setObjectName("duplicates_min_score")
        self.min_score.setRange(0, 100)
        self.min_score.setValue(DEFAULT_MIN_SCORE)
        bar.addWidget(self.min_score)
        self.scan_button = QPushButton(_("Find"))
        self.scan_button.setObjectName("duplicates_scan")
        self.scan_button.clicked.connect(self.scan)
        bar.addWidget(self.scan_button)
        bar.addStretch(1)
        layout.addLayout(bar)
        self.table = QTableWidget(0, 5)
        self.table.setObjectName("duplicates_table")
        self.table.setHorizontalHeaderLabels([_("Score"), _("Kind"), _("First record"), _("Second record"),
                                              _("Why they may be one")])  # fmt: skip
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.table.itemDoubleClicked.connect(lambda _item: self.merge_selected())
        layout.addWidget(self.table, 1)
        buttons = QHBoxLayout()
        self.status = QLabel()
        self.status.setObjectName("duplicates_status")
        buttons.addWidget(self.status, 1)
        self.merge_button = QPushButton(_("Merge…"))
        self.merge_button.setObjectName("duplicates_merge")
        self.merge_button.clicked.connect(self.merge_selected)
        self.different_button = QPushButton(_("Not duplicates"))
        self.different_button.setObjectName("duplicates_different")
        self.different_button.setToolTip(_("These are different records: never propose this pair again"))
        self.different_button.clicked.connect(self.mark_selected_different)
        self.merges_button = QPushButton(_("Merges made…"))
        self.merges_button.setObjectName("duplicates_merges")
        self.merges_button.setToolTip(_("The merges made so far; undo one as a whole"))
        self.merges_button.clicked.connect(self.show_merges)
        close = QPushButton(_("Close"))
        close.clicked.connect(self.reject)
        for b in (self.merges_button, self.merge_button, self.different_button, close):
            buttons.addWidget(b)
        layout.addLayout(buttons)
        self.kind_box.currentIndexChanged.connect(lambda _i: self.scan())
        self._selection_changed()

    # ------------------------------------------------------------------ scanning
    def kinds(self) -> tuple[str, ...]:
        kind = self.kind_box.currentData()
        return KINDS if kind == ALL else (kind,)

    def scan(self) -> None:
        if self.task is not None and not self.task.is_done:
            self.task.cancel()
        kinds, min_score = self.kinds(), self.min_score.value()
        self.status.setText(_("Looking for duplicates…"))
        self.scan_button.setEnabled(False)

        def job(progress):
            return [c for kind in kinds for c in find_duplicates(self.db, kind, min_score, progress)]

        self._scans += 1
        scan = self._scans  # only the latest scan speaks: an earlier one, cancelled, stays silent
        self.task = run_task(self, _("Finding duplicates"), job,
                             on_done=lambda found: scan == self._scans and self._show(found),
                             on_error=lambda exc: scan == self._scans and self._failed(exc))  # fmt: skip

    def _failed(self, exc) -> None:
        self.scan_button.setEnabled(True)
        if isinstance(exc, CancelledError):
            self.status.setText(_("Cancelled."))
            return
        self.status.setText("")
        show_error(self, exc, _("Find duplicates"))

    def _show(self, found: list[Candidate]) -> None:
        self.scan_button.setEnabled(True)
        self.candidates = sorted(found, key=lambda c: (-c.score, c.kind, c.ids))
        self.table.setRowCount(len(self.candidates))
        for row, c in enumerate(self.candidates):
            cells = [str(c.score), kind_label(c.kind), f"#{c.ids[0]} {c.titles[0]}", f"#{c.ids[1]} {c.titles[1]}",
                     c.shown_reasons()]  # fmt: skip
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.table.setItem(row, col, item)
        self.table.resizeColumnsToContents()
        for col in (2, 3):  # long names are elided; the reasons keep the rest of the width
            self.table.setColumnWidth(col, min(self.table.columnWidth(col), 260))
        self.status.setText(_("{n} candidate pairs").format(n=len(self.candidates)))
        if self.candidates:
            self.table.selectRow(0)
        self._selection_changed()

    def show_merges(self) -> MergesDialog:
        dialog = MergesDialog(self.db, self)
        dialog.finished.connect(lambda _r: self.scan())  # an undone merge brings its pair back
        dialog.open()
        return dialog

    # ------------------------------------------------------------------ acting on a pair
    def selected(self) -> Candidate | None:
        rows = self.table.selectionModel().selectedRows()
        return self.candidates[rows[0].row()] if rows else None

    def _selection_changed(self) -> None:
        on = self.selected() is not None
        self.merge_button.setEnabled(on)
        self.different_button.setEnabled(on)

    def _drop(self, c: Candidate) -> None:
        self.candidates = [x for x in self.candidates if x is not c and not (set(x.ids) & set(c.ids) and
                                                                              x.kind == c.kind)]  # fmt: skip
        self._show(self.candidates)

    def merge_dialog(self, c: Candidate) -> MergeDialog:
        return MergeDialog(self.db, c.kind, c.ids[0], c.ids[1], self, self.undo_stack)

    def merge_selected(self) -> MergeDialog | None:
        c = self.selected()
        if c is None:
            return None
        try:
            dialog = self.merge_dialog(c)
        except SaigaError as e:  # one of them was deleted or merged meanwhile
            show_error(self, e, _("Merge"))
            self._drop(c)
            return None
        dialog.accepted.connect(lambda: self._drop(c))
        dialog.open()
        return dialog

    def mark_selected_different(self) -> None:
        c = self.selected()
        if c is None:
            return
        try:
            merges.mark_not_duplicates(self.db, c.kind, *c.ids)
        except SaigaError as e:
            show_error(self, e, _("Not duplicates"))
            return
        hub.notify(c.kind)
        self.candidates = [x for x in self.candidates if x is not c]
        self._show(self.candidates)


# ------------------------------------------------------------------------------------------ the window
def install_duplicate_actions(window) -> None:
    """Edit → Find duplicates… and Merge with… (also on the row menu of persons and organizations)."""
    window.act_find_duplicates = QAction(_("Find du&plicates…"), window)
    window.act_find_duplicates.setObjectName("action_find_duplicates")
    window.act_find_duplicates.triggered.connect(lambda: open_duplicates(window))
    window.act_merge_with = QAction(_("&Merge with…"), window)
    window.act_merge_with.setObjectName("action_merge_with")
    window.act_merge_with.setToolTip(_("Merge the selected person or organization with another one"))
    window.act_merge_with.triggered.connect(lambda: merge_with(window))
    edit = window.menuBar().findChild(QMenu, "menu_edit")
    if edit is not None:
        edit.addSeparator()
        edit.addAction(window.act_find_duplicates)
        edit.addAction(window.act_merge_with)
    separator = QAction(window)
    separator.setSeparator(True)
    window.extra_row_actions = (*getattr(window, "extra_row_actions", ()), separator, window.act_merge_with)
    window.tabs.currentChanged.connect(lambda _i: _update_merge_action(window))
    _update_merge_action(window)


def _update_merge_action(window) -> None:
    page = window.current_page()
    window.act_merge_with.setEnabled(getattr(page, "table_name", "") in KINDS and roles.can_write(window.db))


def open_duplicates(window) -> DuplicatesDialog:
    page = window.current_page()
    kind = getattr(page, "table_name", "persons")
    dialog = DuplicatesDialog(window.db, window, kind if kind in KINDS else "persons", window.undo_stack)
    dialog.show()
    dialog.scan()
    return dialog


def merge_with(window, other_id: int | None = None) -> MergeDialog | None:
    """Merge the selected record with another: its id is asked for (the best candidates are offered)."""
    page = window.current_page()
    kind = getattr(page, "table_name", "")
    ids = page.selected_ids() if kind in KINDS else []
    if not ids:
        show_error(window, SaigaError(_("Select one person or organization first.")), _("Merge with"))
        return None
    if len(ids) == 2 and other_id is None:
        other_id = ids[1]
    kept_id = ids[0]
    if other_id is None:  # offer the candidates found for this record, found off the GUI thread
        run_task(window, _("Finding duplicates"), lambda progress: find_duplicates(window.db, kind, 30, progress),
                 on_done=lambda found: _ask_other(window, kind, kept_id, found))  # fmt: skip
        return None
    return open_merge(window, kind, kept_id, other_id)


def open_merge(window, kind: str, kept_id: int, other_id: int) -> MergeDialog | None:
    try:
        dialog = MergeDialog(window.db, kind, kept_id, other_id, window, window.undo_stack)
    except SaigaError as e:
        show_error(window, e, _("Merge with"))
        return None
    dialog.open()
    return dialog


def _ask_other(window, kind: str, kept_id: int, found: list[Candidate]) -> None:
    found = [c for c in found if kept_id in c.ids]
    offers = [f"#{c.ids[1] if c.ids[0] == kept_id else c.ids[0]} "
              f"{c.titles[1] if c.ids[0] == kept_id else c.titles[0]} ({c.score})" for c in found]  # fmt: skip
    text, ok = QInputDialog.getItem(window, _("Merge with"), _("The record to merge into #{id} (or type its number):")
                                    .format(id=kept_id), offers, 0, True)  # fmt: skip
    if not ok:
        return
    digits = text.strip().lstrip("#").split(" ")[0]
    if not digits.isdigit():
        show_error(
            window, SaigaError(_("“{text}” is not a record number.").format(text=text)), _("Merge with")
        )
        return
    open_merge(window, kind, kept_id, int(digits))
