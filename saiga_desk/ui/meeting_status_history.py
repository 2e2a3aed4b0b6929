"""The Meetings page's "Status history" tab: every change of status, with the plan it replaced (a
postponement keeps the original dates, mode and venue)."""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout, QWidget

from saiga_desk.core import meetings as mt
from saiga_desk.core.changes import Changes
from saiga_desk.i18n import _
from saiga_desk.ui.meeting_widgets import fill, meeting_dates, record_table
from saiga_desk.ui.meetings_dialogs import label_of
from saiga_desk.ui.signals import hub


class StatusHistoryTab(QWidget):
    """``show_meeting(id)`` lists that meeting's status changes; refreshes when they change."""

    SHOWS = frozenset({"meetings", "meeting-status-changes"})

    def __init__(self, db, parent: QWidget | None = None):
        super().__init__(parent)
        self.db = db
        self.meeting_id: int | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.table = record_table(
            self,
            "statusHistory",
            [_("Changed on"), _("Status"), _("Was"), _("Planned dates"), _("Mode"), _("Venue"), _("Reason")],
        )
        layout.addWidget(self.table)
        hub.watch(db)
        hub.changed.connect(self._changed)

    def show_meeting(self, meeting_id: int | None) -> None:
        self.meeting_id = meeting_id
        self.reload()

    def _changed(self, changes: Changes) -> None:
        if self.meeting_id is not None and changes.touches(self.SHOWS):
            self.reload()

    def reload(self) -> None:
        if self.meeting_id is None:
            self.table.setRowCount(0)
            return
        rows = []
        for h in mt.status_history(self.db, self.meeting_id):
            planned = meeting_dates(h.previous_start_date, h.previous_end_date, h.previous_date_precision)
            rows.append(
                [
                    h.changed_on.isoformat() if h.changed_on else "",
                    label_of(h.status),
                    label_of(h.previous_status),
                    planned,
                    label_of(h.previous_mode),
                    h.previous_venue or "",
                    h.reason or "",
                ]
            )
        fill(self.table, rows)


__all__ = ["StatusHistoryTab"]
