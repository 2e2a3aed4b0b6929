"""The import wizard: file -> sheet and header row (preview) -> mapping -> review -> commit -> summary.

Only io functions are called (plan_import, commit_import, write_error_report); long work runs off the GUI
thread through saiga_desk.ui.tasks.run_task.
"""

from __future__ import annotations

import os

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from saiga_desk.core.errors import SaigaError
from saiga_desk.i18n import _
from saiga_desk.io import headers as hd
from saiga_desk.io.workbook import open_book

PREVIEW_ROWS = 15
REVIEW_LIMIT = 2000  # rows shown at once in the review table (filters narrow it)


def _text(v) -> str:
    return "" if v is None else str(v)


class ImportWizard(QWizard):
    def __init__(self, db, parent=None, path=None, kind="contacts", meeting_id=None):
        super().__init__(parent)
        self.db, self.kind, self.meeting_id = db, kind, meeting_id
        self.book = None
        self.plan = None
        self.result = None
        self.setWindowTitle(_("Import participants") if kind == "participants" else _("Import contacts"))
        self.setWizardStyle(QWizard.ModernStyle)
        self.resize(980, 640)
        self.file_page = FilePage(self)
        self.sheet_page = SheetPage(self)
        self.mapping_page = MappingPage(self)
        self.review_page = ReviewPage(self)
        self.summary_page = SummaryPage(self)
        for p in (self.file_page, self.sheet_page, self.mapping_page, self.review_page, self.summary_page):
            self.addPage(p)
        if path:
            self.file_page.path.setText(os.fspath(path))

    # ---------------------------------------------------------------- steps
    def open_file(self, path: str) -> bool:
        try:
            self.book = open_book(path)
        except SaigaError as e:
            self.file_page.error.setText(str(e))
            return False
        self.file_page.error.setText("")
        return True

    def make_plan(self, done) -> None:
        """Plan in the background, then call ``done(plan)`` on the GUI thread."""
        from saiga_desk.io.contact_import import plan_import

        sheet = self.sheet_page.sheet.currentText()
        header = self.sheet_page.header_row.value()
        mapping = self.mapping_page.mapping()
        designate = self.file_page.designate.isChecked()

        def job(progress):
            return plan_import(self.db, self.file_page.path.text(), kind=self.kind, sheet=sheet, header_row=header,
                               mapping=mapping, designate=designate, meeting_id=self.meeting_id,
                               progress=progress, book=self.book)  # fmt: skip

        run(self, _("Checking the rows"), job, done)

    def commit(self, done) -> None:
        from saiga_desk.io.contact_import import commit_import

        plan = self.plan
        run(self, _("Importing"), lambda progress: commit_import(self.db, plan, progress=progress), done)


def run(parent, title, fn, on_done):
    """The lead's run_task when present; otherwise run inline (tests, early builds)."""
    try:
        from saiga_desk.ui.tasks import run_task
    except ImportError:  # pragma: no cover
        run_task = None
    if run_task is None:
        from saiga_desk.core.errors import Progress

        try:
            on_done(fn(Progress()))
        except SaigaError as e:
            parent.setProperty("last_error", str(e))
        return None

    def on_error(exc):
        parent.setProperty("last_error", str(exc))
        page = parent.currentPage()
        if hasattr(page, "error"):
            page.error.setText(str(exc))

    return run_task(parent, title, fn, on_done, on_error)


class FilePage(QWizardPage):
    def __init__(self, wizard: ImportWizard):
        super().__init__()
        self.w = wizard
        self.setTitle(_("Choose the file"))
        self.setSubTitle(
            _(
                "An Excel workbook (.xlsx) or a CSV file, in any layout, in English, Russian, Kazakh or Mongolian."
            )
        )
        self.path = QLineEdit()
        browse = QPushButton(_("Browse…"))
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        self.designate = QCheckBox(_("These are national contact points (create or supersede designations)"))
        self.designate.setVisible(wizard.kind == "contacts")
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b00020")
        lay = QVBoxLayout(self)
        lay.addLayout(row)
        lay.addWidget(self.designate)
        lay.addWidget(self.error)
        lay.addStretch(1)
        self.path.textChanged.connect(self.completeChanged)

    def _browse(self):
        path, _f = QFileDialog.getOpenFileName(
            self, _("Import"), "", _("Spreadsheets (*.xlsx *.xlsm *.csv);;All files (*)")
        )
        if path:
            self.path.setText(path)

    def isComplete(self) -> bool:
        return bool(self.path.text().strip())

    def validatePage(self) -> bool:
        return self.w.open_file(self.path.text().strip())


class SheetPage(QWizardPage):
    def __init__(self, wizard: ImportWizard):
        super().__init__()
        self.w = wizard
        self.setTitle(_("Sheet and header row"))
        self.sheet = QComboBox()
        self.header_row = QSpinBox()
        self.header_row.setRange(1, 1000)
        self.preview = QTableWidget()
        self.preview.setEditTriggers(QTableWidget.NoEditTriggers)
        self.error = QLabel()
        self.error.setStyleSheet("color: #b00020")
        form = QFormLayout()
        form.addRow(_("Sheet:"), self.sheet)
        form.addRow(_("Header row:"), self.header_row)
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(self.preview, 1)
        lay.addWidget(self.error)
        self.sheet.currentTextChanged.connect(self._sheet_changed)
        self.header_row.valueChanged.connect(self._show)

    def initializePage(self):
        from saiga_desk.io.contact_import import choose_sheet

        book = self.w.book
        self.sheet.blockSignals(True)
        self.sheet.clear()
        for name in book.sheet_names:
            label = name if book.visible.get(name, True) else name
            self.sheet.addItem(label)
            if not book.visible.get(name, True):
                self.sheet.setItemData(self.sheet.count() - 1, _("hidden sheet"), Qt.ToolTipRole)
        try:
            self.sheet.setCurrentText(choose_sheet(book, self.w.kind))
        except SaigaError as e:
            self.error.setText(str(e))
        self.sheet.blockSignals(False)
        self._sheet_changed(self.sheet.currentText())

    def _sheet_changed(self, name):
        try:
            rows = self.w.book.sheet(name).rows
        except SaigaError as e:
            self.error.setText(str(e))
            return
        self.error.setText("")
        row, _score = hd.find_header_row(rows, self.w.kind)
        self.header_row.setValue(row + 1)
        self._show()

    def _show(self):
        try:
            rows = self.w.book.sheet(self.sheet.currentText()).rows
        except SaigaError:
            return
        shown = rows[:PREVIEW_ROWS]
        width = max((len(r) for r in shown), default=0)
        self.preview.setRowCount(len(shown))
        self.preview.setColumnCount(width)
        hr = self.header_row.value() - 1
        for r, cells in enumerate(shown):
            for c, v in enumerate(cells):
                item = QTableWidgetItem(_text(v) if v != "" else "")
                if r == hr:
                    f = item.font()
                    f.setBold(True)
                    item.setFont(f)
                    item.setBackground(Qt.yellow)
                self.preview.setItem(r, c, item)


class MappingPage(QWizardPage):
    def __init__(self, wizard: ImportWizard):
        super().__init__()
        self.w = wizard
        self.setTitle(_("Columns"))
        self.setSubTitle(
            _("Check what each column holds; a mapping is remembered for files with the same headers.")
        )
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels([_("Column"), _("Header in the file"), _("Imported as")])
        self.table.horizontalHeader().setStretchLastSection(True)
        self.combos: list[QComboBox] = []
        self.error = QLabel()
        self.error.setStyleSheet("color: #b00020")
        lay = QVBoxLayout(self)
        lay.addWidget(self.table, 1)
        lay.addWidget(self.error)

    def initializePage(self):
        from saiga_desk.io.contact_import import column_letter, remembered_mapping

        sp = self.w.sheet_page
        rows = self.w.book.sheet(sp.sheet.currentText()).rows
        hr = sp.header_row.value() - 1
        headers = list(rows[hr]) if hr < len(rows) else []
        mapping = remembered_mapping(self.w.db, headers, self.w.kind) or hd.guess_mapping(
            headers, self.w.kind
        )
        fields = hd.KIND_FIELDS[self.w.kind]
        self.table.setRowCount(len(headers))
        self.combos = []
        for i, h in enumerate(headers):
            self.table.setItem(i, 0, QTableWidgetItem(column_letter(i)))
            self.table.setItem(i, 1, QTableWidgetItem(_text(h)))
            combo = QComboBox()
            combo.addItem(_("(not imported)"), None)
            for f in fields:
                combo.addItem(_(hd.FIELDS[f].label), f)
            if mapping[i]:
                combo.setCurrentIndex(combo.findData(mapping[i]))
            self.table.setCellWidget(i, 2, combo)
            self.combos.append(combo)
        self.table.resizeColumnsToContents()

    def mapping(self) -> list:
        return [c.currentData() for c in self.combos]

    def validatePage(self) -> bool:
        if not self.w.plan_ready:
            self.w.plan_ready = False

            def done(plan):
                self.w.plan = plan
                self.w.plan_ready = True
                self.w.next()

            self.error.setText("")
            self.w.make_plan(done)
            return False
        self.w.plan_ready = False
        return True


ImportWizard.plan_ready = False


class ReviewPage(QWizardPage):
    COLS = ("row", "status", "name", "email", "changes", "problems")

    def __init__(self, wizard: ImportWizard):
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
        self.table.setHorizontalHeaderLabels([_("Import"), _("Row"), _("Status"), _("Name"), _("Email"),
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
        c = plan.counts()
        self.counts.setText(
            _("{new} new, {changed} changed, {unchanged} unchanged, {duplicate} duplicates, {error} with errors "
              "(sheet {sheet!r}, header row {row}).").format(sheet=plan.sheet, row=plan.header_row, **c)
        )  # fmt: skip
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

    def _row_texts(self, i: int, rp) -> None:
        from saiga_desk.io.import_review import field_label, show

        status_names = {"new": _("new"), "changed": _("changed"), "unchanged": _("unchanged"),
                        "duplicate": _("duplicate"), "error": _("error")}  # fmt: skip
        plan = self.w.plan
        rejected = " (" + _("rejected") + ")"
        status = rp.effective if rp.status == "error" else rp.status
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
        for j, text in enumerate((str(rp.row), status_names[status], name, _text(rp.values.get("email")),
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
        from saiga_desk.io.import_review import field_review

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
                if j == 3 and text:
                    item.setForeground(Qt.red)
                self.fields.setItem(i, j, item)
            self._field_keys.append(f.key)
        self.fields.resizeColumnsToContents()
        self.fields.blockSignals(False)

    def _field_toggled(self, item):
        from saiga_desk.io.import_review import set_field_accepted

        rp = self._current
        if rp is None or item.column() != 0 or item.row() >= len(self._field_keys):
            return
        set_field_accepted(rp, self._field_keys[item.row()], item.checkState() == Qt.Checked)
        if rp in self._rows:
            self._row_texts(self._rows.index(rp), rp)
        self._blocking()

    def _blocking(self):
        blocking = self.w.plan.blocking() if self.w.plan else []
        self.error.setText(
            _("{n} errors block the import: fix the file, or untick those rows. First: {first}").format(
                n=len(blocking), first=blocking[0]
            )
            if blocking
            else ""  # fmt: skip
        )
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return self.w.plan is not None and not self.w.plan.blocking()

    def save_report(self):
        from saiga_desk.io.contact_import import write_error_report

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
    def __init__(self, wizard: ImportWizard):
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
                batch=r.batch_id, created=r.created, updated=r.updated, unchanged=r.unchanged, skipped=r.skipped)
        )  # fmt: skip
        self.undo.setEnabled(r.batch_id is not None)
        self._notify()

    def undo_import(self) -> None:
        from saiga_desk.io.import_commit import undo_batch

        r = self.w.result
        if r is None or r.batch_id is None:
            return
        self.undo.setEnabled(False)
        self.error.setText("")

        def done(got):
            self.undone.setText(
                _("Import #{batch} undone: {deleted} created records deleted, {restored} updates restored.").format(
                    **got)
            )  # fmt: skip
            self._notify()

        run(self.w, _("Undoing the import"), lambda progress: undo_batch(self.w.db, r.batch_id), done)

    def _notify(self) -> None:
        try:
            from saiga_desk.ui.signals import hub

            hub.notify("persons")
        except Exception:  # the hub is optional for the wizard
            pass
