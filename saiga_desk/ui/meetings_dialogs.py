"""Dialogs of the Meetings view: invitations, status change (postponement), documents, organizers.

Each dialog only collects values; the page runs the write (through the undo stack where it can).
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from saiga_desk.core import meetings as mt
from saiga_desk.core import models as m
from saiga_desk.core import services as sv
from saiga_desk.core.choices import choice_label
from saiga_desk.core.errors import SaigaError
from saiga_desk.i18n import _


def label_of(value: str | None) -> str:
    """A stored choice shown to the officer: "in_person" -> "In person" (translated)."""
    return choice_label(value)


def to_qdate(value: dt.date | None) -> QDate:
    value = value or dt.date.today()
    return QDate(value.year, value.month, value.day)


def from_qdate(value: QDate) -> dt.date:
    return dt.date(value.year(), value.month(), value.day())


def _date_edit(parent, value: dt.date | None = None, name: str = "") -> QDateEdit:
    edit = QDateEdit(to_qdate(value), parent)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    if name:
        edit.setObjectName(name)
    return edit


def _buttons(dialog: QDialog, ok_text: str) -> QDialogButtonBox:
    box = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, dialog
    )
    box.button(QDialogButtonBox.StandardButton.Ok).setText(ok_text)
    box.accepted.connect(dialog.accept)
    box.rejected.connect(dialog.reject)
    return box


class InviteDialog(QDialog):
    """Which Signatories to invite, and the date (also the "as at" date of the contact points)."""

    def __init__(self, meeting: sv.Record, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("inviteDialog")
        self.setWindowTitle(_("Invite Signatories — {code}").format(code=meeting.code))
        layout = QVBoxLayout(self)
        intro = QLabel(
            _(
                "Creates an “invited” participant for the current contact point of every Signatory chosen "
                "below. People already on the list are left as they are; Signatories without a contact point "
                "are reported."
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.states = QCheckBox(_("Signatory States"), self)
        self.states.setObjectName("field_states")
        self.states.setChecked(True)
        self.organizations = QCheckBox(_("Cooperating Organizations"), self)
        self.organizations.setObjectName("field_organizations")
        self.organizations.setChecked(True)
        form = QFormLayout()
        form.addRow(self.states)
        form.addRow(self.organizations)
        self.on = _date_edit(self, dt.date.today(), "field_on")
        form.addRow(_("Invited on"), self.on)
        layout.addLayout(form)
        self.buttons = _buttons(self, _("Invite"))
        layout.addWidget(self.buttons)

    def values(self) -> dict:
        return dict(
            include_states=self.states.isChecked(),
            include_organizations=self.organizations.isChecked(),
            on=from_qdate(self.on.date()),
        )


class StatusDialog(QDialog):
    """Change a meeting's status: postponed (new dates, mode, venue), held, cancelled, planned."""

    def __init__(self, meeting: sv.Record, parent: QWidget | None = None, status: str = "postponed"):
        super().__init__(parent)
        self.setObjectName("statusDialog")
        self.meeting = meeting
        self.setWindowTitle(_("Change status — {code}").format(code=meeting.code))
        layout = QVBoxLayout(self)
        now = _("Now: {status}, {dates}, {mode}").format(
            status=label_of(meeting.status),
            dates=" – ".join(d.isoformat() for d in (meeting.start_date, meeting.end_date) if d)
            or _("no dates"),
            mode=label_of(meeting.mode),
        )
        current = QLabel(now)
        current.setObjectName("currentStatus")
        layout.addWidget(current)
        form = QFormLayout()
        self.status = QComboBox(self)
        self.status.setObjectName("field_status")
        for s in m.MEETING_STATUSES:
            self.status.addItem(label_of(s), s)
        self.status.setCurrentIndex(max(0, self.status.findData(status)))
        form.addRow(_("New status"), self.status)
        self.reason = QPlainTextEdit(self)
        self.reason.setObjectName("field_reason")
        self.reason.setPlaceholderText(_("Why? Kept in the status history (required for a postponement)."))
        self.reason.setFixedHeight(70)
        form.addRow(_("Reason") + " *", self.reason)
        self.change_dates = QCheckBox(_("New dates"), self)
        self.change_dates.setObjectName("field_change_dates")
        self.start = _date_edit(self, meeting.start_date, "field_start")
        self.end = _date_edit(self, meeting.end_date or meeting.start_date, "field_end")
        dates = QHBoxLayout()
        dates.addWidget(self.change_dates)
        dates.addWidget(self.start)
        dates.addWidget(QLabel("–"))
        dates.addWidget(self.end)
        form.addRow(_("Dates"), dates)
        self.change_dates.toggled.connect(self.start.setEnabled)
        self.change_dates.toggled.connect(self.end.setEnabled)
        self.change_dates.setChecked(status == "postponed")
        self.start.setEnabled(self.change_dates.isChecked())
        self.end.setEnabled(self.change_dates.isChecked())
        self.mode = QComboBox(self)
        self.mode.setObjectName("field_mode")
        self.mode.addItem(_("unchanged"), None)
        for mode in m.MEETING_MODES:
            self.mode.addItem(label_of(mode), mode)
        form.addRow(_("Mode"), self.mode)
        self.venue = QLineEdit(self)
        self.venue.setObjectName("field_venue")
        self.venue.setPlaceholderText(meeting.venue or _("unchanged"))
        form.addRow(_("Venue"), self.venue)
        layout.addLayout(form)
        self.error = QLabel(self)
        self.error.setObjectName("error_reason")
        self.error.setStyleSheet("color: #b00020")
        self.error.setWordWrap(True)
        self.error.hide()
        layout.addWidget(self.error)
        layout.addWidget(_buttons(self, _("Change status")))

    def values(self) -> dict:
        out = dict(status=self.status.currentData(), reason=self.reason.toPlainText().strip())
        if self.change_dates.isChecked():
            out["new_start"] = from_qdate(self.start.date())
            out["new_end"] = from_qdate(self.end.date())
        if self.mode.currentData():
            out["new_mode"] = self.mode.currentData()
        if self.venue.text().strip():
            out["new_venue"] = self.venue.text().strip()
        return out

    def accept(self) -> None:
        v = self.values()
        if v["status"] in ("postponed", "cancelled") and not v["reason"]:
            self.error.setText(_("Give the reason: it is kept in the meeting's status history."))
            self.error.show()
            return
        if "new_start" in v and v["new_end"] < v["new_start"]:
            self.error.setText(_("The end date cannot be before the start date."))
            self.error.show()
            return
        super().accept()


class DocumentDialog(QDialog):
    """A new document, or a revision / corrigendum of ``original`` (its symbol suggested)."""

    def __init__(
        self,
        db,
        meeting_id: int,
        parent: QWidget | None = None,
        original: sv.Record | None = None,
        kind: str | None = None,
    ):
        super().__init__(parent)
        self.setObjectName("documentDialog")
        self.db = db
        self.meeting_id = meeting_id
        self.original = original
        self.kind = kind if original is not None else None
        if original is None:
            self.setWindowTitle(_("New document"))
        elif self.kind == "Corr":
            self.setWindowTitle(_("Corrigendum to {symbol}").format(symbol=original.symbol))
        else:
            self.setWindowTitle(_("Revision of {symbol}").format(symbol=original.symbol))
        self.setMinimumWidth(560)
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.series = QComboBox(self)
        self.series.setObjectName("field_series")
        for s in m.DOCUMENT_SERIES:
            self.series.addItem(s, s)
        if original is not None:
            self.series.setCurrentIndex(max(0, self.series.findData(original.series)))
            self.series.setEnabled(False)
        form.addRow(_("Series"), self.series)
        self.symbol = QLineEdit(self)
        self.symbol.setObjectName("field_symbol")
        suggest = QPushButton(_("Suggest"), self)
        suggest.setObjectName("suggestSymbol")
        suggest.setToolTip(_("Use the next free symbol"))
        suggest.clicked.connect(self.suggest)
        row = QHBoxLayout()
        row.addWidget(self.symbol, 1)
        row.addWidget(suggest)
        form.addRow(_("Symbol") + " *", row)
        self.title_en = QLineEdit(original.title_en if original else "", self)
        self.title_en.setObjectName("field_title_en")
        form.addRow(_("Title (English)") + " *", self.title_en)
        self.title_ru = QLineEdit((original.title_ru or "") if original else "", self)
        self.title_ru.setObjectName("field_title_ru")
        form.addRow(_("Title (Russian)"), self.title_ru)
        self.agenda_item = QLineEdit((original.agenda_item or "") if original else "", self)
        self.agenda_item.setObjectName("field_agenda_item")
        form.addRow(_("Agenda item"), self.agenda_item)
        self.languages = QLineEdit((original.languages or "en,ru") if original else "en,ru", self)
        self.languages.setObjectName("field_languages")
        form.addRow(_("Languages"), self.languages)
        self.issued = QCheckBox(self)
        self.issued_on = _date_edit(self, dt.date.today(), "field_issued_on")
        self.issued_on.setEnabled(False)
        self.issued.toggled.connect(self.issued_on.setEnabled)
        row = QHBoxLayout()
        row.addWidget(self.issued)
        row.addWidget(self.issued_on, 1)
        form.addRow(_("Issued on"), row)
        self.status = QComboBox(self)
        self.status.setObjectName("field_status")
        for s in m.DOCUMENT_STATUSES:
            self.status.addItem(label_of(s), s)
        form.addRow(_("Status"), self.status)
        self.file = QLineEdit(self)
        self.file.setObjectName("field_file")
        self.file.setPlaceholderText(_("optional: copied into the document store"))
        browse = QPushButton(_("Browse…"), self)
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.file, 1)
        row.addWidget(browse)
        form.addRow(_("File"), row)
        self.link = QLineEdit(self)
        self.link.setObjectName("field_link")
        form.addRow(_("Link"), self.link)
        layout.addLayout(form)
        self.error = QLabel(self)
        self.error.setObjectName("error_symbol")
        self.error.setStyleSheet("color: #b00020")
        self.error.setWordWrap(True)
        self.error.hide()
        layout.addWidget(self.error)
        layout.addWidget(_buttons(self, _("Register")))
        self.series.currentIndexChanged.connect(lambda _i: self.suggest())
        self.suggest()

    def suggest(self) -> None:
        try:
            if self.original is not None:
                text = mt.revision_symbol(self.db, self.original.id, self.kind or "Rev")
            else:
                text = mt.next_symbol(self.db, self.meeting_id, self.series.currentData())
        except SaigaError as e:
            self._show_error(str(e))
            return
        self.symbol.setText(text)

    def _browse(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(self, _("Attach a file"))
        if path:
            self.file.setText(path)

    def _show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()

    def values(self) -> dict:
        """The record values to create (symbol checked, file stored): SaigaError when refused."""
        title = self.title_en.text().strip()
        if not title:
            raise SaigaError(_("The English title is required."))
        symbol = self.symbol.text().strip() or None
        if symbol and sv.find(self.db, "documents", symbol=symbol):
            raise SaigaError(_("{symbol} is already registered; symbols are unique.").format(symbol=symbol))
        other = dict(
            title_ru=self.title_ru.text().strip() or None,
            agenda_item=self.agenda_item.text().strip() or None,
            languages=self.languages.text().strip() or None,
            issued_on=from_qdate(self.issued_on.date()) if self.issued.isChecked() else None,
            status=self.status.currentData(),
            link=self.link.text().strip() or None,
        )
        values = mt.document_values(
            self.db,
            self.meeting_id,
            self.series.currentData(),
            title,
            symbol=symbol,
            original_id=self.original.id if self.original is not None else None,
            revision_kind=self.kind,
            **other,
        )
        if self.file.text().strip():
            values["file_name"], values["file_hash"] = mt.store_file(self.file.text().strip())
        return values

    def accept(self) -> None:
        try:
            self.result_values = self.values()
        except SaigaError as e:
            self._show_error(str(e))
            return
        super().accept()


class OrganizerDialog(QDialog):
    """Add an organization's part in a meeting (host, organizer, funder, support)."""

    def __init__(self, db, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("organizerDialog")
        self.setWindowTitle(_("Add organizer or funder"))
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.organization = QComboBox(self)
        self.organization.setObjectName("field_organization_id")
        self.organization.setEditable(True)
        self.organization.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        for rec in sv.find(db, "organizations"):
            text = f"{rec.acronym} — {rec.name_en}" if rec.acronym else rec.name_en
            self.organization.addItem(text, rec.id)
        self.organization.completer().setFilterMode(Qt.MatchFlag.MatchContains)
        self.organization.completer().setCompletionMode(
            self.organization.completer().CompletionMode.PopupCompletion
        )
        form.addRow(_("Organization"), self.organization)
        self.role = QComboBox(self)
        self.role.setObjectName("field_role")
        for r in m.MEETING_ORG_ROLES:
            self.role.addItem(label_of(r), r)
        self.role.setCurrentIndex(self.role.findData("organizer"))
        form.addRow(_("Role"), self.role)
        layout.addLayout(form)
        layout.addWidget(_buttons(self, _("Add")))

    def values(self) -> dict:
        index = self.organization.findText(self.organization.currentText())
        org_id = self.organization.itemData(index) if index >= 0 else None
        return dict(organization_id=org_id, role=self.role.currentData())
