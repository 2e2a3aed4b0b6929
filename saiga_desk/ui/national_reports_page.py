"""The National reports tab: one meeting's cycle, status colours and counts, overdue at a glance, the
Signatories to remind with their current contact points; drop a file on a Signatory's row to record its
report as received. ``install(window)`` adds the tab (and the re-confirm flag of the Contact points tab).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QStyledItemDelegate,
    QVBoxLayout,
    QWidget,
)

from saiga_desk.core import national_reports as nr
from saiga_desk.core import roles
from saiga_desk.core.errors import SaigaError
from saiga_desk.core.reporting_models import REPORT_DONE
from saiga_desk.i18n import _
from saiga_desk.io.reports import generate
from saiga_desk.ui.errors import show_error
from saiga_desk.ui.national_reports_dialogs import STATUS_LABELS, CycleDialog, StatusDialog, run_step
from saiga_desk.ui.table_page import TablePage

#: row colours by status; overdue rows are red whatever their status
STATUS_COLOURS = {
    "not_started": "#f3f2f1",
    "requested": "#fff4ce",
    "in_preparation": "#deecf9",
    "submitted": "#dff6dd",
    "late": "#fed9a8",
    "waived": "#e1dfdd",
}
OVERDUE_COLOUR = "#fdd8db"


def is_overdue(values: dict, today: dt.date) -> bool:
    due = values.get("due_on")
    return bool(due) and due < today and values.get("status") not in REPORT_DONE


class StatusColours(QStyledItemDelegate):
    """Paints each row in the colour of its report's status (overdue: red)."""

    def __init__(self, page: NationalReportsPage):
        super().__init__(page.view)
        self.page = page

    def initStyleOption(self, option, index) -> None:  # noqa: N802 - Qt's name
        super().initStyleOption(option, index)
        values = self.page.model.row_values(index.row())
        if not values:
            return
        colour = (
            OVERDUE_COLOUR if is_overdue(values, self.page.today()) else STATUS_COLOURS.get(values["status"])
        )
        if colour:
            option.backgroundBrush = QBrush(QColor(colour))


class NationalReportsPage(TablePage):
    def __init__(self, db, undo_stack=None, parent: QWidget | None = None):
        self._meeting_code: str | None = None
        super().__init__(db, "national-reports", undo_stack, parent)
        self.title = _("National reports")
        self.view.setItemDelegate(StatusColours(self))
        self.writes = roles.can_write(db)  # a viewer only reads (core/roles.py): no drops, no recording
        self.view.setAcceptDrops(self.writes)
        self.view.viewport().setAcceptDrops(self.writes)
        self.view.viewport().installEventFilter(self)
        self.reload_cycles()

    @staticmethod
    def today() -> dt.date:
        return dt.date.today()

    # ------------------------------------------------------------------ layout
    def add_controls(self, bar: QHBoxLayout) -> None:
        label = QLabel(_("Meeting"), self)
        self.meeting_box = QComboBox(self)
        self.meeting_box.setObjectName("cycle_meeting")
        self.meeting_box.setToolTip(_("The meeting whose national reports are shown"))
        label.setBuddy(self.meeting_box)
        self.meeting_box.currentIndexChanged.connect(self._meeting_chosen)
        self.cycle_button = QPushButton(_("Cycle…"), self)
        self.cycle_button.setObjectName("open_cycle")
        self.cycle_button.setToolTip(_("Open or amend the national-report cycle of a meeting"))
        self.cycle_button.clicked.connect(self.open_cycle_dialog)
        bar.addWidget(label)
        bar.addWidget(self.meeting_box, 1)
        bar.addWidget(self.cycle_button)

    def add_body(self, layout: QVBoxLayout) -> None:
        split = QSplitter(Qt.Orientation.Horizontal, self)
        left = QWidget(split)
        lv = QVBoxLayout(left)
        lv.setContentsMargins(0, 0, 0, 0)
        self.summary = QLabel(left)
        self.summary.setObjectName("cycle_summary")
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.summary.setWordWrap(True)
        lv.addWidget(self.summary)
        lv.addWidget(self.view, 1)
        lv.addWidget(self.empty_label)
        hint = QLabel(_("Drop a report's file on a Signatory's row to record it as received."), left)
        hint.setObjectName("drop_hint")
        hint.setStyleSheet("color: #605e5c;")
        lv.addWidget(hint)
        right = QWidget(split)
        rv = QVBoxLayout(right)
        rv.setContentsMargins(0, 0, 0, 0)
        title = QLabel(f"<b>{_('Signatories to remind')}</b>", right)
        rv.addWidget(title)
        self.remind_list = QListWidget(right)
        self.remind_list.setObjectName("to_remind")
        self.remind_list.setWordWrap(True)
        rv.addWidget(self.remind_list, 1)
        self.remind_button = QPushButton(_("Note reminders sent"), right)
        self.remind_button.setObjectName("note_reminders")
        self.remind_button.clicked.connect(self.note_reminders)
        self.letters_button = QPushButton(_("Reminder letters…"), right)
        self.letters_button.setObjectName("reminder_letters")
        self.letters_button.clicked.connect(lambda: self.print_pdf("national-report-reminders"))
        self.mail_button = QPushButton(_("E-mail reminders…"), right)
        self.mail_button.setObjectName("email_reminders")
        self.mail_button.setToolTip(_("Send the reminders by e-mail (or as drafts), each with its letter"))
        self.mail_button.clicked.connect(self.email_reminders)
        self.pdf_button = QPushButton(_("Status of national reports (PDF)…"), right)
        self.pdf_button.setObjectName("status_pdf")
        self.pdf_button.clicked.connect(lambda: self.print_pdf("national-reports"))
        for b in (self.remind_button, self.letters_button, self.mail_button, self.pdf_button):
            rv.addWidget(b)
        if not roles.can_write(self.db):  # what records or sends (it notes reminded_on) is an editor's
            reason = roles.refusal(self.db)
            for b in (self.cycle_button, self.remind_button, self.mail_button):
                b.setToolTip(reason)
                b.setEnabled(False)
        split.addWidget(left)
        split.addWidget(right)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)
        layout.addWidget(split, 1)

    # ------------------------------------------------------------------ the cycle shown
    def reload_cycles(self) -> None:
        keep = self._meeting_code
        cycles = nr.cycles(self.db)
        self.meeting_box.blockSignals(True)
        self.meeting_box.clear()
        for code, mid in cycles:
            self.meeting_box.addItem(code, mid)
        codes = [c for c, _m in cycles]
        self.meeting_box.setCurrentIndex(codes.index(keep) if keep in codes else (0 if codes else -1))
        self.meeting_box.blockSignals(False)
        self._meeting_code = self.meeting_box.currentText() or None
        self.apply_filters()

    def _meeting_chosen(self, _index: int) -> None:
        self._meeting_code = self.meeting_box.currentText() or None
        self.apply_filters()

    def set_meeting(self, code: str) -> None:
        i = self.meeting_box.findText(code)
        if i >= 0:
            self.meeting_box.setCurrentIndex(i)

    def meeting_code(self) -> str | None:
        return self._meeting_code

    def base_filters(self) -> dict:
        out = super().base_filters()
        mid = self.meeting_box.currentData() if hasattr(self, "meeting_box") else None
        out["meeting_id"] = mid if mid is not None else -1  # no cycle: no rows
        return out

    def refresh(self) -> None:
        super().refresh()
        self._show_overview()

    def _data_changed(self, changes) -> None:
        kinds = {"reporting-cycles", "national-reports", "national-report-files", "designations"}
        if changes.touches(kinds) and hasattr(self, "meeting_box"):
            self.reload_cycles()

    def _show_overview(self) -> None:
        if not hasattr(self, "remind_list"):
            return
        self.remind_list.clear()
        code = self._meeting_code
        if not code:
            self.summary.setText(_("No national-report cycle yet: use “Cycle…” to open one for a meeting."))
            self.overview = None
            return
        try:
            ov = nr.overview(self.db, code, today=self.today())
        except SaigaError as e:
            self.summary.setText(str(e))
            self.overview = None
            return
        self.overview = ov
        chips = []
        for status, colour in STATUS_COLOURS.items():
            n = ov.counts.get(status, 0)
            chips.append(
                f'<span style="background:{colour}">&nbsp;{_(STATUS_LABELS[status])}: <b>{n}</b>&nbsp;</span>'
            )
        due = ov.due_on.isoformat() if ov.due_on else "—"
        overdue = ov.counts.get("overdue", 0)
        head = _("Due on {date}").format(date=due)
        late = _("Overdue: {n}").format(n=overdue)
        self.summary.setText(
            f"<b>{head}</b> &nbsp; " + " ".join(chips) + f' &nbsp; <span style="background:{OVERDUE_COLOUR}">'
            f"&nbsp;<b>{late}</b>&nbsp;</span>"
        )
        for r in ov.to_remind:
            mark = "⚠ " if r.overdue else ""
            text = f"{mark}{r.signatory} — {_(STATUS_LABELS[r.status])}\n" + (
                "\n".join(r.contacts) or _("no current contact point")
            )
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, r.signatory_id)
            if r.overdue:
                item.setBackground(QBrush(QColor(OVERDUE_COLOUR)))
            self.remind_list.addItem(item)
        writes = roles.can_write(self.db)
        self.cycle_button.setEnabled(writes)
        self.remind_button.setEnabled(writes and bool(ov.to_remind))
        self.letters_button.setEnabled(bool(ov.to_remind))
        self.mail_button.setEnabled(writes and bool(ov.to_remind))

    # ------------------------------------------------------------------ actions
    def open_cycle_dialog(self) -> CycleDialog:
        dialog = CycleDialog(self.db, self.undo_stack, self._meeting_code, parent=self)
        dialog.show()
        return dialog

    def new_record(self):
        return self.open_cycle_dialog()

    def duplicate_selected(self):
        return None

    def edit_selected(self):
        values = self._current_values()
        if values is None or not self._meeting_code:
            return None
        report = nr.report_signatory(self.db, values["id"])
        dialog = StatusDialog(
            self.db, self.undo_stack, self._meeting_code, report, values["status"], parent=self
        )
        dialog.show()
        return dialog

    def _current_values(self) -> dict | None:
        rid = self.current_id()
        if rid is None:
            return None
        row = self.model.row_of(rid)
        return self.model.row_values(row)

    def receive_file(self, report_id: int, path: str | Path) -> nr.Step | None:
        """Record the report of the row's Signatory as received today, with this file (undoable)."""
        code = self._meeting_code
        if not code:
            return None
        signatory = nr.report_signatory(self.db, report_id)
        try:
            return run_step(
                self.undo_stack,
                self.db,
                lambda: nr.receive(self.db, code, signatory, file=str(path), today=self.today()),
            )
        except SaigaError as e:
            show_error(self, e, _("The report was not recorded"))
            return None

    def note_reminders(self) -> nr.Step | None:
        code = self._meeting_code
        if not code:
            return None
        try:
            return run_step(self.undo_stack, self.db, lambda: nr.remind(self.db, code, on=self.today()))
        except SaigaError as e:
            show_error(self, e)
            return None

    def email_reminders(self):
        """The mail dialog with the reminders of the meeting shown (one message per owed contact point)."""
        code = self._meeting_code
        if not code:
            return None
        from saiga_desk.ui.mail_dialog import open_mail_dialog  # deferred: smtplib and keyring load on use

        return open_mail_dialog(self, self.db, "reminder", code)

    def print_pdf(self, report: str, path: str | Path | None = None) -> Path | None:
        code = self._meeting_code
        if not code:
            return None
        if path is None:
            suggested = f"{report}-{code}.pdf"
            path, _f = QFileDialog.getSaveFileName(self, _("Save PDF"), suggested, _("PDF files (*.pdf)"))
            if not path:
                return None
        try:
            return generate(self.db, report, Path(path), meeting_code=code, as_at=self.today())
        except SaigaError as e:
            show_error(self, e, _("The PDF was not written"))
            return None

    # ------------------------------------------------------------------ drop a file on a row
    def eventFilter(self, obj, event) -> bool:
        if hasattr(self, "view") and obj is self.view.viewport():
            kind = event.type()
            if kind in (QEvent.Type.DragEnter, QEvent.Type.DragMove):
                if self.writes and _local_file(event.mimeData()) and self.view.indexAt(event.position().toPoint()).isValid():
                    event.acceptProposedAction()
                else:
                    event.ignore()
                return True
            if kind == QEvent.Type.Drop:
                path = _local_file(event.mimeData())
                index = self.view.indexAt(event.position().toPoint())
                if path is None or not index.isValid() or not self.writes:
                    event.ignore()
                    return True
                event.acceptProposedAction()
                rid = self.model.id_at(index.row())
                if rid is not None:
                    self.receive_file(rid, path)
                return True
        return super().eventFilter(obj, event)


def _local_file(mime) -> str | None:
    if mime is None or not mime.hasUrls():
        return None
    for url in mime.urls():
        if url.isLocalFile() and Path(url.toLocalFile()).is_file():
            return url.toLocalFile()
    return None


__all__ = ["NationalReportsPage", "StatusColours", "is_overdue", "STATUS_COLOURS"]
