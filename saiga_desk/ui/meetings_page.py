"""The Meetings view: the meetings list above, the selected meeting's detail below.

Detail tabs: Participants (counts per status and category, bulk status changes that can be undone),
Documents (the register: originals with their revisions and corrigenda beneath, next free symbols,
files in the document store), Status history (postponements keep the original plan) and
Organizers / funders. Meeting-level actions: Invite Signatories…, Import registration list…,
Badges…, Postpone… . The page has the public API of ``TablePage`` on the meetings list (so
``current_id()`` is the selected meeting); New / Edit / Delete follow the part that has the focus.
"""

from __future__ import annotations

import html
import logging
from pathlib import Path

from PySide6.QtCore import QSize, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from saiga_desk.core import meetings as mt
from saiga_desk.core import models as m
from saiga_desk.core import services as sv
from saiga_desk.core.errors import SaigaError
from saiga_desk.i18n import _
from saiga_desk.ui.errors import show_error
from saiga_desk.ui.meetings_dialogs import (
    DocumentDialog,
    InviteDialog,
    OrganizerDialog,
    StatusDialog,
    label_of,
)
from saiga_desk.ui.signals import hub
from saiga_desk.ui.table_page import TablePage
from saiga_desk.ui.undo import (
    BulkUpdateCommand,
    CreateCommand,
    DeleteCommand,
    RecordCommand,
    UpdateCommand,
    push,
)

log = logging.getLogger(__name__)

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
            _("Set {n} participants to “{status}”").format(n=len(ids), status=label_of(status)),
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

    def revert(self) -> None:
        with self.db.transaction() as tx:
            for pid in self.result.created if self.result else []:
                tx.delete("participants", pid)


# ------------------------------------------------------------------------------------------------ participants
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

    def _settings_key(self) -> str:
        return "tables/meeting-participants"

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
                _("No participants yet: use Invite Signatories… or Import registration list….")
                if self.meeting_id is not None
                else _("Select a meeting.")
            )


# ------------------------------------------------------------------------------------------------ the page
class MeetingsPage(TablePage):
    def __init__(self, db, undo_stack=None, parent: QWidget | None = None):
        self._meeting: sv.Record | None = None
        self._active = None
        super().__init__(db, "meetings", undo_stack, parent)
        self.setObjectName("page_meetings")
        self.model.reloaded.connect(self._follow_selection)
        self.view.selectionModel().currentRowChanged.connect(lambda *_a: self._follow_selection())
        self.participants.current_changed.connect(self.current_changed)
        hub.changed.connect(self._detail_changed)
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
        self.splitter.setSizes([180, 560])
        layout.addWidget(self.splitter, 1)

    def _button(self, text: str, slot, name: str, tip: str = "") -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(name)
        if tip:
            button.setToolTip(tip)
        button.clicked.connect(lambda _c=False: self._guard(slot))
        return button

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
        self.invite_button = self._button(
            _("Invite Signatories…"),
            self.invite_signatories,
            "inviteSignatories",
            _("Invite the current contact point of every Signatory State and Cooperating Organization"),
        )
        self.import_button = self._button(
            _("Import registration list…"), self.import_registration_list, "importRegistration"
        )
        self.badges_button = self._button(_("Badges…"), self.save_badges, "badges", _("Name badges as a PDF"))
        self.postpone_button = self._button(
            _("Postpone…"), self.postpone, "postpone", _("Change the status: postpone, hold, cancel")
        )
        for b in (self.invite_button, self.import_button, self.badges_button, self.postpone_button):
            head.addWidget(b, 0, Qt.AlignmentFlag.AlignTop)
        self.mail_button = self._button(
            _("E-mail…"), self.open_mail, "mail", _("Invitations by e-mail, or drafts")
        )
        head.addWidget(self.mail_button, 0, Qt.AlignmentFlag.AlignTop)
        v.addLayout(head)

        self.detail_tabs = QTabWidget(detail)
        self.detail_tabs.setObjectName("meetingTabs")
        self.detail_tabs.addTab(self._make_participants_tab(), _("Participants"))
        self.detail_tabs.addTab(self._make_documents_tab(), _("Documents"))
        self.detail_tabs.addTab(self._make_history_tab(), _("Status history"))
        self.detail_tabs.addTab(self._make_organizers_tab(), _("Organizers / funders"))
        v.addWidget(self.detail_tabs, 1)
        self.detail_widget = detail
        return detail

    def _make_participants_tab(self) -> QWidget:
        w = QWidget(self)
        v = QVBoxLayout(w)
        v.setContentsMargins(4, 4, 4, 4)
        bar = QHBoxLayout()
        self.counts_label = QLabel(w)
        self.counts_label.setObjectName("participantCounts")
        self.counts_label.setTextFormat(Qt.TextFormat.RichText)
        self.counts_label.setWordWrap(True)
        bar.addWidget(self.counts_label, 1)
        self.status_button = QToolButton(w)
        self.status_button.setObjectName("setStatus")
        self.status_button.setText(_("Set status"))
        self.status_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.status_button)
        for status in m.PARTICIPANT_STATUSES:
            action = menu.addAction(label_of(status))
            action.setObjectName(f"status_{status}")
            action.triggered.connect(
                lambda _c=False, s=status: self._guard(lambda: self.set_status_of_selected(s))
            )
        self.status_button.setMenu(menu)
        bar.addWidget(self.status_button)
        bar.addWidget(self._button(_("Mark attended"), self.mark_attended, "markAttended"))
        bar.addWidget(
            self._button(
                _("Credentials received"),
                self.credentials_received,
                "credentialsReceived",
                _("Record that the credentials of the selected participants were received"),
            )
        )
        v.addLayout(bar)
        self.participants = ParticipantsPane(self.db, self.undo_stack, w)
        self.participants.layout().setContentsMargins(0, 0, 0, 0)
        v.addWidget(self.participants, 1)
        return w

    def _make_documents_tab(self) -> QWidget:
        w = QWidget(self)
        v = QVBoxLayout(w)
        v.setContentsMargins(4, 4, 4, 4)
        bar = QHBoxLayout()
        self.next_symbols = QLabel(w)
        self.next_symbols.setObjectName("nextSymbols")
        self.next_symbols.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        bar.addWidget(self.next_symbols, 1)
        bar.addWidget(self._button(_("New document…"), self.new_document, "newDocument"))
        bar.addWidget(self._button(_("Add revision…"), lambda: self.add_revision("Rev"), "addRevision"))
        bar.addWidget(
            self._button(_("Add corrigendum…"), lambda: self.add_revision("Corr"), "addCorrigendum")
        )
        bar.addWidget(self._button(_("Attach file…"), self.attach_file, "attachFile"))
        bar.addWidget(self._button(_("Open file"), self.open_file, "openFile"))
        v.addLayout(bar)
        self.documents = QTreeWidget(w)
        self.documents.setObjectName("documents")
        self.documents.setHeaderLabels(
            [
                _("Symbol"),
                _("Title"),
                _("Agenda item"),
                _("Languages"),
                _("Issued on"),
                _("Status"),
                _("File"),
            ]
        )
        self.documents.setRootIsDecorated(True)
        self.documents.setAlternatingRowColors(True)
        self.documents.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.documents.setUniformRowHeights(True)
        header = self.documents.header()
        header.setStretchLastSection(False)
        header.resizeSection(0, 260)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for col, width in ((2, 90), (3, 80), (4, 95), (5, 80), (6, 180)):
            header.resizeSection(col, width)
        self.documents.itemDoubleClicked.connect(lambda item, _c: self._edit_document(item))
        self.documents.currentItemChanged.connect(self._document_selected)
        v.addWidget(self.documents, 1)
        return w

    def _make_history_tab(self) -> QWidget:
        self.history_table = _table(
            self,
            "statusHistory",
            [_("Changed on"), _("Status"), _("Was"), _("Planned dates"), _("Mode"), _("Venue"), _("Reason")],
        )
        return self.history_table

    def _make_organizers_tab(self) -> QWidget:
        w = QWidget(self)
        v = QVBoxLayout(w)
        v.setContentsMargins(4, 4, 4, 4)
        bar = QHBoxLayout()
        bar.addStretch(1)
        bar.addWidget(self._button(_("Add…"), self.add_organizer, "addOrganizer"))
        bar.addWidget(self._button(_("Remove"), self.remove_organizer, "removeOrganizer"))
        v.addLayout(bar)
        self.organizers_table = _table(
            self, "organizers", [_("Role"), _("Organization"), _("Acronym"), _("Notes")]
        )
        v.addWidget(self.organizers_table, 1)
        return w

    # ------------------------------------------------------------------ following the selection
    @property
    def meeting(self) -> sv.Record | None:
        return self._meeting

    def _follow_selection(self) -> None:
        rid = self.current_id()
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
        self.participants.meeting_id = self._meeting.id if self._meeting else None
        self.participants.refresh()
        self._load_detail()

    def _load_detail(self) -> None:
        meeting = self._meeting
        for b in (self.invite_button, self.import_button, self.badges_button, self.postpone_button):
            b.setEnabled(meeting is not None)
        self.detail_tabs.setEnabled(meeting is not None)
        if meeting is None:
            self.summary.setText(_("Select a meeting to see its participants and documents."))
            self.counts_label.clear()
            self.next_symbols.clear()
            self.documents.clear()
            self.history_table.setRowCount(0)
            self.organizers_table.setRowCount(0)
            return
        self.summary.setText(self._summary_html(meeting))
        self._load_counts()
        self._load_documents()
        self._load_history()
        self._load_organizers()

    def _summary_html(self, meeting: sv.Record) -> str:
        e = html.escape
        dates = _dates(meeting.start_date, meeting.end_date, meeting.date_precision)
        place = ", ".join(x for x in (meeting.venue, meeting.city) if x)
        status_colour = {"held": "#2e7d4f", "postponed": "#b26a00", "cancelled": "#b00020"}.get(
            meeting.status, "#1f5f8b"
        )
        parts = [
            f"<b style='font-size:12pt'>{e(meeting.code)}</b> — {e(meeting.title_en)}",
            f"<span style='color:{status_colour}'><b>{e(label_of(meeting.status))}</b></span>"
            + f" · {e(label_of(meeting.mode))}"
            + (f" · {e(dates)}" if dates else "")
            + (f" · {e(place)}" if place else ""),
        ]
        if meeting.host_country_id:
            try:
                host = sv.get(self.db, "countries", meeting.host_country_id).name_en
                parts[1] += " · " + _("host: {country}").format(country=e(host))
            except SaigaError:
                pass
        prefix = meeting.symbol_prefix
        if prefix:
            parts[1] += " · " + _("symbols {prefix}/…").format(prefix=e(prefix))
        if meeting.title_ru:
            parts.append(f"<span style='color:#555'>{e(meeting.title_ru)}</span>")
        return "<br/>".join(parts)

    def _load_counts(self) -> None:
        counts = mt.participant_counts(self.db, self._meeting.id)
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

    def _load_documents(self) -> None:
        meeting_id = self._meeting.id
        keep = self.current_document_id()
        self.documents.clear()
        items: dict[int, QTreeWidgetItem] = {}
        for d in mt.list_documents(self.db, meeting_id):
            values = [
                d.symbol,
                d.title_en or "",
                d.agenda_item or "",
                d.languages or "",
                d.issued_on.isoformat() if d.issued_on else "",
                label_of(d.status),
                d.file_name or (d.link or ""),
            ]
            parent = items.get(d.original_id) if d.original_id else None
            item = QTreeWidgetItem(parent or self.documents, values)
            item.setData(0, Qt.ItemDataRole.UserRole, d.id)
            item.setToolTip(1, d.title_ru or d.title_en or "")
            if d.file_hash:
                item.setToolTip(6, _("SHA-256 {hash}").format(hash=d.file_hash))
            items[d.id] = item
        self.documents.expandAll()
        self.documents.resizeColumnToContents(0)
        if keep in items:
            self.documents.setCurrentItem(items[keep])
        try:
            nxt = [mt.next_symbol(self.db, meeting_id, s) for s in ("Doc", "Inf")]
            self.next_symbols.setText(_("Next free: {symbols}").format(symbols="  ·  ".join(nxt)))
        except SaigaError as e:
            self.next_symbols.setText(str(e))

    def _load_history(self) -> None:
        rows = []
        for h in mt.status_history(self.db, self._meeting.id):
            planned = _dates(h.previous_start_date, h.previous_end_date, h.previous_date_precision)
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
        _fill(self.history_table, rows)

    def _load_organizers(self) -> None:
        self._organizers = mt.meeting_organizations(self.db, self._meeting.id)
        _fill(
            self.organizers_table,
            [
                [label_of(o["role"]), o["organization"], o["acronym"] or "", o["notes"] or ""]
                for o in self._organizers
            ],
        )

    def _detail_changed(self, name: str) -> None:
        if self._meeting is None:
            return
        if name in ("*", "meetings", "meeting-status-changes"):
            try:
                self._meeting = sv.get(self.db, "meetings", self._meeting.id)
            except SaigaError:
                self._show_meeting(None)
                return
            self._load_detail()
        elif name in ("participants", "persons", "signatories", "organizations"):
            self._load_counts()
            if name == "organizations":
                self._load_organizers()
        elif name == "documents":
            self._load_documents()
        elif name == "meeting-organizations":
            self._load_organizers()

    def _focus_changed(self, _old, new) -> None:
        if new is None or not self.isAncestorOf(new):
            return
        if self.participants.isAncestorOf(new):
            self._active = "participants"
        elif new is self.documents or self.documents.isAncestorOf(new):
            self._active = "documents"
        elif new is self.view or new is self.search_box:
            self._active = None

    def _guard(self, fn) -> None:
        try:
            fn()
        except SaigaError as e:
            show_error(self, e)

    # ------------------------------------------------------------------ participants: bulk actions
    def selected_participant_ids(self) -> list[int]:
        return self.participants.selected_ids()

    def _push(self, command) -> None:
        push(self.undo_stack, command)

    def set_status_of_selected(self, status: str) -> None:
        ids = self.selected_participant_ids()
        if not ids:
            raise SaigaError(_("Select the participants first."))
        self._push(ParticipantStatusCommand(self.db, ids, status))

    def mark_attended(self) -> None:
        self.set_status_of_selected("attended")

    def credentials_received(self) -> None:
        ids = self.selected_participant_ids()
        if not ids:
            raise SaigaError(_("Select the participants first."))
        self._push(
            BulkUpdateCommand(
                self.db,
                "participants",
                ids,
                {"credentials_received": True},
                _("Credentials received from {n} participants").format(n=len(ids)),
            )
        )

    # ------------------------------------------------------------------ meeting-level actions
    def _need_meeting(self) -> sv.Record:
        if self._meeting is None:
            raise SaigaError(_("Select a meeting first."))
        return self._meeting

    def invite_signatories(self, options: dict | None = None) -> mt.InviteResult | None:
        meeting = self._need_meeting()
        if options is None:
            dialog = InviteDialog(meeting, self)
            if not dialog.exec():
                return None
            options = dialog.values()
        command = InviteCommand(self.db, meeting.id, meeting.code, **options)
        self._push(command)
        result = command.result
        if result is not None and not getattr(self, "quiet", False):
            box = QMessageBox(QMessageBox.Icon.Information, _("Invitations"), result.summary(), parent=self)
            box.setObjectName("inviteResult")
            box.exec()
        return result

    def open_mail(self):
        from saiga_desk.ui.mail_dialog import open_mail_dialog  # deferred: reportlab and smtplib load on use

        return open_mail_dialog(self, self.db, "invitation", self._need_meeting().code)

    def import_registration_list(self, path: str | None = None):
        meeting = self._need_meeting()
        try:
            from saiga_desk.ui.import_wizard import ImportWizard
        except ImportError:
            raise SaigaError(_("The import of registration lists is not available in this build.")) from None
        wizard = ImportWizard(self.db, self, path=path, kind="participants", meeting_id=meeting.id)
        wizard.show()
        return wizard

    def save_badges(self, path: str | None = None, on_done=None):
        meeting = self._need_meeting()
        if path is None:
            path, _f = QFileDialog.getSaveFileName(
                self, _("Save name badges"), f"badges-{meeting.code}.pdf", _("PDF files (*.pdf)")
            )
            if not path:
                return None
        from saiga_desk.io.badges import write_badges
        from saiga_desk.ui.tasks import run_task

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
        rec = mt.change_status(self.db, meeting.id, status, reason, **values)
        hub.notify("meetings")
        return rec

    # ------------------------------------------------------------------ documents
    def current_document_id(self) -> int | None:
        item = self.documents.currentItem()
        return item.data(0, Qt.ItemDataRole.UserRole) if item is not None else None

    def selected_document_ids(self) -> list[int]:
        ids = [i.data(0, Qt.ItemDataRole.UserRole) for i in self.documents.selectedItems()]
        if not ids and self.current_document_id() is not None:
            ids = [self.current_document_id()]
        return ids

    def select_document(self, symbol: str) -> bool:
        items = self.documents.findItems(symbol, Qt.MatchFlag.MatchExactly | Qt.MatchFlag.MatchRecursive, 0)
        if items:
            self.documents.setCurrentItem(items[0])
        return bool(items)

    def _document_selected(self, current, _previous) -> None:
        if current is not None:
            self.current_changed.emit("documents", current.data(0, Qt.ItemDataRole.UserRole))

    def _create_document(self, values: dict) -> int | None:
        command = CreateCommand(
            self.db, "documents", values, _("Register {symbol}").format(symbol=values["symbol"])
        )
        self._push(command)
        self._load_documents()
        self.select_document(values["symbol"])
        return command.record_id

    def new_document(self, values: dict | None = None) -> int | None:
        meeting = self._need_meeting()
        if values is None:
            dialog = DocumentDialog(self.db, meeting.id, self)
            if not dialog.exec():
                return None
            values = dialog.result_values
        return self._create_document(values)

    def add_revision(self, kind: str = "Rev", values: dict | None = None) -> int | None:
        self._need_meeting()
        doc_id = self.current_document_id()
        if doc_id is None:
            raise SaigaError(_("Select the document to revise or correct."))
        if values is None:
            dialog = DocumentDialog(
                self.db, self._meeting.id, self, original=sv.get(self.db, "documents", doc_id), kind=kind
            )
            if not dialog.exec():
                return None
            values = dialog.result_values
        return self._create_document(values)

    def attach_file(self, path: str | None = None) -> None:
        doc_id = self.current_document_id()
        if doc_id is None:
            raise SaigaError(_("Select a document first."))
        if path is None:
            path, _f = QFileDialog.getOpenFileName(self, _("Attach a file"))
            if not path:
                return
        before = sv.get(self.db, "documents", doc_id)
        name, file_hash = mt.store_file(path)
        if (before.file_name, before.file_hash) == (name, file_hash):
            return
        self._push(
            UpdateCommand(
                self.db,
                "documents",
                doc_id,
                {"file_name": before.file_name, "file_hash": before.file_hash},
                {"file_name": name, "file_hash": file_hash},
                before.version,
                _("Attach {name} to {symbol}").format(name=name, symbol=before.symbol),
            )
        )

    def open_file(self) -> Path | None:
        doc_id = self.current_document_id()
        if doc_id is None:
            raise SaigaError(_("Select a document first."))
        path = mt.document_file_path(self.db, doc_id)
        if path is None:
            doc = sv.get(self.db, "documents", doc_id)
            if doc.link:
                QDesktopServices.openUrl(QUrl(doc.link))
                return None
            raise SaigaError(_("{symbol} has no file attached.").format(symbol=doc.symbol))
        if not getattr(self, "quiet", False):
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
        return path

    def _edit_document(self, item) -> None:
        doc_id = item.data(0, Qt.ItemDataRole.UserRole)
        self._open_editor_for("documents", doc_id)

    # ------------------------------------------------------------------ organizers
    def add_organizer(self, values: dict | None = None) -> None:
        meeting = self._need_meeting()
        if values is None:
            dialog = OrganizerDialog(self.db, self)
            if not dialog.exec():
                return
            values = dialog.values()
        if not values.get("organization_id"):
            raise SaigaError(_("Choose an organization from the list."))
        self._push(CreateCommand(self.db, "meeting-organizations", dict(values, meeting_id=meeting.id)))

    def remove_organizer(self) -> None:
        row = self.organizers_table.currentRow()
        if row < 0 or row >= len(getattr(self, "_organizers", [])):
            raise SaigaError(_("Select an organizer first."))
        self._push(DeleteCommand(self.db, "meeting-organizations", self._organizers[row]["id"]))

    # ------------------------------------------------------------------ TablePage API, following the focus
    def _open_editor_for(self, entity: str, record_id=None, values=None):
        try:
            from saiga_desk.ui.forms import open_editor
        except ImportError:
            QMessageBox.information(self, _("Saiga Desk"), _("The record forms are not available."))
            return None
        return open_editor(
            self, self.db, entity, record_id=record_id, values=values, undo_stack=self.undo_stack
        )

    def new_record(self):
        if self._active == "participants" and self._meeting is not None:
            return self.participants.new_record()
        if self._active == "documents" and self._meeting is not None:
            return self._guard(self.new_document)
        return super().new_record()

    def edit_selected(self):
        if self._active == "participants":
            return self.participants.edit_selected()
        if self._active == "documents" and self.current_document_id() is not None:
            return self._open_editor_for("documents", self.current_document_id())
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
                self._guard(lambda: self._push(DeleteCommand(self.db, "documents", ids)))
            return None
        return super().delete_selected()

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(1200, 760)


def _dates(start, end, precision) -> str:
    """Meeting dates as precise as they are known: "2021", "September 2020" or "2020-09-01 – 2020-09-04"."""
    if start is None:
        return end.isoformat() if end else ""
    if precision == "year":
        years = sorted({start.year, (end or start).year})
        return "–".join(str(y) for y in years)
    if precision == "month":
        first = start.strftime("%B %Y")
        last = (end or start).strftime("%B %Y")
        return first if first == last else f"{first} – {last}"
    return " – ".join(d.isoformat() for d in (start, end) if d)


def _table(parent: QWidget, name: str, headers: list[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers), parent)
    table.setObjectName(name)
    table.setHorizontalHeaderLabels(headers)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setAlternatingRowColors(True)
    table.verticalHeader().hide()
    table.horizontalHeader().setStretchLastSection(True)
    return table


def _fill(table: QTableWidget, rows: list[list[str]]) -> None:
    table.setRowCount(len(rows))
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            table.setItem(r, c, QTableWidgetItem(str(value)))
    table.resizeColumnsToContents()
    table.horizontalHeader().setStretchLastSection(True)


__all__ = ["MeetingsPage", "ParticipantsPane", "ParticipantStatusCommand", "InviteCommand"]
