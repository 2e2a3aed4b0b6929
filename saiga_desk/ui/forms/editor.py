"""The record form: one dialog for every record kind, laid out by ``layouts.LAYOUTS``.

Inline messages sit under each field (format and required checks as you type and on leaving a field,
the services' own rules after Save). Saving goes through an undo command. A stale edit is refused by the
services and the officer chooses Reload or Keep editing; typed values are never lost silently.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from saiga_desk.core import services as sv
from saiga_desk.core.changes import Changes
from saiga_desk.core.entities import entity as entity_of
from saiga_desk.core.errors import (
    SaigaError,
)
from saiga_desk.i18n import _
from saiga_desk.ui.forms import prompts
from saiga_desk.ui.forms.editor_fields import copy_values, defaults_of, make_field, offer_authority
from saiga_desk.ui.forms.editor_saving import FormSaving
from saiga_desk.ui.forms.fields import (
    INVALID,
    BoolField,
    Field,
    ReferenceField,
    same,
)
from saiga_desk.ui.forms.layouts import LAYOUTS, Spec
from saiga_desk.ui.forms.project_part_boxes import new_project_hint
from saiga_desk.ui.forms.project_parts import ProjectParts
from saiga_desk.ui.forms.references import options as reference_options
from saiga_desk.ui.forms.references import read_again, touched_sources
from saiga_desk.ui.history_panel import HistoryPanel
from saiga_desk.ui.signals import hub

log = logging.getLogger(__name__)

REQUIRED_MARK = ' <span style="color:#b00020">*</span>'


class RecordEditor(FormSaving, QDialog):
    """``RecordEditor(db, entity, record_id=None, values=None, undo_stack=None, parent=None)``."""

    saved = Signal(int)  # the record's id after a successful save

    def __init__(self, db, entity: str, record_id=None, values=None, undo_stack=None, parent=None):
        super().__init__(parent)
        ent = entity_of(entity)
        if ent.name not in LAYOUTS:
            raise SaigaError(_("{what} cannot be edited in a form.").format(what=_(ent.plural).capitalize()))
        self.db = db
        self.ent = ent
        self.entity = ent.name
        self.record_id = record_id
        self.undo_stack = undo_stack
        self.version: int | None = None
        self.record: dict = {}
        self.fields: dict[str, Field] = {}
        self.labels: dict[str, QLabel] = {}
        self.last_command = None
        self._closing = False
        self.setObjectName(f"editor_{self.entity}")
        self.setSizeGripEnabled(True)
        self._build()
        for start, end in ent.date_pairs:
            if start in self.fields and end in self.fields:
                self.fields[end].cross_check = lambda s=start, e=end: self._pair_problem(s, e)
        if record_id is not None:
            self.record = dict(sv.get(db, self.entity, record_id))
            self.version = self.record.get("version")
            self.baseline = {name: self.record.get(name) for name in self.fields}
            self._fill(self.record)
        else:
            defaults = defaults_of(ent)
            self.baseline = {name: defaults.get(name) for name in self.fields}
            self._fill(self.baseline)
            if values:
                values = copy_values(self.entity, values) if "id" in values else dict(values)
                self._fill({k: v for k, v in values.items() if k in self.fields})
        self._update_kind_rules()
        self._update_title()
        self._fit()
        hub.watch(db)
        hub.changed.connect(self._data_changed)

    def _data_changed(self, changes: Changes) -> None:
        """Another window added or renamed records: the pickers list them (typed text is kept)."""
        touched = set(touched_sources(changes))
        for spec in self._specs():
            if not spec.kind.startswith("ref:"):
                continue
            source = spec.kind[4:]
            if source in touched:
                field = self.fields[spec.name]
                if isinstance(field, ReferenceField):
                    field.set_options(reference_options(self.db, source))

    # ------------------------------------------------------------------ building
    def _build(self) -> None:
        outer = QVBoxLayout(self)
        self.heading = QLabel(self)
        self.heading.setObjectName("editorHeading")
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.heading.setFont(font)
        self.heading.setWordWrap(True)
        outer.addWidget(self.heading)
        self.message = QLabel(self)
        self.message.setObjectName("form_message")
        self.message.setWordWrap(True)
        self.message.setStyleSheet(
            "QLabel { color: #b00020; background: #fdecee; border: 1px solid #f5c2c7; padding: 6px; }"
        )
        self.message.hide()
        outer.addWidget(self.message)

        content = QWidget()
        columns = QHBoxLayout(content)
        columns.setContentsMargins(0, 0, 0, 0)
        column_boxes = [QVBoxLayout(), QVBoxLayout()]
        used = {s.column for s in LAYOUTS[self.entity]}
        for section in LAYOUTS[self.entity]:
            column_boxes[section.column].addWidget(self._section(section))
        for n, box in enumerate(column_boxes):
            box.addStretch(1)
            if n in used:
                columns.addLayout(box, 1)
        self.two_columns = len(used) > 1
        scroll = QScrollArea(self)
        scroll.setObjectName("editorScroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(content)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # what the officer types goes to a field, never here
        self.scroll = scroll
        self.content = content

        if self.record_id is not None:
            self.tabs = QTabWidget(self)
            self.tabs.addTab(scroll, _("Details"))
            self.parts = None
            if self.entity == "projects":
                self.parts = ProjectParts(self.db, self.record_id, self.undo_stack, self)
                self.tabs.addTab(self.parts, _("Parts"))
            self.history = HistoryPanel(self.db, self)
            self.tabs.addTab(self.history, _("History"))
            self.tabs.currentChanged.connect(self._tab_changed)
            outer.addWidget(self.tabs, 1)
        else:
            self.tabs = None
            self.history = None
            self.parts = None
            outer.addWidget(scroll, 1)
            if self.entity == "projects":
                outer.addWidget(new_project_hint(self))

        bottom = QHBoxLayout()
        legend = QLabel(_("Fields marked {mark} are required.").format(mark=REQUIRED_MARK.strip()), self)
        legend.setTextFormat(Qt.TextFormat.RichText)
        bottom.addWidget(legend, 1)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setObjectName("saveButton")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setObjectName("cancelButton")
        self.buttons.accepted.connect(self._save_clicked)
        self.buttons.rejected.connect(self.reject)
        bottom.addWidget(self.buttons)
        outer.addLayout(bottom)
        QShortcut(QKeySequence.StandardKey.Save, self, activated=self._save_clicked)

    def _section(self, section) -> QGroupBox:
        box = QGroupBox(_(section.title), self)
        form = QFormLayout(box)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        for spec in section.fields:
            field = make_field(self.db, self.ent, spec)
            self.fields[spec.name] = field
            label = QLabel(self._label_text(spec, field.required), box)
            label.setTextFormat(Qt.TextFormat.RichText)
            label.setObjectName(f"label_{spec.name}")
            label.setBuddy(field.input)
            label.setWordWrap(False)
            if isinstance(field, BoolField):
                label.setText("")
            self.labels[spec.name] = label
            form.addRow(label, field)
            field.changed.connect(lambda name=spec.name: self._field_changed(name))
        return box

    def _label_text(self, spec: Spec, required: bool) -> str:
        text = _(spec.label).replace("&", "&amp;").replace("<", "&lt;")
        return text + (REQUIRED_MARK if required else "")

    def _fit(self) -> None:
        self.content.adjustSize()
        hint = self.content.sizeHint()
        width = max(hint.width() + 48, 900 if self.two_columns else 560)
        height = hint.height() + 150
        screen = self.screen().availableGeometry() if self.screen() else None
        if screen is not None:
            width = min(width, int(screen.width() * 0.95))
            height = min(height, int(screen.height() * 0.9))
        self.resize(width, max(height, 360))

    # ------------------------------------------------------------------ values
    def _fill(self, values: dict) -> None:
        for name, value in values.items():
            field = self.fields.get(name)
            if field is None:
                continue
            if isinstance(field, ReferenceField) and value is not None:
                source = next(s.kind[4:] for s in self._specs() if s.name == name)
                opts = reference_options(self.db, source)
                if value not in opts.by_id:  # created since the list was read: read it again
                    field.set_options(read_again(self.db, source))
            field.set_value(value)
            field.show_error(None)

    def _specs(self) -> list[Spec]:
        return [s for section in LAYOUTS[self.entity] for s in section.fields]

    def form_values(self) -> dict:
        """The values in the form (``INVALID`` where the typed text is not a value)."""
        return {name: field.value() for name, field in self.fields.items()}

    def changed_fields(self) -> list[str]:
        current = self.form_values()
        return [n for n in self.fields if not same(current[n], self.baseline.get(n))]

    def has_unsaved_changes(self) -> bool:
        if self.record_id is None:
            return bool(self.changed_fields())
        return bool(self.changed_fields())

    # ------------------------------------------------------------------ rules
    def _field_changed(self, name: str) -> None:
        if name == "kind" and self.entity == "signatories":
            self._update_kind_rules()
        if name == "person_id" and self.entity == "designations":
            offer_authority(self.db, self.fields)
        for start, end in self.ent.date_pairs:
            if name in (start, end) and end in self.fields:
                end_field = self.fields[end]
                if end_field.value() not in (None, INVALID) or end_field.has_error():
                    end_field.check()
        self.setWindowModified(self.has_unsaved_changes())

    def _update_kind_rules(self) -> None:
        if self.entity != "signatories":
            return
        kind = self.fields["kind"].value()
        for name, wanted in (("country_id", "state"), ("organization_id", "organization")):
            field = self.fields[name]
            on = kind == wanted
            field.required = on
            field.setVisible(on)
            self.labels[name].setVisible(on)
            spec = next(s for s in self._specs() if s.name == name)
            self.labels[name].setText(self._label_text(spec, on))
            if not on:
                field.show_error(None)
        self.fields["range_state"].setEnabled(kind == "state")

    def _pair_problem(self, start: str, end: str) -> str | None:
        a, b = self.fields[start].value(), self.fields[end].value()
        if a in (None, INVALID) or b in (None, INVALID) or b >= a:
            return None
        return _("Cannot be before “{field}” ({date}).").format(
            field=self.fields[start].label_text, date=a.isoformat()
        )

    def validate(self) -> dict[str, str]:
        """Check every field in the form and show the messages; returns {field: message}."""
        problems: dict[str, str] = {}
        for name, field in self.fields.items():
            if not field.isVisibleTo(self) and field.value() in (None, INVALID):
                field.show_error(None)
                continue
            message = field.check()
            if message:
                problems[name] = message
        return problems

    def focus_first_field(self) -> None:
        """Put the cursor in the form's first field that takes input, so typing after Ctrl+N lands there."""
        for field in self.fields.values():
            target = field.input or field
            if (
                field.isVisibleTo(self)
                and field.isEnabled()
                and target.focusPolicy() != Qt.FocusPolicy.NoFocus
            ):
                self.activateWindow()
                target.setFocus(Qt.FocusReason.OtherFocusReason)
                return

    def _focus_first(self, names) -> None:
        for name in self.fields:
            if name in names:
                if self.tabs is not None:
                    self.tabs.setCurrentIndex(0)
                field = self.fields[name]
                self.scroll.ensureWidgetVisible(field)
                field.setFocus(Qt.FocusReason.OtherFocusReason)
                return

    def _show_message(self, text: str | None) -> None:
        self.message.setText(text or "")
        self.message.setVisible(bool(text))

    # ------------------------------------------------------------------ title, closing
    def _update_title(self) -> None:
        what = _(self.ent.singular)
        if self.record_id is None:
            text = _("New {what}").format(what=what)
        else:
            text = _("{what} “{title}”").format(
                what=what.capitalize(), title=self._title_of_form() or f"#{self.record_id}"
            )
        self.heading.setText(text)
        self.setWindowTitle(text + "[*]")  # Qt adds " — Saiga Desk"
        if (
            self.history is not None
            and self.record_id is not None
            and self.tabs.currentWidget() is self.history
        ):
            self.history.show_record(self.entity, self.record_id)

    def _tab_changed(self, index: int) -> None:
        if self.history is not None and self.tabs.widget(index) is self.history:
            self.history.show_record(self.entity, self.record_id)

    def try_close(self) -> bool:
        """Close, asking Save / Discard / Cancel when there are unsaved changes; False keeps the editor open."""
        if self.has_unsaved_changes():
            answer = prompts.ask_unsaved(self, self.heading.text())
            if answer == "cancel":
                return False
            if answer == "save" and not self.save():
                return False
        self._closing = True
        self.done(
            QDialog.DialogCode.Accepted if self.last_command is not None else QDialog.DialogCode.Rejected
        )
        return True

    def reject(self) -> None:  # Escape, Cancel, the window's close button
        if self._closing:
            super().reject()
            return
        self.try_close()

    def closeEvent(self, event) -> None:  # noqa: N802
        if self._closing or self.try_close():
            event.accept()
        else:
            event.ignore()

    def done(self, code: int) -> None:
        self._closing = True
        super().done(code)
        self._closing = False
