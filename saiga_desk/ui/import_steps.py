"""The first steps of the import wizard: the file, the sheet and its header row (preview), the columns.

Planning and committing are io's (``io/contact_import.py``); long work runs off the GUI thread through
``run`` (saiga_desk.ui.tasks.run_task).
"""

from __future__ import annotations

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
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWizardPage,
)

from saiga_desk.core.errors import SaigaError
from saiga_desk.i18n import _
from saiga_desk.io import headers as hd
from saiga_desk.io.contact_import import column_letter, remembered_mapping
from saiga_desk.ui.tasks import run_task

PREVIEW_ROWS = 15


def text_of(v) -> str:
    return "" if v is None else str(v)


def run(parent, title, fn, on_done):
    """``fn(progress)`` off the GUI thread (ui.tasks.run_task); its error is shown on the current page."""

    def on_error(exc):
        parent.setProperty("last_error", str(exc))
        page = parent.currentPage()
        if hasattr(page, "error"):
            page.error.setText(str(exc))

    return run_task(parent, title, fn, on_done, on_error)


class FilePage(QWizardPage):
    def __init__(self, wizard):
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
        """Read the file off the GUI thread, then move on by itself (the plan page does the same)."""
        if self.w.book_ready:
            self.w.book_ready = False
            return True

        def done(got):
            self.w.book, self.w.first_sheet, self.w.first_header = got
            self.w.book_ready = True
            self.w.next()

        self.w.read_file(self.path.text().strip(), done)
        return False


class SheetPage(QWizardPage):
    def __init__(self, wizard):
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
        book = self.w.book
        self.sheet.blockSignals(True)
        self.sheet.clear()
        for name in book.sheet_names:
            label = name if book.visible.get(name, True) else name
            self.sheet.addItem(label)
            if not book.visible.get(name, True):
                self.sheet.setItemData(self.sheet.count() - 1, _("hidden sheet"), Qt.ToolTipRole)
        if self.w.first_sheet:  # found with the book, off the GUI thread (ImportWizard.read_file)
            self.sheet.setCurrentText(self.w.first_sheet)
        self.sheet.blockSignals(False)
        self.header_row.blockSignals(True)
        self.header_row.setValue(self.w.first_header)
        self.header_row.blockSignals(False)
        self._show()

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
        # columns lettered as on every other page and in the messages (A, B, … as in Excel)
        self.preview.setHorizontalHeaderLabels([column_letter(c) for c in range(width)])
        hr = self.header_row.value() - 1
        for r, cells in enumerate(shown):
            for c, v in enumerate(cells):
                item = QTableWidgetItem(text_of(v) if v != "" else "")
                if r == hr:
                    f = item.font()
                    f.setBold(True)
                    item.setFont(f)
                    item.setBackground(Qt.yellow)
                self.preview.setItem(r, c, item)


class MappingPage(QWizardPage):
    def __init__(self, wizard):
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
            self.table.setItem(i, 1, QTableWidgetItem(text_of(h)))
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
