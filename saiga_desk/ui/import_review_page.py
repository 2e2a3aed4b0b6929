"""The review step of the import wizard: row by row, field by field, a bad cell corrected in place. The
review's decisions are io's (``io/import_review.py``, ``io/import_correction.py``); the Done page is
``import_summary_page.py``.
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
    QTableView,
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
from saiga_desk.io.import_matching import choose_match
from saiga_desk.io.import_review import field_review, set_field_accepted, side_by_side
from saiga_desk.ui.import_review_rows import SHOWN, TICKED, ReviewRows

NOTES_SHOWN = 6  # what the sheet itself is told about, at most, before "… and N more"
MEASURED_ROWS = 200  # the rows the review's columns are sized to (every row is shown, only these measured)


class ReviewPage(QWizardPage):
    def __init__(self, wizard):
        super().__init__()
        self.w = wizard
        self.setTitle(_("Review"))
        self.counts = QLabel()
        self.sheet_notes = QLabel()  # rows left out below the data, damaged cells, cut texts: never silent
        self.sheet_notes.setWordWrap(True)
        self.sheet_notes.setTextFormat(Qt.PlainText)
        self.sheet_notes.setStyleSheet("color: #8a5300")
        self.all = QRadioButton(_("All rows"))
        self.only_errors = QRadioButton(_("Only errors"))
        self.only_changes = QRadioButton(_("Only changes"))
        self.only_possible = QRadioButton(_("Only possible matches"))
        self.all.setChecked(True)
        for b in (self.all, self.only_errors, self.only_changes, self.only_possible):
            b.toggled.connect(self.fill)
        save = QPushButton(_("Save error report…"))
        save.clicked.connect(self.save_report)
        top = QHBoxLayout()
        for wdg in (self.all, self.only_errors, self.only_changes, self.only_possible):
            top.addWidget(wdg)
        top.addStretch(1)
        top.addWidget(save)
        self.model = ReviewRows(self)  # every row of the plan; texts made for the rows on screen
        self.model.ticked.connect(self._toggled)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setResizeContentsPrecision(MEASURED_ROWS)
        self.table.verticalHeader().setVisible(False)  # the Row column is the sheet's row number
        self.table.setWordWrap(False)  # one line a row: long texts end in "…" (the row's fields show them whole)
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 8)  # as the listings
        self.table.setSelectionBehavior(QTableView.SelectRows)
        self.table.setSelectionMode(QTableView.SingleSelection)
        self.table.selectionModel().currentRowChanged.connect(lambda current, _prev: self.show_fields(current.row()))
        # the fields of the selected row: tick or untick each change (old -> new)
        self.fields_title = QLabel(_("Select a row to accept or reject its fields one by one."))
        self.fields = QTableWidget(0, 4)
        self.fields.setHorizontalHeaderLabels([_("Field (import it)"), _("In the database"), _("From the file"),
                                               _("Problem")])  # fmt: skip
        self.fields.horizontalHeader().setStretchLastSection(True)
        self.fields.verticalHeader().setVisible(False)
        self.fields.itemChanged.connect(self._field_toggled)
        self.fields.resizeColumnsToContents()  # the headers readable before a row is chosen
        self._field_keys: list[str] = []
        self._current = None
        detail = QWidget()
        dl = QVBoxLayout(detail)
        dl.setContentsMargins(0, 0, 0, 0)
        dl.addWidget(self._match_box())
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
        lay.addWidget(self.sheet_notes)
        lay.addLayout(top)
        lay.addWidget(split, 1)
        lay.addWidget(self.error)
        self.setCommitPage(True)
        self.setButtonText(QWizard.CommitButton, _("Import"))

    def _match_box(self) -> QWidget:
        """A possible match side by side (the stored person, this row) and the officer's choice."""
        self.match_title = QLabel()
        self.match_title.setWordWrap(True)
        self.match = QTableWidget(0, 3)
        self.match.setHorizontalHeaderLabels([_("Field"), _("Stored person"), _("This row")])
        self.match.horizontalHeader().setStretchLastSection(True)
        self.match.verticalHeader().setVisible(False)
        self.update_person = QPushButton(_("Update that person"))
        self.new_person = QPushButton(_("Create a new person"))
        self.update_person.clicked.connect(lambda: self._choose(True))
        self.new_person.clicked.connect(lambda: self._choose(False))
        buttons = QHBoxLayout()
        buttons.addWidget(self.update_person)
        buttons.addWidget(self.new_person)
        buttons.addStretch(1)
        self.match_box = QWidget()
        lay = QVBoxLayout(self.match_box)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.match_title)
        lay.addWidget(self.match, 1)
        lay.addLayout(buttons)
        self.match_box.setVisible(False)
        return self.match_box

    def _show_match(self, rp) -> None:
        pid = rp.possible_person if rp is not None else None
        earlier = rp.possible_row if rp is not None and pid is None else None
        self.match_box.setVisible(pid is not None or earlier is not None)
        if pid is None and earlier is None:
            return
        if pid is not None:
            chosen = rp.person_id == pid
            self.match_title.setText(
                (_("Row {row} updates person #{id} (same name and country, another or no email).") if chosen else
                 _("Row {row} is possibly person #{id} (same name and country, another or no email); it is "
                   "imported as a new person unless you update that person.")).format(row=rp.row, id=pid)
            )  # fmt: skip
            self.match.setHorizontalHeaderItem(1, QTableWidgetItem(_("Stored person")))
            self.update_person.setText(_("Update that person"))
            self.new_person.setText(_("Create a new person"))
        else:
            chosen = not rp.accepted
            self.match_title.setText(
                (_("Row {row} is left out: the same person as row {earlier}.") if chosen else
                 _("Row {row} is possibly the same person as row {earlier} (same name and country, another or no "
                   "email); it is imported as a separate person.")).format(row=rp.row, earlier=earlier)
            )  # fmt: skip
            self.match.setHorizontalHeaderItem(1, QTableWidgetItem(_("Row {row}").format(row=earlier)))
            self.update_person.setText(_("Same person: leave this row out"))
            self.new_person.setText(_("Import as a separate person"))
        pairs = side_by_side(self.w.plan, rp)
        self.match.setRowCount(len(pairs))
        for i, texts in enumerate(pairs):
            for j, text in enumerate(texts):
                item = QTableWidgetItem(text)
                item.setFlags(SHOWN)
                self.match.setItem(i, j, item)
        self.match.resizeColumnsToContents()
        self.update_person.setEnabled(not chosen)
        self.new_person.setEnabled(chosen)

    def _choose(self, update: bool) -> None:
        rp = self._current
        if rp is None:
            return
        if rp.possible_person is None:  # the same person as an earlier row: this row in or out
            rp.accepted = not update
        elif not choose_match(self.w.plan, rp, update):
            self.error.setText(_("Person #{id} is already updated by another row of this file.").format(
                id=rp.possible_person))  # fmt: skip
            return
        i = self.model.row_of(rp)
        if i >= 0:
            self.model.changed(i)
        self.show_fields(i)
        self._blocking()

    def initializePage(self):
        self.fill()

    def _counts(self) -> None:
        plan = self.w.plan
        c = {k: number(v) for k, v in plan.counts().items()}  # in the interface's digits
        self.counts.setText(
            _("{new} new, {changed} changed, {unchanged} unchanged, {duplicate} duplicates, {error} with errors, "
              "{possible} possible matches (sheet {sheet!r}, header row {row}).").format(
                sheet=plan.sheet, row=plan.header_row, **c)
        )  # fmt: skip

    def _notes(self) -> None:
        """What the reading and planning said of the sheet itself, not of a row the review lists."""
        notes = self.w.plan.problems
        lines = [ngettext("{n} note about the sheet:", "{n} notes about the sheet:", len(notes)).format(
            n=number(len(notes)))] if notes else []  # fmt: skip
        lines += ["• " + p.text(within_sheet=True) for p in notes[:NOTES_SHOWN]]
        if len(notes) > NOTES_SHOWN:
            lines.append(_("… and {n} more.").format(n=number(len(notes) - NOTES_SHOWN)))
        self.sheet_notes.setText("\n".join(lines))
        self.sheet_notes.setVisible(bool(notes))

    def fill(self):
        plan = self.w.plan
        if plan is None:
            return
        self._notes()
        if self.only_errors.isChecked():
            rows = [r for r in plan.rows if r.status == "error"]
        elif self.only_possible.isChecked():
            rows = [r for r in plan.rows if r.possible_person is not None or r.possible_row is not None]
        elif self.only_changes.isChecked():
            rows = [r for r in plan.rows if r.status in ("new", "changed")]
        else:
            rows = plan.rows
        self.model.show_rows(plan, rows)
        self.table.resizeColumnsToContents()
        if rows:  # sized on the first rows: the last row's number is the widest
            wide = self.table.fontMetrics().horizontalAdvance(f"{rows[-1].row}0") + 12
            self.table.setColumnWidth(1, max(self.table.columnWidth(1), wide))
        self.show_fields(self.table.currentIndex().row())
        self._blocking()  # and the counts

    def _toggled(self, i: int) -> None:
        """The officer ticked or unticked row ``i`` (the model wrote it)."""
        if self.model.rows[i] is self._current:
            self._show_match(self._current)
        self._blocking()

    def show_fields(self, row: int) -> None:
        """List the fields of review row ``row`` with a tick box each (old -> new, problems)."""
        self.fields.blockSignals(True)
        self.fields.setRowCount(0)
        self._field_keys = []
        self._current = self.model.rows[row] if 0 <= row < len(self.model.rows) else None
        rp = self._current
        self._show_match(rp)
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
                check.setFlags(SHOWN)
                check.setToolTip(_("A new person cannot be imported without it; untick the row instead."))
            else:
                check.setFlags(TICKED)
            self.fields.setItem(i, 0, check)
            for j, text in enumerate((f.old, f.new, f.problem), 1):
                item = QTableWidgetItem(text)
                item.setFlags(SHOWN)
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
        i = self.model.row_of(rp)
        if i >= 0:
            self.model.changed(i)
        self._blocking()

    def _corrected(self, rp, key: str, text: str) -> None:
        """The officer typed a value for a bad cell: the row is read and checked again (io)."""
        i = self.model.row_of(rp)  # found first: correct_cell replaces it in the plan's list, maybe this one
        new = correct_cell(self.w.db, self.w.plan, rp, key, text)
        if i >= 0:
            self.model.rows[i] = new
            self.model.changed(i)
            QTimer.singleShot(0, lambda: self.show_fields(i))  # not from inside the edited cell's signal
        self._blocking()

    def _blocking(self):
        if self.w.plan is not None:
            self._counts()  # the summary follows each row or field ticked or unticked
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
