"""The Meetings page's "Organizers / funders" tab: the organizations that organized, hosted or funded
the meeting, added and removed as undoable commands."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from saiga_desk.core import meetings as mt
from saiga_desk.core.changes import Changes
from saiga_desk.core.errors import SaigaError
from saiga_desk.i18n import _
from saiga_desk.ui.meeting_widgets import button, fill, record_table
from saiga_desk.ui.meetings_dialogs import OrganizerDialog, label_of
from saiga_desk.ui.signals import hub
from saiga_desk.ui.undo import CreateCommand, DeleteCommand, push


class OrganizersTab(QWidget):
    """``show_meeting(id)`` lists that meeting's organizers; Add… and Remove are undoable."""

    SHOWS = frozenset({"meeting-organizations", "organizations"})

    def __init__(self, db, undo_stack=None, parent: QWidget | None = None):
        super().__init__(parent)
        self.db = db
        self.undo_stack = undo_stack
        self.meeting_id: int | None = None
        self.organizers: list[dict] = []
        v = QVBoxLayout(self)
        v.setContentsMargins(4, 4, 4, 4)
        bar = QHBoxLayout()
        bar.addStretch(1)
        bar.addWidget(button(self, _("Add…"), self.add_organizer, "addOrganizer"))
        bar.addWidget(button(self, _("Remove"), self.remove_organizer, "removeOrganizer"))
        v.addLayout(bar)
        self.table = record_table(
            self, "organizers", [_("Role"), _("Organization"), _("Acronym"), _("Notes")]
        )
        v.addWidget(self.table, 1)
        hub.watch(db)
        hub.changed.connect(self._changed)

    def show_meeting(self, meeting_id: int | None) -> None:
        self.meeting_id = meeting_id
        self.reload()

    def _changed(self, changes: Changes) -> None:
        if self.meeting_id is not None and changes.touches(self.SHOWS):
            self.reload()

    def reload(self) -> None:
        self.organizers = mt.meeting_organizations(self.db, self.meeting_id) if self.meeting_id else []
        fill(
            self.table,
            [
                [label_of(o["role"]), o["organization"], o["acronym"] or "", o["notes"] or ""]
                for o in self.organizers
            ],
        )

    def add_organizer(self, values: dict | None = None) -> None:
        if self.meeting_id is None:
            raise SaigaError(_("Select a meeting first."))
        if values is None:
            dialog = OrganizerDialog(self.db, self)
            if not dialog.exec():
                return
            values = dialog.values()
        if not values.get("organization_id"):
            raise SaigaError(_("Choose an organization from the list."))
        push(
            self.undo_stack,
            CreateCommand(self.db, "meeting-organizations", dict(values, meeting_id=self.meeting_id)),
        )

    def remove_organizer(self) -> None:
        row = self.table.currentRow()
        if row < 0 or row >= len(self.organizers):
            raise SaigaError(_("Select an organizer first."))
        push(self.undo_stack, DeleteCommand(self.db, "meeting-organizations", self.organizers[row]["id"]))


__all__ = ["OrganizersTab"]
