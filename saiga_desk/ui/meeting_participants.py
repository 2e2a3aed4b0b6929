"""The Meetings page's "Participants" tab: the meeting's participants, their counts per status and
category, and bulk status changes that can be undone (plus the undoable invitation of the Signatories)."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMenu, QPushButton, QVBoxLayout, QWidget

from saiga_desk.core import meetings as mt
from saiga_desk.core import models as m
from saiga_desk.core import record_undo as ru
from saiga_desk.core.changes import Changes
from saiga_desk.core.errors import SaigaError
from saiga_desk.core.listing_kinds import shown_kinds
from saiga_desk.i18n import _, ngettext
from saiga_desk.ui.meeting_widgets import button, guard, read_only
from saiga_desk.ui.meetings_dialogs import label_of
from saiga_desk.ui.signals import hub
from saiga_desk.ui.table_page import TablePage
from saiga_desk.ui.undo import BulkUpdateCommand, RecordCommand, push

CATEGORY_LABELS = {
    "signatory_state": "Signatory States",
    "cooperating_organization": "Cooperating Organizations",
    "observer": "Observers",
    "expert": "Experts",
    "secretariat": "Secretariat",
}


# ------------------------------------------------------------------------------------------------ undo
class ParticipantStatusCommand(RecordCommand):
    """Set the status of the selected participants (dated); undo restores status and dates."""

    def __init__(self, db, ids, status: str):
        super().__init__(
            db,
            "participants",
            ngettext("Set {n} participant to “{status}”", "Set {n} participants to “{status}”", len(ids)).format(
                n=len(ids), status=label_of(status)
            ),
        )
        self.ids = list(ids)
        self.status = status
        self.before: dict[int, dict] = {}

    def apply(self) -> None:
        before = mt.participant_values(self.db, self.ids)
        changed = mt.set_participant_status(self.db, self.ids, self.status)
        self.before = {r.id: before[r.id] for r in changed}

    def revert(self) -> None:
        mt.apply_participant_values(self.db, self.before)


class InviteCommand(RecordCommand):
    """Invite the Signatories' contact points; undo removes the participants it created."""

    def __init__(self, db, meeting_id: int, code: str, **options):
        super().__init__(db, "participants", _("Invite Signatories to {code}").format(code=code))
        self.meeting_id = meeting_id
        self.options = options
        self.result: mt.InviteResult | None = None

    def apply(self) -> None:
        self.result = mt.invite_signatories(self.db, self.meeting_id, **self.options)
        if not self.result.created:  # "0 invited" changed nothing: no entry on the undo stack
            self.setObsolete(True)

    def revert(self) -> None:
        if self.result is not None and self.result.created:
            ru.delete_records(self.db, "participants", self.result.created)


# ------------------------------------------------------------------------------------------------ the list
class ParticipantsPane(TablePage):
    """The participants of one meeting (the meetings page sets ``meeting_id``)."""

    def __init__(self, db, undo_stack=None, parent: QWidget | None = None):
        self.meeting_id: int | None = None
        super().__init__(db, "participants", undo_stack, parent)
        self.setObjectName("meetingParticipants")
        header = self.view.horizontalHeader()
        index = self.model.column_index("meeting")
        if index >= 0:
            header.setSectionHidden(index, True)

    @property
    def layout_name(self) -> str:  # its own column layout, apart from any participants listing
        return "meeting-participants"

    def base_filters(self) -> dict:
        out = super().base_filters()
        out["meeting_id"] = self.meeting_id if self.meeting_id is not None else -1
        return out

    def new_values(self) -> dict | None:
        return {"meeting_id": self.meeting_id} if self.meeting_id is not None else None

    def _after_reload(self) -> None:
        super()._after_reload()
        if not self.model.ids and not self.model.search:
            self.empty_label.setText(
                _("No participants yet: use Invite Signatories… or Import registration list…")
                if self.meeting_id is not None
                else _("Select a meeting.")
            )


# ------------------------------------------------------------------------------------------------ the tab
class ParticipantsTab(QWidget):
    """Counts, the bulk actions and the list of one meeting's participants (``show_meeting(id)``)."""

    def __init__(self, db, undo_stack=None, parent: QWidget | None = None):
        super().__init__(parent)
        self.db = db
        self.undo_stack = undo_stack
        self.meeting_id: int | None = None
        self.counts: dict = {}
        v = QVBoxLayout(self)
        v.setContentsMargins(4, 4, 4, 4)
        bar = QHBoxLayout()
        self.counts_label = QLabel(self)
        self.counts_label.setObjectName("participantCounts")
        self.counts_label.setTextFormat(Qt.TextFormat.RichText)
        self.counts_label.setWordWrap(True)
        bar.addWidget(self.counts_label, 1)
        # a push button draws its menu arrow beside the text (a tool button's overlaps it in Fusion)
        self.status_button = QPushButton(_("Set status"), self)
        self.status_button.setObjectName("setStatus")
        menu = QMenu(self.status_button)
        for status in m.PARTICIPANT_STATUSES:
            action = menu.addAction(label_of(status))
            action.setObjectName(f"status_{status}")
            action.triggered.connect(
                lambda _c=False, s=status: guard(self, lambda: self.set_status_of_selected(s))
            )
        self.status_button.setMenu(menu)
        read_only(self, self.status_button)
        bar.addWidget(self.status_button)
        bar.addWidget(button(self, _("Mark attended"), self.mark_attended, "markAttended"))
        bar.addWidget(
            button(
                self,
                _("Credentials received"),
                self.credentials_received,
                "credentialsReceived",
                _("Record that the credentials of the selected participants were received"),
            )
        )
        v.addLayout(bar)
        self.pane = ParticipantsPane(db, undo_stack, self)
        self.pane.layout().setContentsMargins(0, 0, 0, 0)
        v.addWidget(self.pane, 1)
        hub.watch(db)
        hub.changed.connect(self._changed)

    def show_meeting(self, meeting_id: int | None) -> None:
        self.meeting_id = meeting_id
        self.pane.meeting_id = meeting_id
        self.pane.refresh()
        self.load_counts()

    def _changed(self, changes: Changes) -> None:
        if self.meeting_id is not None and changes.touches(shown_kinds("participants")):
            self.load_counts()

    def load_counts(self) -> None:
        if self.meeting_id is None:
            self.counts_label.clear()
            return
        counts = mt.participant_counts(self.db, self.meeting_id)
        e = html.escape
        statuses = " · ".join(f"{e(label_of(k))} <b>{n}</b>" for k, n in counts["by_status"].items())
        categories = " · ".join(
            f"{e(_(CATEGORY_LABELS.get(k, k)))} <b>{n}</b>" for k, n in counts["by_category"].items() if n
        )
        text = _("<b>{n}</b> participants").format(n=counts["total"]) + f": {statuses}"
        if categories:
            text += "<br/>" + categories
        text += " · " + _("credentials received {c} · funded {f}").format(
            c=f"<b>{counts['credentials_received']}</b>", f=f"<b>{counts['funded']}</b>"
        )
        self.counts_label.setText(text)
        self.counts = counts

    # ------------------------------------------------------------------ bulk actions
    def selected_ids(self) -> list[int]:
        return self.pane.selected_ids()

    def _selected(self) -> list[int]:
        ids = self.selected_ids()
        if not ids:
            raise SaigaError(_("Select the participants first."))
        return ids

    def set_status_of_selected(self, status: str) -> None:
        push(self.undo_stack, ParticipantStatusCommand(self.db, self._selected(), status))

    def mark_attended(self) -> None:
        self.set_status_of_selected("attended")

    def credentials_received(self) -> None:
        ids = self._selected()
        text = ngettext(
            "Credentials received from {n} participant", "Credentials received from {n} participants", len(ids)
        ).format(n=len(ids))
        push(
            self.undo_stack,
            BulkUpdateCommand(self.db, "participants", ids, {"credentials_received": True}, text),
        )


__all__ = [
    "CATEGORY_LABELS",
    "InviteCommand",
    "ParticipantStatusCommand",
    "ParticipantsPane",
    "ParticipantsTab",
]
