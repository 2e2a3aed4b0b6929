"""The import wizard: file -> sheet and header row (preview) -> mapping -> review -> commit -> summary.

Only io functions are called (plan_import, commit_import, write_error_report, undo_batch; the writing is
core's, ``core/imports.py``); long work runs off the GUI thread through saiga_desk.ui.tasks.run_task.
The pages are in import_steps.py (file, sheet, columns) and import_review_page.py (review, summary).
"""

from __future__ import annotations

import os

from PySide6.QtWidgets import QWizard

from saiga_desk.core.errors import SaigaError
from saiga_desk.i18n import _
from saiga_desk.io.contact_import import commit_import, plan_import
from saiga_desk.io.workbook import open_book
from saiga_desk.ui.import_review_page import REVIEW_LIMIT, ReviewPage, SummaryPage
from saiga_desk.ui.import_steps import PREVIEW_ROWS, FilePage, MappingPage, SheetPage, run


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
        run(self, _("Importing"), lambda progress: commit_import(self.db, plan, progress=progress), done)


ImportWizard.plan_ready = False

__all__ = ["ImportWizard", "FilePage", "SheetPage", "MappingPage", "ReviewPage", "SummaryPage", "run",
           "PREVIEW_ROWS", "REVIEW_LIMIT"]  # fmt: skip
