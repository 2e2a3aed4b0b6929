"""The Signature events tab: the depositary record (who signed, when, where, in what capacity; the Amending
Protocol accepted; withdrawals), the Signatories "as at" a date, and a form for one event. Every change goes
through ``core.depositary`` (the Signatory's date of signature and status follow) and can be undone.
"""

from __future__ import annotations

from PySide6.QtCore import QDate
from PySide6.QtGui import QUndoCommand
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from saiga_desk.core import depositary as dep
from saiga_desk.core import services as sv
from saiga_desk.core.errors import SaigaError
from saiga_desk.core.reporting_models import SIGNATURE_EVENTS
from saiga_desk.i18n import N_, _
from saiga_desk.ui.errors import show_error
from saiga_desk.ui.table_page import TablePage

EVENT_LABELS = {
    "signed": N_("Signed"),
    "accepted_amendment": N_("Accepted the amendment"),
    "withdrew": N_("Withdrew"),
    "status_changed": N_("Status changed"),
}
FIELDS = ("signatory_id", "event", "event_on", "place", "authority", "source", "notes")


class EventCommand(QUndoCommand):
    """One change of the depositary record already made: ``undo``/``redo`` are the two functions given."""

    def __init__(self, text: str, undo, redo):
        super().__init__(text)
        self._undo, self._redo, self._first = undo, redo, True

    def redo(self) -> None:
        if self._first:
            self._first = False
            return
        self._redo()

    def undo(self) -> None:
        self._undo()


class EventDialog(QDialog):
    """A signature event: Signatory, what happened, date, place, signing authority, source, notes."""

    def __init__(self, db, undo_stack=None, record: dict | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("signature_event_dialog")
        self.setWindowTitle(_("Signature event"))
        self.db, self.undo_stack, self.record = db, undo_stack, record
        form = QFormLayout(self)
        self.signatory = QComboBox(self)
        self.signatory.setObjectName("signatory")
        for row in sv.iter_rows(db, "signatories"):
            self.signatory.addItem(row["name"], row["id"])
        self.event = QComboBox(self)
        self.event.setObjectName("event")
        for ev in SIGNATURE_EVENTS:
            self.event.addItem(_(EVENT_LABELS[ev]), ev)
        self.on = QDateEdit(self)
        self.on.setObjectName("event_on")
        self.on.setCalendarPopup(True)
        self.on.setDisplayFormat("yyyy-MM-dd")
        self.on.setDate(QDate.currentDate())
        self.place = QLineEdit(self)
        self.place.setObjectName("place")
        self.authority = QLineEdit(self)
        self.authority.setObjectName("authority")
        self.source = QLineEdit(self)
        self.source.setObjectName("source")
        self.notes = QPlainTextEdit(self)
        self.notes.setObjectName("notes")
        self.notes.setMaximumHeight(70)
        for label, widget in ((_("Signatory"), self.signatory), (_("Event"), self.event), (_("Date"), self.on),
                              (_("Place"), self.place), (_("Signing authority"), self.authority),
                              (_("Source"), self.source), (_("Notes"), self.notes)):  # fmt: skip
            form.addRow(label, widget)
        if record:
            self.signatory.setCurrentIndex(max(0, self.signatory.findData(record["signatory_id"])))
            self.event.setCurrentIndex(max(0, self.event.findData(record["event"])))
            if record.get("event_on"):
                d = record["event_on"]
                self.on.setDate(QDate(d.year, d.month, d.day))
            self.place.setText(record.get("place") or "")
            self.authority.setText(record.get("authority") or "")
            self.source.setText(record.get("source") or "")
            self.notes.setPlainText(record.get("notes") or "")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def values(self) -> dict:
        return dict(
            signatory_id=self.signatory.currentData(),
            event=self.event.currentData(),
            event_on=self.on.date().toPython(),
            place=self.place.text().strip() or None,
            authority=self.authority.text().strip() or None,
            source=self.source.text().strip() or None,
            notes=self.notes.toPlainText().strip() or None,
        )

    def save(self) -> None:
        v = self.values()
        if self.record is None:
            res = dep.record_event(self.db, v.pop("signatory_id"), v.pop("event"), v.pop("event_on"), **v)
            made = dict(res.event)
            command = EventCommand(
                _("New signature event"), lambda: dep.delete_event(self.db, made["id"]),
                lambda: dep.restore_event(self.db, made),
            )  # fmt: skip
        else:
            rid = self.record["id"]
            before, res = dep.update_event(self.db, rid, v)
            old = {k: before[k] for k in FIELDS}
            command = EventCommand(
                _("Signature event changed"), lambda: dep.update_event(self.db, rid, old),
                lambda: dep.update_event(self.db, rid, v),
            )  # fmt: skip
        if self.undo_stack is not None:
            self.undo_stack.push(command)

    def accept(self) -> None:
        try:
            self.save()
        except SaigaError as e:
            show_error(self, e, _("The event was not saved"))
            return
        super().accept()


class SignatureEventsPage(TablePage):
    def __init__(self, db, undo_stack=None, parent: QWidget | None = None):
        super().__init__(db, "signature-events", undo_stack, parent)
        self.title = _("Signature events")

    def add_controls(self, bar: QHBoxLayout) -> None:
        label = QLabel(_("Signatories as at"), self)
        self.as_at = QDateEdit(self)
        self.as_at.setObjectName("signatories_as_at")
        self.as_at.setCalendarPopup(True)
        self.as_at.setDisplayFormat("yyyy-MM-dd")
        self.as_at.setDate(QDate.currentDate())
        label.setBuddy(self.as_at)
        self.as_at.dateChanged.connect(lambda _d: self.show_as_at())
        bar.addWidget(label)
        bar.addWidget(self.as_at)

    def add_body(self, layout: QVBoxLayout) -> None:
        self.as_at_label = QLabel(self)
        self.as_at_label.setObjectName("signatories_as_at_list")
        self.as_at_label.setWordWrap(True)
        layout.addWidget(self.as_at_label)
        super().add_body(layout)

    def refresh(self) -> None:
        super().refresh()
        self.show_as_at()

    def show_as_at(self) -> None:
        day = self.as_at.date().toPython()
        states = [x.name for x in dep.signatories_as_at(self.db, day, kind="state")]
        orgs = [x.name for x in dep.signatories_as_at(self.db, day, kind="organization")]
        self.as_at_label.setText(
            _(
                "On {date}: {n} Signatory States ({states}); {m} Cooperating Organizations with a recorded date."
            ).format(date=day.isoformat(), n=len(states), states=", ".join(states) or "—", m=len(orgs))
        )

    def new_record(self):
        dialog = EventDialog(self.db, self.undo_stack, parent=self)
        dialog.show()
        return dialog

    def edit_selected(self):
        rid = self.current_id()
        if rid is None:
            return None
        dialog = EventDialog(self.db, self.undo_stack, dict(sv.get(self.db, "signature-events", rid)), self)
        dialog.show()
        return dialog

    def duplicate_selected(self):
        return None

    def delete_selected(self, confirm: bool = True) -> None:
        ids = self.selected_ids()
        if not ids:
            return
        if (
            confirm
            and QMessageBox.question(
                self, _("Delete"), _("Delete {n} selected signature events?").format(n=len(ids))
            )
            != QMessageBox.StandardButton.Yes
        ):
            return
        for rid in ids:
            try:
                gone = dict(dep.delete_event(self.db, rid).event)
            except SaigaError as e:
                show_error(self, e, _("Not deleted"))
                break
            if self.undo_stack is not None:
                self.undo_stack.push(EventCommand(
                    _("Signature event deleted"), lambda g=gone: dep.restore_event(self.db, g),
                    lambda g=gone: dep.delete_event(self.db, g["id"]),
                ))  # fmt: skip


__all__ = ["SignatureEventsPage", "EventDialog", "EventCommand"]
