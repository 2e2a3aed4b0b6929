"""The last step of the import wizard: what was recorded, and its undo (through the window's undo stack when
the import is its last entry: ``ui/import_history.py``). Undoing an import is an admin's (core/roles.py)."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWizardPage

from saiga_desk.core import roles
from saiga_desk.i18n import _, number
from saiga_desk.ui.import_history import undo_import, undone_text


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
        admin = roles.is_admin(self.w.db)  # undoing an import is an admin's (core/roles.py)
        self.undo.setEnabled(r.batch_id is not None and admin)
        self.undo.setToolTip("" if admin else roles.refusal(self.w.db))

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
