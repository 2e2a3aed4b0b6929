"""The Meetings view: the meetings list above, the selected meeting's detail below.

The detail is one widget per tab: Participants (``meeting_participants``), Documents
(``meeting_documents``), Status history (``meeting_status_history``) and Organizers / funders
(``meeting_organizers``); each refreshes itself from the ``Changes`` of every write. Meeting-level
actions: Invite Signatories…, Import registration list…, Badges…, Postpone… . The page has the public
API of ``TablePage`` on the meetings list (so ``current_id()`` is the selected meeting); New / Edit /
Delete follow the part that has the focus.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from saiga_desk.core import meetings as mt
from saiga_desk.core import services as sv
from saiga_desk.core.changes import Changes
from saiga_desk.core.errors import SaigaError
from saiga_desk.i18n import _
from saiga_desk.ui.meeting_documents import DocumentsTab
from saiga_desk.ui.meeting_organizers import OrganizersTab
from saiga_desk.ui.meeting_participants import (
    InviteCommand,
    ParticipantsPane,
    ParticipantsTab,
    ParticipantStatusCommand,
)
from saiga_desk.ui.meeting_status_history import StatusHistoryTab
from saiga_desk.ui.meeting_widgets import button, guard, held_ask, summary_html
from saiga_desk.ui.meetings_dialogs import InviteDialog, StatusDialog
from saiga_desk.ui.signals import hub
from saiga_desk.ui.table_page import TablePage
from saiga_desk.ui.tasks import run_task
from saiga_desk.ui.undo import DeleteCommand, push

# what the summary above the tabs shows: the meeting itself and its host country
SUMMARY_SHOWS = frozenset({"meetings", "countries"})


class MeetingsPage(TablePage):
    def __init__(self, db, undo_stack=None, parent: QWidget | None = None):
        self._meeting: sv.Record | None = None
        self._active = None
        self._opened = False  # whether the first rows have chosen the meeting shown
        super().__init__(db, "meetings", undo_stack, parent)
        self.setObjectName("page_meetings")
        self.model.reloaded.connect(self._follow_selection)
        self.view.selectionModel().currentRowChanged.connect(lambda *_a: self._follow_selection())
        self.participants.current_changed.connect(self.current_changed)
        self.documents_tab.document_selected.connect(lambda i: self.current_changed.emit("documents", i))
        hub.changed.connect(self._meeting_changed)
        QApplication.instance().focusChanged.connect(self._focus_changed)

    # ------------------------------------------------------------------ layout
    def add_body(self, layout: QVBoxLayout) -> None:
        top = QWidget(self)
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(self.view, 1)
        top_layout.addWidget(self.empty_label)
        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.setObjectName("meetingsSplitter")
        self.splitter.addWidget(top)
        self.splitter.addWidget(self._make_detail())
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setSizes([210, 530])  # eight meetings in view
        layout.addWidget(self.splitter, 1)

    def _make_detail(self) -> QWidget:
        detail = QWidget(self)
        detail.setObjectName("meetingDetail")
        v = QVBoxLayout(detail)
        v.setContentsMargins(0, 4, 0, 0)
        head = QHBoxLayout()
        self.summary = QLabel(_("Select a meeting."), detail)
        self.summary.setObjectName("meetingSummary")
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        head.addWidget(self.summary, 1)
        self.invite_button = button(
            self,
            _("Invite Signatories…"),
            self.invite_signatories,
            "inviteSignatories",
            _("Invite the current contact point of every Signatory State and Cooperating Organization"),
        )
        self.import_button = button(
            self, _("Import registration list…"), self.import_registration_list, "importRegistration"
        )
        self.badges_button = button(
            self, _("Badges…"), self.save_badges, "badges", _("Name badges as a PDF"), writes=False
        )
        self.postpone_button = button(
            self, _("Postpone…"), self.postpone, "postpone", _("Change the status: postpone, hold, cancel")
        )
        self.mail_button = button(
            self, _("E-mail…"), self.open_mail, "mail", _("Invitations by e-mail, or drafts")
        )
        for b in (
            self.invite_button,
            self.import_button,
            self.badges_button,
            self.postpone_button,
            self.mail_button,
        ):
            head.addWidget(b, 0, Qt.AlignmentFlag.AlignTop)
        v.addLayout(head)

        self.participants_tab = ParticipantsTab(self.db, self.undo_stack, self)
        self.documents_tab = DocumentsTab(self.db, self.undo_stack, self)
        self.history_tab = StatusHistoryTab(self.db, self)
        self.organizers_tab = OrganizersTab(self.db, self.undo_stack, self)
        self.detail_tabs = QTabWidget(detail)
        self.detail_tabs.setObjectName("meetingTabs")
        self.detail_tabs.addTab(self.participants_tab, _("Participants"))
        self.detail_tabs.addTab(self.documents_tab, _("Documents"))
        self.detail_tabs.addTab(self.history_tab, _("Status history"))
        self.detail_tabs.addTab(self.organizers_tab, _("Organizers / funders"))
        v.addWidget(self.detail_tabs, 1)
        self.detail_widget = detail
        return detail

    # the parts of the tabs that callers (and tests) reach from the page
    @property
    def participants(self) -> ParticipantsPane:
        return self.participants_tab.pane

    @property
    def counts_label(self) -> QLabel:
        return self.participants_tab.counts_label

    @property
    def counts(self) -> dict:
        return self.participants_tab.counts

    @property
    def documents(self):
        return self.documents_tab.tree

    @property
    def next_symbols(self) -> QLabel:
        return self.documents_tab.next_symbols

    @property
    def history_table(self):
        return self.history_tab.table

    @property
    def organizers_table(self):
        return self.organizers_tab.table

    @property
    def quiet(self) -> bool:
        return self.documents_tab.quiet

    @quiet.setter
    def quiet(self, value: bool) -> None:  # no modal result boxes, no external viewer (tests)
        self.documents_tab.quiet = value

    # ------------------------------------------------------------------ following the selection
    @property
    def meeting(self) -> sv.Record | None:
        return self._meeting

    def _follow_selection(self) -> None:
        rid = self.current_id()
        if rid is None and self._meeting is None and not self._opened and self.model.ids:
            self._opened = True  # the tab opens on the meeting being prepared (else the latest held)
            first = mt.current_meeting_id(self.db)
            if first is not None and self.select_id(first):
                return  # the selection comes back here
        if rid is None:
            if self._meeting is not None and self.model.row_of(self._meeting.id) >= 0:
                return  # a reload: refresh() selects it again
            if self._meeting is not None:
                self._show_meeting(None)
        elif self._meeting is None or self._meeting.id != rid:
            self._show_meeting(rid)

    def _show_meeting(self, meeting_id: int | None) -> None:
        try:
            self._meeting = sv.get(self.db, "meetings", meeting_id) if meeting_id is not None else None
        except SaigaError:
            self._meeting = None
        shown = self._meeting.id if self._meeting else None
        for tab in (self.participants_tab, self.documents_tab, self.history_tab, self.organizers_tab):
            tab.show_meeting(shown)
        self._show_summary()

    def _show_summary(self) -> None:
        meeting = self._meeting
        for b in (self.invite_button, self.import_button, self.badges_button, self.postpone_button):
            b.setEnabled(meeting is not None)
        self.detail_tabs.setEnabled(meeting is not None)
        if meeting is None:
            self.summary.setText(_("Select a meeting to see its participants and documents."))
        else:
            self.summary.setText(summary_html(self.db, meeting))

    def _meeting_changed(self, changes: Changes) -> None:
        if self._meeting is None or not changes.touches(SUMMARY_SHOWS):
            return
        try:
            self._meeting = sv.get(self.db, "meetings", self._meeting.id)
        except SaigaError:  # deleted meanwhile
            self._show_meeting(None)
            return
        self._show_summary()

    def _focus_changed(self, _old, new) -> None:
        if new is None or not self.isAncestorOf(new):
            return
        if self.participants.isAncestorOf(new):
            self._active = "participants"
        elif new is self.documents or self.documents.isAncestorOf(new):
            self._active = "documents"
        elif new is self.view or new is self.search_box:
            self._active = None

    # ------------------------------------------------------------------ the tabs' commands, from the page
    def selected_participant_ids(self) -> list[int]:
        return self.participants_tab.selected_ids()

    def set_status_of_selected(self, status: str) -> None:
        self.participants_tab.set_status_of_selected(status)

    def mark_attended(self) -> None:
        self.participants_tab.mark_attended()

    def credentials_received(self) -> None:
        self.participants_tab.credentials_received()

    def current_document_id(self) -> int | None:
        return self.documents_tab.current_document_id()

    def selected_document_ids(self) -> list[int]:
        return self.documents_tab.selected_document_ids()

    def select_document(self, symbol: str) -> bool:
        return self.documents_tab.select_document(symbol)

    def new_document(self, values: dict | None = None) -> int | None:
        return self.documents_tab.new_document(values)

    def add_revision(self, kind: str = "Rev", values: dict | None = None) -> int | None:
        return self.documents_tab.add_revision(kind, values)

    def attach_file(self, path: str | None = None) -> None:
        self.documents_tab.attach_file(path)

    def open_file(self):
        return self.documents_tab.open_file()

    def add_organizer(self, values: dict | None = None) -> None:
        self.organizers_tab.add_organizer(values)

    def remove_organizer(self) -> None:
        self.organizers_tab.remove_organizer()

    # ------------------------------------------------------------------ meeting-level actions
    def _need_meeting(self) -> sv.Record:
        if self._meeting is None:
            raise SaigaError(_("Select a meeting first."))
        return self._meeting

    def invite_signatories(self, options: dict | None = None) -> mt.InviteResult | None:
        meeting = self._need_meeting()
        if not held_ask(self, meeting):
            return None
        if options is None:
            dialog = InviteDialog(meeting, self)
            if not dialog.exec():
                return None
            options = dialog.values()
        command = InviteCommand(self.db, meeting.id, meeting.code, **options)
        push(self.undo_stack, command)
        result = command.result
        if result is not None and not self.quiet:
            box = QMessageBox(QMessageBox.Icon.Information, _("Invitations"), result.summary(), parent=self)
            box.setObjectName("inviteResult")
            box.exec()
        return result

    def open_mail(self):
        from saiga_desk.ui.mail_dialog import open_mail_dialog  # deferred: reportlab and smtplib load on use

        return open_mail_dialog(self, self.db, "invitation", self._need_meeting().code)

    def import_registration_list(self, path: str | None = None):
        from saiga_desk.ui.import_wizard import ImportWizard  # deferred for start-up speed (openpyxl)

        meeting = self._need_meeting()
        wizard = ImportWizard(self.db, self, path=path, kind="participants", meeting_id=meeting.id)
        wizard.show()
        return wizard

    def save_badges(self, path: str | None = None, on_done=None):
        from saiga_desk.io.badges import write_badges  # deferred for start-up speed (reportlab)

        meeting = self._need_meeting()
        if path is None:
            path, _f = QFileDialog.getSaveFileName(
                self, _("Save name badges"), f"badges-{meeting.code}.pdf", _("PDF files (*.pdf)")
            )
            if not path:
                return None

        def done(n):
            if on_done is not None:
                on_done(n)
                return
            box = QMessageBox(
                QMessageBox.Icon.Information,
                _("Badges"),
                _("{n} badges written to {path}").format(n=n, path=path),
                QMessageBox.StandardButton.Open | QMessageBox.StandardButton.Close,
                self,
            )
            if box.exec() == QMessageBox.StandardButton.Open:
                QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))

        meeting_id = meeting.id
        return run_task(
            self,
            _("Name badges"),
            lambda progress: write_badges(self.db, meeting_id, path, progress=progress),
            done,
        )

    def postpone(self, values: dict | None = None) -> sv.Record | None:
        meeting = self._need_meeting()
        if values is None:
            dialog = StatusDialog(meeting, self)
            if not dialog.exec():
                return None
            values = dialog.values()
        status = values.pop("status")
        reason = values.pop("reason", None)
        return mt.change_status(self.db, meeting.id, status, reason, **values)

    # ------------------------------------------------------------------ TablePage API, following the focus
    def new_record(self):
        if self._active == "participants" and self._meeting is not None:
            return self.participants.new_record()
        if self._active == "documents" and self._meeting is not None:
            return guard(self, self.new_document)
        return super().new_record()

    def edit_selected(self):
        if self._active == "participants":
            return self.participants.edit_selected()
        if self._active == "documents" and self.current_document_id() is not None:
            return self.documents_tab.edit_document()
        return super().edit_selected()

    def duplicate_selected(self):
        if self._active == "participants":
            return self.participants.duplicate_selected()
        if self._active == "documents":
            return None
        return super().duplicate_selected()

    def delete_selected(self) -> None:
        if self._active == "participants":
            return self.participants.delete_selected()
        if self._active == "documents":
            ids = self.selected_document_ids()
            if not ids:
                return None
            answer = QMessageBox.question(
                self, _("Delete"), _("Delete {n} selected documents?").format(n=len(ids))
            )
            if answer == QMessageBox.StandardButton.Yes:
                guard(self, lambda: push(self.undo_stack, DeleteCommand(self.db, "documents", ids)))
            return None
        return super().delete_selected()

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(1200, 760)


__all__ = ["MeetingsPage", "ParticipantsPane", "ParticipantStatusCommand", "InviteCommand"]
