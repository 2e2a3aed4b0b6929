"""The import wizard: file -> sheet and header row (preview) -> mapping -> review -> commit -> summary.

Only io functions are called (plan_import, commit_import, write_error_report, undo_batch; the writing is
core's, ``core/imports.py``); long work runs off the GUI thread through saiga_desk.ui.tasks.run_task.
The pages are in import_steps.py (file, sheet, columns) and import_review_page.py (review, summary).
"""

from __future__ import annotations

import os

from PySide6.QtWidgets import QWizard

from saiga_desk.i18n import _
from saiga_desk.io.contact_import import choose_sheet, commit_import, plan_import
from saiga_desk.io.headers import find_header_row
from saiga_desk.io.workbook import open_book
from saiga_desk.ui.import_history import push_import
from saiga_desk.ui.import_review_page import ReviewPage
from saiga_desk.ui.import_steps import PREVIEW_ROWS, FilePage, MappingPage, SheetPage, run
from saiga_desk.ui.import_summary_page import SummaryPage


class ImportWizard(QWizard):
    def __init__(self, db, parent=None, path=None, kind="contacts", meeting_id=None, undo_stack=None):
        super().__init__(parent)
        self.db, self.kind, self.meeting_id = db, kind, meeting_id
        # the window's undo stack: a finished import goes on it (ui/import_history.ImportCommand)
        self.undo_stack = undo_stack if undo_stack is not None else getattr(parent, "undo_stack", None)
        self.book = None
        self.first_sheet: str | None = None  # found off the GUI thread with the book (read_file)
        self.first_header = 1
        self.book_ready = False
        self.plan = None
        self.result = None
        self.command = None  # the import's entry on the undo stack
        self.setWindowTitle(_("Import participants") if kind == "participants" else _("Import contacts"))
        self.setWizardStyle(QWizard.ModernStyle)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage)  # nothing left to cancel when done
        for button, text in ((QWizard.WizardButton.BackButton, _("< &Back")), (QWizard.WizardButton.NextButton,
                             _("&Next >")), (QWizard.WizardButton.CancelButton, _("Cancel")),
                             (QWizard.WizardButton.FinishButton, _("&Finish"))):  # fmt: skip
            self.setButtonText(button, text)  # in the interface's language, whatever Qt's catalogue holds
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
    def read_file(self, path: str, done) -> None:
        """Open the book and find its likeliest sheet and header row in the background (a large file takes
        seconds), then call ``done((book, sheet, header_row))`` on the GUI thread; Cancel stops it."""
        kind = self.kind

        def job(progress):
            progress.report(0, 0, _("Reading {file}").format(file=os.path.basename(path)))
            book = open_book(path)
            progress.report(0, 0, _("Finding the sheet and its header row"))
            sheet = choose_sheet(book, kind)
            rows = book.sheet(sheet).rows
            progress.report(0, 0, _("Finding the sheet and its header row"))
            return book, sheet, find_header_row(rows, kind)[0] + 1

        self.file_page.error.setText("")
        run(self, _("Reading the file"), job, done)

    def make_plan(self, done) -> None:
        """Plan in the background, then call ``done(plan)`` on the GUI thread."""
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
        plan = self.plan

        def committed(result):
            if result.batch_id is not None:  # right after an import, Undo offers undoing it
                self.command = push_import(self.undo_stack, self.db, result.batch_id, plan.file_name)
            done(result)

        run(self, _("Importing"), lambda progress: commit_import(self.db, plan, progress=progress), committed)


ImportWizard.plan_ready = False

__all__ = ["ImportWizard", "FilePage", "SheetPage", "MappingPage", "ReviewPage", "SummaryPage", "run",
           "PREVIEW_ROWS"]  # fmt: skip
