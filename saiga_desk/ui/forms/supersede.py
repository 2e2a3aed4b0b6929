"""Superseding a National Contact Point: a new person takes over from a date; the old one is kept.

The verb is ``core.contact_points.supersede`` (the command line's ``contact-points supersede`` uses it
too): a new designation valid from the date and the old one closed the day before with
``superseded_by_id`` pointing to the new one. ``SupersedeCommand`` makes it undoable through
``core.contact_points.undo_supersede``; ``SupersedeDialog`` is the form.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QVBoxLayout

from saiga_desk.core import contact_points as cp
from saiga_desk.core import services as sv
from saiga_desk.core.errors import SaigaError, ValidationError
from saiga_desk.i18n import _
from saiga_desk.ui.forms.fields import (
    INVALID,
    ChoiceField,
    DateField,
    ReferenceField,
    TextField,
    choice_label,
)
from saiga_desk.ui.forms.references import options, record_title
from saiga_desk.ui.undo import RecordCommand, push

supersede = cp.supersede  # the core verbs, under the names this module has always offered
undo_supersede = cp.undo_supersede


class SupersedeCommand(RecordCommand):
    def __init__(self, db, designation_id: int, person_id: int, from_date: dt.date, version=None, **extra):
        super().__init__(db, "designations", _("Supersede contact point"))
        self.designation_id = designation_id
        self.person_id = person_id
        self.from_date = from_date
        self.version = version
        self.extra = extra
        self.new_id: int | None = None
        self.before: dict = {}
        self.old = self.new = None

    def apply(self) -> None:
        current = sv.get(self.db, "designations", self.designation_id)
        before = {"valid_to": current.valid_to, "superseded_by_id": current.superseded_by_id}
        self.old, self.new = cp.supersede(
            self.db,
            self.designation_id,
            self.person_id,
            self.from_date,
            version=self.version,
            new_id=self.new_id,
            **self.extra,
        )
        self.before, self.new_id, self.version = before, self.new.id, None

    def revert(self) -> None:
        cp.undo_supersede(self.db, self.designation_id, self.new_id, self.before)


class SupersedeDialog(QDialog):
    """``SupersedeDialog(db, designation_id, undo_stack, parent=None)``: who takes over, from when."""

    def __init__(self, db, designation_id: int, undo_stack=None, parent=None):
        super().__init__(parent)
        self.setObjectName("supersedeDialog")
        self.db = db
        self.designation_id = designation_id
        self.undo_stack = undo_stack
        self.command: SupersedeCommand | None = None
        self.current = sv.get(db, "designations", designation_id)
        self.setWindowTitle(_("Supersede contact point"))
        lay = QVBoxLayout(self)
        signatory = options(db, "signatories").label(self.current.signatory_id)
        person = options(db, "persons").label(self.current.person_id)
        since = self.current.valid_from.isoformat() if self.current.valid_from else _("(no start date)")
        intro = QLabel(
            _(
                "<b>{signatory}</b>: {person} ({role}), valid from {since}.<br>A new person takes over from a "
                "date; the current designation is kept in the history, valid until the day before."
            ).format(
                signatory=_escape(signatory),
                person=_escape(person),
                role=choice_label(self.current.role),
                since=since,
            ),
            self,
        )
        intro.setTextFormat(Qt.TextFormat.RichText)
        intro.setWordWrap(True)
        lay.addWidget(intro)
        self.message = QLabel(self)
        self.message.setObjectName("form_message")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b00020;")
        self.message.hide()
        lay.addWidget(self.message)
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        self.person = ReferenceField("person_id", _("New person"), options(db, "persons"), required=True)
        self.valid_from = DateField("valid_from", _("Takes over from"), required=True)
        self.valid_from.set_value(dt.date.today())
        self.authority = ReferenceField(
            "authority_id", _("Competent authority"), options(db, "organizations"), required=False
        )
        self.authority.set_value(self.current.authority_id)
        self.role = ChoiceField("role", _("Role"), ("primary", "alternate", "technical"), allow_empty=False)
        self.role.set_value(self.current.role)
        self.designated_on = DateField("designated_on", _("Designated on"))
        self.source = TextField("source_reference", _("Source (note verbale, letter)"))
        self.fields = [
            self.person,
            self.valid_from,
            self.authority,
            self.role,
            self.designated_on,
            self.source,
        ]
        for field in self.fields:
            label = QLabel(field.label_text + (" *" if field.required else ""), self)
            label.setBuddy(field.input)
            form.addRow(label, field)
        lay.addLayout(form)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Supersede"))
        buttons.button(QDialogButtonBox.StandardButton.Ok).setObjectName("supersedeButton")
        buttons.accepted.connect(self._ok)
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)
        self.resize(max(self.sizeHint().width(), 620), self.sizeHint().height())

    def _ok(self) -> None:
        if self.apply():
            self.accept()

    def apply(self) -> bool:
        """Validate and supersede; True when done."""
        self.message.hide()
        bad = [f for f in self.fields if f.check()]
        if bad:
            bad[0].setFocus()
            return False
        authority = self.authority.value()
        command = SupersedeCommand(
            self.db,
            self.designation_id,
            self.person.value(),
            self.valid_from.value(),
            version=self.current.version,
            authority_id=None if authority is INVALID else authority,
            role=self.role.value(),
            designated_on=self.designated_on.value(),
            source_reference=self.source.value(),
        )
        try:
            push(self.undo_stack, command)
        except ValidationError as e:
            by_name = {f.name: f for f in self.fields}
            for name, text in e.fields.items():
                field = by_name.get(name if name != "valid_to" else "valid_from")
                if field is not None:
                    field.show_error(text)
            self.message.setText(str(e))
            self.message.show()
            return False
        except SaigaError as e:
            self.message.setText(str(e))
            self.message.show()
            return False
        self.command = command
        return True


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


__all__ = ["supersede", "undo_supersede", "SupersedeCommand", "SupersedeDialog", "record_title"]
