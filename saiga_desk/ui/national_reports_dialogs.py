"""Forms of the National reports tab (open a cycle, set a report's status) and their undo command.

Each action calls one core verb of ``core.national_reports``; the verb returns the ``Step`` it took, which
the undo stack keeps so Edit ▸ Undo takes exactly that step back.
"""

from __future__ import annotations

from PySide6.QtCore import QDate
from PySide6.QtGui import QUndoCommand
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QWidget,
)

from saiga_desk.core import national_reports as nr
from saiga_desk.core import services as sv
from saiga_desk.core.reporting_models import REPORT_STATUSES
from saiga_desk.i18n import N_, _
from saiga_desk.ui.errors import show_error

STATUS_LABELS = {
    "not_started": N_("not started"),
    "requested": N_("requested"),
    "in_preparation": N_("in preparation"),
    "submitted": N_("submitted"),
    "late": N_("late"),
    "waived": N_("waived"),
}


class StepCommand(QUndoCommand):
    """A national-report step already taken; undo takes it back, redo takes it again."""

    def __init__(self, db, step: nr.Step, action):
        super().__init__(step.text)
        self.db = db
        self.step = step
        self.action = action
        self._first = True

    def redo(self) -> None:
        if self._first:  # the step was taken before it was pushed
            self._first = False
            return
        _rec, self.step = self.action()

    def undo(self) -> None:
        nr.undo(self.db, self.step)


def run_step(stack, db, action) -> nr.Step:
    """Take a step (``action`` returns (record, step)); SaigaError propagates and nothing is pushed."""
    _rec, step = action()
    if stack is not None and step:
        stack.push(StepCommand(db, step, action))
    return step


def _date_edit(parent: QWidget, name: str) -> QDateEdit:
    edit = QDateEdit(parent)
    edit.setObjectName(name)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    edit.setDate(QDate.currentDate())
    return edit


class CycleDialog(QDialog):
    """Open (or amend) the national-report cycle of a meeting."""

    def __init__(self, db, undo_stack=None, meeting_code: str | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("national_report_cycle_dialog")
        self.setWindowTitle(_("National-report cycle"))
        self.db = db
        self.undo_stack = undo_stack
        form = QFormLayout(self)
        self.meeting = QComboBox(self)
        self.meeting.setObjectName("meeting")
        for m in sv.find(db, "meetings"):
            self.meeting.addItem(f"{m.code} — {m.title_en}", m.code)
        if meeting_code:
            self.meeting.setCurrentIndex(max(0, self.meeting.findData(meeting_code)))
        form.addRow(_("Meeting"), self.meeting)
        self.due = _date_edit(self, "due")
        form.addRow(_("Due on"), self.due)
        self.format_name = QLineEdit(self)
        self.format_name.setObjectName("format_name")
        self.format_name.setPlaceholderText(_("National Report Format"))
        form.addRow(_("Format"), self.format_name)
        self.format_version = QLineEdit(self)
        self.format_version.setObjectName("format_version")
        form.addRow(_("Version"), self.format_version)
        row = QHBoxLayout()
        self.format_file = QLineEdit(self)
        self.format_file.setObjectName("format_file")
        browse = QPushButton(_("Choose…"), self)
        browse.clicked.connect(self._choose)
        row.addWidget(self.format_file, 1)
        row.addWidget(browse)
        form.addRow(_("Format file"), row)
        self.organizations = QCheckBox(_("Cooperating Organizations report too"), self)
        self.organizations.setObjectName("organizations")
        form.addRow(self.organizations)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def _choose(self) -> None:
        path, _f = QFileDialog.getOpenFileName(self, _("Format file"))
        if path:
            self.format_file.setText(path)

    def save(self) -> nr.Step:
        code = self.meeting.currentData()
        due = self.due.date().toPython()
        values = dict(
            format_name=self.format_name.text().strip() or None,
            format_version=self.format_version.text().strip() or None,
            format_file=self.format_file.text().strip() or None,
            include_organizations=self.organizations.isChecked(),
        )
        return run_step(self.undo_stack, self.db, lambda: nr.open_cycle(self.db, code, due, **values))

    def accept(self) -> None:
        try:
            self.save()
        except Exception as e:  # noqa: BLE001 - a SaigaError says why in one sentence
            show_error(self, e, _("The cycle was not saved"))
            return
        super().accept()


class StatusDialog(QDialog):
    """Set the status of one Signatory's report, with the date and a note."""

    def __init__(self, db, undo_stack, meeting_code: str, signatory_id: int, current: str, parent=None):
        super().__init__(parent)
        self.setObjectName("national_report_status_dialog")
        self.setWindowTitle(_("Status of the national report"))
        self.db = db
        self.undo_stack = undo_stack
        self.meeting_code = meeting_code
        self.signatory_id = signatory_id
        form = QFormLayout(self)
        self.status = QComboBox(self)
        self.status.setObjectName("status")
        for st in REPORT_STATUSES:
            self.status.addItem(_(STATUS_LABELS[st]), st)
        self.status.setCurrentIndex(max(0, self.status.findData(current)))
        form.addRow(_("Status"), self.status)
        self.on = _date_edit(self, "on")
        form.addRow(_("Date"), self.on)
        self.note = QLineEdit(self)
        self.note.setObjectName("note")
        form.addRow(_("Note"), self.note)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def save(self) -> nr.Step:
        status = self.status.currentData()
        on = self.on.date().toPython()
        note = self.note.text().strip() or None
        return run_step(
            self.undo_stack,
            self.db,
            lambda: nr.set_status(self.db, self.meeting_code, self.signatory_id, status, on=on, note=note),
        )

    def accept(self) -> None:
        try:
            self.save()
        except Exception as e:  # noqa: BLE001
            show_error(self, e, _("The status was not saved"))
            return
        super().accept()


__all__ = ["StepCommand", "run_step", "CycleDialog", "StatusDialog", "STATUS_LABELS"]
