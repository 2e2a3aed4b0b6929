"""Reports: pick a report and its options, preview it in the window, save it as PDF, print it."""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
from pathlib import Path

from PySide6.QtCore import QDate, Qt, QTimer, Signal
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from saiga_desk.core import services as sv
from saiga_desk.core.errors import CancelledError
from saiga_desk.i18n import _, ngettext
from saiga_desk.io.reports import generate
from saiga_desk.io.reports.catalogue import CATALOGUE, REPORT_NAMES, REPORTS
from saiga_desk.io.reports.letters import PLACEHOLDERS, TEMPLATES, builtin
from saiga_desk.ui.pdf_preview import PdfPreview, print_pages

OPTIONS_WIDTH = 340  # the options pane; the preview takes the rest
REGENERATE_MS = 600  # the pause after the last option change before the preview is made again


class ReportsDialog(QDialog):
    """``ReportsDialog(db, parent=None, report=None, meeting_id=None)``."""

    generated = Signal(str)  # path of the PDF now shown
    failed = Signal(str)  # the message shown when a report could not be made

    def __init__(
        self, db, parent: QWidget | None = None, report: str | None = None, meeting_id: int | None = None
    ):
        super().__init__(parent)
        self.db = db
        self.setObjectName("reportsDialog")
        self.setWindowTitle(_("Reports"))
        self.resize(1100, 760)
        self._tmp = Path(tempfile.mkdtemp(prefix="saiga-reports-"))
        self._counter = 0
        self.pdf_path: Path | None = None
        self._options_shown: dict | None = None
        self.task = None
        self._pending_then = None
        self._build(report, meeting_id)

    # ------------------------------------------------------------------------------------------ layout
    def _build(self, report: str | None, meeting_id: int | None) -> None:
        self.report_box = QComboBox(objectName="reportBox")
        for entry in CATALOGUE:
            self.report_box.addItem(_(entry.title), entry.name)
        self.meeting_box = QComboBox(objectName="meetingBox")
        self.meeting_box.addItem(_("(latest Meeting of the Signatories)"), None)
        ids = sv.query_ids(self.db, "meetings", sort="start_date", descending=True)
        for row_id, row in zip(ids, sv.fetch_rows(self.db, "meetings", ids), strict=True):
            self.meeting_box.addItem(f"{row['code']} — {row['title_en']}", row["code"])
            if row_id == meeting_id:
                self.meeting_box.setCurrentIndex(self.meeting_box.count() - 1)
        self.as_at = QDateEdit(QDate.currentDate(), objectName="asAtEdit")
        self.as_at.setCalendarPopup(True)
        self.as_at.setDisplayFormat("yyyy-MM-dd")
        self.language_box = QComboBox(objectName="languageBox")
        self.language_box.addItem("English", "en")
        self.language_box.addItem("Русский", "ru")
        # deferred: loaded on first use, not at start-up (start-up speed)
        from saiga_desk.core import preferences

        self.language_box.setCurrentIndex(
            max(0, self.language_box.findData(preferences.report_language(self.db)))
        )
        self.final_box = QCheckBox(_("Final list (participants who attended)"), objectName="finalBox")
        # the two registers the Secretariat writes in; the text below is the chosen one's, and editable
        self.register_box = QComboBox(objectName="registerBox")
        self.register_box.addItem(_("Letter (signed, \"Dear …\")"), "letter")
        self.register_box.addItem(_("Note verbale (third person)"), "note-verbale")
        self.register_box.addItem(_("Own template (below)"), "")
        self.signed_by = QLabel(self._signed_by(preferences.letterhead(self.db)), objectName="signedByLabel")
        self.signed_by.setWordWrap(True)
        self.template_edit = QPlainTextEdit(objectName="templateEdit")
        self.template_edit.setPlainText(TEMPLATES["letter"][self.language_box.currentData()])
        self.template_edit.setToolTip(
            _("Placeholders: {names}").format(names=", ".join("{" + k + "}" for k in PLACEHOLDERS))
        )
        load = QPushButton(_("Load template…"), objectName="loadTemplate")
        load.clicked.connect(self._load_template)

        form = QFormLayout()
        form.addRow(_("Report"), self.report_box)
        form.addRow(_("Meeting"), self.meeting_box)
        form.addRow(_("As at"), self.as_at)
        form.addRow(_("Language"), self.language_box)
        form.addRow("", self.final_box)
        self.register_label = QLabel(_("Write as"))
        form.addRow(self.register_label, self.register_box)
        form.addRow(self.signed_by)
        self.template_label = QLabel(_("Letter template"))
        form.addRow(self.template_label)
        form.addRow(self.template_edit)
        form.addRow(load)
        self.preview_button = QPushButton(_("Preview"), objectName="previewButton")
        self.preview_button.setDefault(True)
        # clicked(bool) must never reach preview(then): a bool would be called as the follow-up
        self.preview_button.clicked.connect(lambda _checked=False: self.preview())
        form.addRow(self.preview_button)
        self.status = QLabel("", objectName="statusLabel")
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        form.addRow(self.status)
        left = QWidget()
        left.setLayout(form)

        self.pdf_preview = PdfPreview(self)
        self.document = self.pdf_preview.document
        self.view = self.pdf_preview.view
        split = QSplitter()
        split.addWidget(left)
        split.addWidget(self.pdf_preview)
        split.setStretchFactor(1, 3)
        split.setSizes([330, 770])
        self.split = split
        for box in (self.report_box, self.meeting_box):  # long titles must not widen the options pane
            box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            box.setMinimumContentsLength(24)
            box.setMinimumWidth(160)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(_("Close"))
        self.save_button = buttons.addButton(_("Save as PDF…"), QDialogButtonBox.ButtonRole.ActionRole)
        self.save_button.setObjectName("saveButton")
        self.print_button = buttons.addButton(_("Print…"), QDialogButtonBox.ButtonRole.ActionRole)
        self.print_button.setObjectName("printButton")
        self.save_button.clicked.connect(self.save)
        self.print_button.clicked.connect(self.print_)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(split, 1)
        row = QHBoxLayout()
        row.addWidget(buttons)
        layout.addLayout(row)

        self.report_box.currentIndexChanged.connect(self._update_fields)
        self.language_box.currentIndexChanged.connect(self._language_changed)
        self.register_box.currentIndexChanged.connect(self._register_changed)
        self.template_edit.textChanged.connect(self._template_edited)
        if report in REPORT_NAMES:
            self.report_box.setCurrentIndex(REPORT_NAMES.index(report))
        self._update_fields()
        # the preview is shown as soon as the dialog opens, and made again shortly after an option changes
        self._regenerate = QTimer(self, singleShot=True, interval=REGENERATE_MS)
        self._regenerate.timeout.connect(self._auto_preview)
        for signal in (self.report_box.currentIndexChanged, self.meeting_box.currentIndexChanged,
                       self.as_at.dateChanged, self.language_box.currentIndexChanged, self.final_box.toggled,
                       self.template_edit.textChanged, self.register_box.currentIndexChanged):  # fmt: skip
            signal.connect(self.options_changed)
        QTimer.singleShot(0, self._auto_preview)

    def showEvent(self, event) -> None:  # noqa: N802 - the options narrow, the preview wide, once laid out
        super().showEvent(event)
        if not getattr(self, "_split_done", False):
            self._split_done = True
            self.split.setSizes([OPTIONS_WIDTH, max(self.split.width() - OPTIONS_WIDTH, OPTIONS_WIDTH)])

    def options_changed(self, *_args) -> None:
        """An option changed: the preview is made again once the officer pauses (debounced)."""
        self._set_actions_enabled(False)
        self._regenerate.start()

    def _auto_preview(self) -> None:
        options = self.options()
        if options == self._options_shown:
            return
        if REPORTS[options["name"]].needs_meeting and not options["meeting_code"]:
            self.status.setText(_("Choose the meeting whose list you want."))
            return
        self.preview()

    def _update_fields(self) -> None:
        report = REPORTS[self.report_name()]
        self.as_at.setEnabled(report.uses_as_at)
        self.final_box.setVisible(report.final_list)
        for w in (self.template_edit, self.template_label, self.findChild(QPushButton, "loadTemplate"),
                  self.register_box, self.register_label, self.signed_by):  # fmt: skip
            w.setVisible(report.letters)
        self._set_actions_enabled(self.pdf_path is not None and self.options() == self._options_shown)

    def _language_changed(self) -> None:
        register = builtin(self.template_edit.toPlainText())
        if register:  # switch a built-in template with the language, never an edited one
            self.template_edit.setPlainText(TEMPLATES[register][self.language_box.currentData()])

    def _register_changed(self) -> None:
        register = self.register_box.currentData()
        if register and builtin(self.template_edit.toPlainText()) != register:
            self.template_edit.setPlainText(TEMPLATES[register][self.language_box.currentData()])

    def _template_edited(self) -> None:
        """An edited text is the officer's own template; a built-in one's text selects its register."""
        register = builtin(self.template_edit.toPlainText()) or ""
        if register != self.register_box.currentData():
            self.register_box.blockSignals(True)
            self.register_box.setCurrentIndex(self.register_box.findData(register))
            self.register_box.blockSignals(False)

    @staticmethod
    def _signed_by(head: dict) -> str:
        """What Settings put on every letter: the reference number and who signs."""
        reference = (head.get("reference") or "CMS/Saiga/NCP").strip().rstrip("/")
        if head.get("signatory_name"):
            signer = ", ".join(x for x in (head["signatory_name"], head.get("signatory_title")) if x)
            return _("Reference {reference}/…, dated today, signed by {signer} (Settings).").format(
                reference=reference, signer=signer)  # fmt: skip
        return _("Reference {reference}/…, dated today; no signatory in Settings: signed by the Secretariat.").format(
            reference=reference)  # fmt: skip

    def _set_actions_enabled(self, ready: bool) -> None:
        self.print_button.setEnabled(ready)

    def _load_template(self) -> None:
        name, _filter = QFileDialog.getOpenFileName(
            self, _("Letter template"), "", _("Text files (*.txt);;All files (*)")
        )
        if name:
            try:
                self.template_edit.setPlainText(Path(name).read_text(encoding="utf-8-sig"))
            except (OSError, UnicodeDecodeError) as e:
                self._show_error(_("Cannot read {file}: {error}").format(file=name, error=e))

    # ------------------------------------------------------------------------------------------ options
    def report_name(self) -> str:
        return self.report_box.currentData()

    def options(self) -> dict:
        report = REPORTS[self.report_name()]
        return {
            "name": report.name,
            "meeting_code": self.meeting_box.currentData(),
            "as_at": self.as_at.date().toPython() if report.uses_as_at else dt.date.today(),
            "language": self.language_box.currentData(),
            "final": self.final_box.isChecked() if report.final_list else False,
            # a built-in register by its name (each letter then in its recipient's language), else the text
            "template": (self.register_box.currentData() or self.template_edit.toPlainText()) if report.letters
            else None,
        }

    # ------------------------------------------------------------------------------------------ generate
    def preview(self, then=None) -> None:
        """Generate the report off the GUI thread and show it; ``then(path)`` runs after success."""
        if self.task is not None and not self.task.is_done:
            self._pending_then = then or self._pending_then  # a save or print waits for the running one
            return
        then, self._pending_then = then or self._pending_then, None
        options = self.options()
        if REPORTS[options["name"]].needs_meeting and not options["meeting_code"]:
            self._show_error(_("Choose the meeting whose list you want."))
            return
        self._counter += 1
        target = self._tmp / f"report-{self._counter}.pdf"
        db = self.db

        def work(progress):
            kwargs = {k: v for k, v in options.items() if k != "name"}
            return generate(db, options["name"], target, progress=progress, **kwargs)

        def done(path):
            if self.options() != options:  # changed while it was being made: make the current one
                self.preview_button.setEnabled(True)
                self.preview(then)
                return
            self._show(Path(path), options)
            if then is not None:
                then(Path(path))

        def failed(exc):
            if self.options() != options and not isinstance(exc, CancelledError):
                self.preview_button.setEnabled(True)
                self.preview(then)
                return
            self._failed(exc)

        self.status.setText(_("Preparing the report…"))
        self.preview_button.setEnabled(False)
        # deferred: loaded on first use, not at start-up (start-up speed)
        from saiga_desk.ui.tasks import run_task

        # no progress window: the status line says it is being prepared and the preview stays usable
        self.task = run_task(
            self, _("Preparing the report"), work, on_done=done, on_error=failed, show_dialog=False
        )

    def _show(self, path: Path, options: dict) -> None:
        self.preview_button.setEnabled(True)
        self.status.setStyleSheet("")
        self.document = self.pdf_preview.load(path)
        self.pdf_path = path
        self._options_shown = options
        pages = self.document.pageCount()
        self.status.setText(ngettext("{pages} page.", "{pages} pages.", pages).format(pages=pages))
        self._set_actions_enabled(True)
        self.generated.emit(str(path))

    def _failed(self, exc) -> None:
        self.preview_button.setEnabled(True)
        if isinstance(exc, CancelledError):
            self.status.setText(_("Cancelled."))
            return
        # deferred: loaded on first use, not at start-up (start-up speed)
        from saiga_desk.ui.errors import database_of, error_text

        self._show_error(error_text(exc, database_of(self)))

    def _show_error(self, message: str) -> None:
        self.status.setText(message)
        self.status.setStyleSheet("color: #a00000")
        self.failed.emit(message)

    def _current_pdf(self, then) -> None:
        """Run ``then(path)`` with a PDF of the current options, generating it when the preview is stale."""
        self.status.setStyleSheet("")
        if self.pdf_path is not None and self.options() == self._options_shown:
            then(self.pdf_path)
        else:
            self.preview(then)

    # ------------------------------------------------------------------------------------------ save, print
    def save(self) -> None:
        suggested = f"{self.report_name()}-{self.language_box.currentData()}.pdf"
        name, _filter = QFileDialog.getSaveFileName(self, _("Save as PDF"), suggested, _("PDF files (*.pdf)"))
        if name:
            self.save_to(Path(name))

    def save_to(self, target: Path) -> None:
        def copy(path: Path) -> None:
            try:
                shutil.copyfile(path, target)
            except OSError as e:
                self._show_error(_("Cannot write {file}: {error}").format(file=target, error=e.strerror or e))
                return
            self.status.setText(_("Saved to {file}.").format(file=target))

        self._current_pdf(copy)

    def print_(self) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        dialog.setMinMax(1, max(1, self.document.pageCount()))
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.print_to(printer)

    def print_to(self, printer: QPrinter) -> int:
        """Render the previewed pages onto ``printer``; returns the number of pages printed."""
        printed = print_pages(self.document, printer)
        if printed is None:
            self._show_error(_("The printer could not be started."))
            return 0
        self.status.setText(
            ngettext(
                "{pages} page sent to the printer.", "{pages} pages sent to the printer.", printed
            ).format(pages=printed)
        )
        return printed

    def done(self, result: int) -> None:  # noqa: D401 - QDialog.done
        self._regenerate.stop()
        if self.task is not None and not self.task.is_done:
            self.task.cancel()
        self.document.close()
        shutil.rmtree(self._tmp, ignore_errors=True)
        super().done(result)
