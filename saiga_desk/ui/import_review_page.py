"""The last steps of the import wizard: the review (row by row, field by field) and the summary with its
undo. The review's decisions are io's (``io/import_review.py``); undo is core's through
``io/import_commit.undo_batch``.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from saiga_desk.i18n import _, ngettext, number
from saiga_desk.io.contact_import import write_error_report
from saiga_desk.io.import_correction import correct_cell, editable_field
from saiga_desk.io.import_review import field_label, field_review, set_field_accepted, show
from saiga_desk.ui.import_history import undo_import, undone_text
from saiga_desk.ui.import_steps import text_of

REVIEW_LIMIT = 2000  # rows shown at once in the review table (filters narrow it)


class ReviewPage(QWizardPage):
    COLS = ("row", "status", "name", "email", "changes", "problems")

    def __init__(self, wizard):
        super().__init__()
        self.w = wizard
        self.setTitle(_("Review"))
        self.counts = QLabel()
        self.all = QRadioButton(_("All rows"))
        self.only_errors = QRadioButton(_("Only errors"))
        self.only_changes = QRadioButton(_("Only changes"))
        self.all.setChecked(True)
        for b in (self.all, self.only_errors, self.only_changes):
            b.toggled.connect(self.fill)
        save = QPushButton(_("Save error report…"))
        save.clicked.connect(self.save_report)
        top = QHBoxLayout()
        for wdg in (self.all, self.only_errors, self.only_changes):
            top.addWidget(wdg)
        top.addStretch(1)
        top.addWidget(save)
        self.table = QTableWidget(0, len(self.COLS) + 1)
        self.table.setHorizontalHeaderLabels([_("Import"), _("Row"), _("Status"), _("Full name"), _("Email"),
                                              _("Changes (old → new)"), _("Problems")])  # fmt: skip
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setSelectionBehavior(QTableWidget.SelectRows)
        self.table.setSelectionMode(QTableWidget.SingleSelection)
        self.table.itemChanged.connect(self._toggled)
        self.table.currentCellChanged.connect(lambda row, *_a: self.show_fields(row))
        # the fields of the selected row: tick or untick each change (old -> new)
        self.fields_title = QLabel(_("Select a row to accept or reject its fields one by one."))
        self.fields = QTableWidget(0, 4)
        self.fields.setHorizontalHeaderLabels([_("Field (import it)"), _("In the database"), _("From the file"),
                                               _("Problem")])  # fmt: skip
        self.fields.horizontalHeader().setStretchLastSection(True)
        self.fields.verticalHeader().setVisible(False)
        self.fields.itemChanged.connect(self._field_toggled)
        self._field_keys: list[str] = []
        self._current = None
        detail = QWidget()
        dl = QVBoxLayout(detail)
        dl.setContentsMargins(0, 0, 0, 0)
        dl.addWidget(self.fields_title)
        dl.addWidget(self.fields, 1)
        split = QSplitter(Qt.Vertical)
        split.addWidget(self.table)
        split.addWidget(detail)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b00020")
        lay = QVBoxLayout(self)
        lay.addWidget(self.counts)
        lay.addLayout(top)
        lay.addWidget(split, 1)
        lay.addWidget(self.error)
        self.setCommitPage(True)
        self.setButtonText(QWizard.CommitButton, _("Import"))
        self._rows = []

    def initializePage(self):
        self.fill()

    def fill(self):
        plan = self.w.plan
        if plan is None:
            return
        self._recount()
        if self.only_errors.isChecked():
            rows = [r for r in plan.rows if r.status == "error"]
        elif self.only_changes.isChecked():
            rows = [r for r in plan.rows if r.status in ("new", "changed")]
        else:
            rows = plan.rows
        rows = rows[:REVIEW_LIMIT]
        self._rows = rows
        self.table.blockSignals(True)
        self.table.setRowCount(len(rows))
        for i, rp in enumerate(rows):
            check = QTableWidgetItem()
            check.setFlags(Qt.ItemIsUserCheckable | Qt.ItemIsEnabled | Qt.ItemIsSelectable)
            check.setCheckState(Qt.Checked if rp.accepted else Qt.Unchecked)
            self.table.setItem(i, 0, check)
            self._row_texts(i, rp)
        self.table.blockSignals(False)
        self.table.resizeColumnsToContents()
        self.show_fields(self.table.currentRow())
        self._blocking()

    def _recount(self) -> None:
        plan = self.w.plan
        self.counts.setText(
            _("{new} new, {changed} changed, {unchanged} unchanged, {duplicate} duplicates, {error} with errors "
              "(sheet {sheet!r}, header row {row}).").format(sheet=plan.sheet, row=plan.header_row,
                                                            **{k: number(v) for k, v in plan.counts().items()})
        )  # fmt: skip

    def _row_texts(self, i: int, rp) -> None:
        status_names = {"new": _("new"), "changed": _("changed"), "unchanged": _("unchanged"),
                        "duplicate": _("duplicate"), "error": _("error")}  # fmt: skip
        plan = self.w.plan
        rejected = " (" + _("rejected") + ")"
        status = rp.effective
        name = " ".join(x for x in (rp.values.get("given_name"), rp.values.get("family_name")) if x)
        changes = "; ".join(
            f"{field_label(k)}: {show(plan, k, a)} → {show(plan, k, b)}" + (rejected if k in rp.rejected_fields else "")
            for k, (a, b) in rp.changes.items()
        )  # fmt: skip
        problems = "; ".join(
            (f"{p.column}: " if p.column else "") + p.message + (rejected if p.severity == "error" and rp._rejected(p) else "")
            for p in rp.problems
        )  # fmt: skip
        was = self.table.blockSignals(True)
        for j, text in enumerate((str(rp.row), status_names[status], name, text_of(rp.values.get("email")),
                                  changes, problems), 1):  # fmt: skip
            item = QTableWidgetItem(text)
            item.setFlags(Qt.ItemIsEnabled | Qt.ItemIsSelectable)
            if status == "error":
                item.setForeground(Qt.red)
            self.table.setItem(i, j, item)
        self.table.blockSignals(was)

    def _toggled(self, item):
        if item.column() != 0 or item.row() >= len(self._rows):
            return
        self._rows[item.row()].accepted = item.checkState() == Qt.Checked
        self._blocking()

    def show_fields(self, row: int) -> None:
        """List the fields of review row ``row`` with a tick box each (old -> new, problems)."""
        self.fields.blockSignals(True)
        self.fields.setRowCount(0)
        self._field_keys = []
        self._current = self._rows[row] if 0 <= row < len(self._rows) else None
        rp = self._current
        if rp is None:
            self.fields_title.setText(_("Select a row to accept or reject its fields one by one."))
            self.fields.blockSignals(False)
            return
        reviews = field_review(self.w.plan, rp)
        self.fields_title.setText(
            _("Row {row}: untick a field to keep what the database holds (or leave it empty).").format(row=rp.row)
            if reviews else _("Row {row}: nothing to write.").format(row=rp.row)
        )  # fmt: skip
        self.fields.setRowCount(len(reviews))
        for i, f in enumerate(reviews):
            check = QTableWidgetItem(f.label)
            check.setCheckState(Qt.Checked if f.accepted else Qt.Unchecked)
            if f.required:  # a new person needs it: untick the whole row instead
                check.setFlags(Qt.ItemIsEnabled | Qt.ItemIsSelectable)
                check.setToolTip(_("A new person cannot be imported without it; untick the row instead."))
            else:
                check.setFlags(Qt.ItemIsUserCheckable | Qt.ItemIsEnabled | Qt.ItemIsSelectable)
            self.fields.setItem(i, 0, check)
            for j, text in enumerate((f.old, f.new, f.problem), 1):
                item = QTableWidgetItem(text)
                item.setFlags(Qt.ItemIsEnabled | Qt.ItemIsSelectable)
                if j == 2 and editable_field(rp, f.key):  # a bad cell is corrected here (F2 or double-click)
                    item.setFlags(item.flags() | Qt.ItemIsEditable)
                    item.setToolTip(_("Type the right value: the row is checked again (the file is not changed)."))
                if j == 3 and text:
                    item.setForeground(Qt.red)
                self.fields.setItem(i, j, item)
            self._field_keys.append(f.key)
        self.fields.resizeColumnsToContents()
        self.fields.blockSignals(False)

    def _field_toggled(self, item):
        rp = self._current
        if rp is not None and item.column() == 2 and item.row() < len(self._field_keys):
            self._corrected(rp, self._field_keys[item.row()], item.text())
            return
        if rp is None or item.column() != 0 or item.row() >= len(self._field_keys):
            return
        set_field_accepted(rp, self._field_keys[item.row()], item.checkState() == Qt.Checked)
        if rp in self._rows:
            self._row_texts(self._rows.index(rp), rp)
        self._blocking()

    def _corrected(self, rp, key: str, text: str) -> None:
        """The officer typed a value for a bad cell: the row is read and checked again (io)."""
        new = correct_cell(self.w.db, self.w.plan, rp, key, text)
        if rp in self._rows:
            i = self._rows.index(rp)
            self._rows[i] = new
            self._row_texts(i, new)
            check = self.table.item(i, 0)
            was = self.table.blockSignals(True)
            check.setCheckState(Qt.Checked if new.accepted else Qt.Unchecked)
            self.table.blockSignals(was)
            QTimer.singleShot(0, lambda: self.show_fields(i))  # not from inside the edited cell's signal
        self._blocking()

    def _blocking(self):
        if self.w.plan is not None:
            self._recount()  # the summary follows each row or field ticked or unticked
        blocking = self.w.plan.blocking() if self.w.plan else []
        self.error.setText(
            ngettext(
                "{n} error blocks the import: fix the file, or untick that row. First: {first}",
                "{n} errors block the import: fix the file, or untick those rows. First: {first}",
                len(blocking),
            ).format(
                n=len(blocking), first=blocking[0]
            )
            if blocking
            else ""  # fmt: skip
        )
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return self.w.plan is not None and not self.w.plan.blocking()

    def save_report(self):
        path, _f = QFileDialog.getSaveFileName(
            self, _("Save error report"), "import-errors.xlsx", "Excel (*.xlsx)"
        )
        if path:
            write_error_report(self.w.plan, path)

    def validatePage(self) -> bool:
        if self.w.result is None:

            def done(result):
                self.w.result = result
                self.w.next()

            self.w.commit(done)
            return False
        return True


class SummaryPage(QWizardPage):
    def __init__(self, wizard):
        super().__init__()
        self.w = wizard
        self.setTitle(_("Done"))
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.undo = QPushButton(_("Undo this import"))
        self.undo.clicked.connect(self.undo_import)
        self.undone = QLabel()
        self.undone.setWordWrap(True)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b00020")
        row = QHBoxLayout()
        row.addWidget(self.undo)
        row.addStretch(1)
        lay = QVBoxLayout(self)
        lay.addWidget(self.label)
        lay.addLayout(row)
        lay.addWidget(self.undone)
        lay.addWidget(self.error)
        lay.addStretch(1)

    def initializePage(self):
        r = self.w.result
        if r is None:
            return
        self.label.setText(
            _("Import #{batch} recorded: {created} new, {updated} updated, {unchanged} unchanged, {skipped} skipped. "
              "It can be undone as a whole, here or later with: saiga-desk import undo {batch}").format(
                batch=r.batch_id, created=number(r.created), updated=number(r.updated),
                unchanged=number(r.unchanged), skipped=number(r.skipped))
        )  # fmt: skip
        self.undo.setEnabled(r.batch_id is not None)

    def undo_import(self) -> None:
        r = self.w.result
        if r is None or r.batch_id is None:
            return
        self.undo.setEnabled(False)
        self.error.setText("")

        def failed(exc):
            self.error.setText(str(exc))

        # through the window's undo stack when the import is its last entry (ui/import_history.py)
        undo_import(self.w, self.w.db, self.w.undo_stack, r.batch_id,
                    lambda got: self.undone.setText(undone_text(got)), failed)  # fmt: skip
