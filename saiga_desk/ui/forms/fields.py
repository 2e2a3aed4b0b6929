"""Field widgets of the record forms: each one an input plus its inline message under it.

Every input has the objectName ``field_<name>`` and its message label ``error_<name>``, so tests and
screen readers find them. ``value()`` returns the Python value, or ``INVALID`` when what is typed
cannot be a value (``problem()`` then says why, in plain words).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCalendarWidget,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
    QWidgetAction,
)

from saiga_desk.core.choices import CHOICE_LABELS, choice_label  # noqa: F401  (re-exported)
from saiga_desk.core.text import fold
from saiga_desk.core.validation import email_problem
from saiga_desk.i18n import _
from saiga_desk.ui.forms.field_values import INVALID, normalise, parse_date_text, same
from saiga_desk.ui.forms.reference_picker import ReferencePicker
from saiga_desk.ui.forms.references import Options


class Field(QWidget):
    """Base: an input widget (``self.input``) over an inline message (``self.error``)."""

    changed = Signal()

    def __init__(self, name: str, label: str, required: bool = False, parent: QWidget | None = None):
        super().__init__(parent)
        self.name = name
        self.label_text = label
        self.required = required
        self._box = QVBoxLayout(self)
        self._box.setContentsMargins(0, 0, 0, 0)
        self._box.setSpacing(2)
        self.error = QLabel(self)
        self.error.setObjectName(f"error_{name}")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b00020;")
        self.error.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error.hide()
        self.input: QWidget | None = None
        self.cross_check = None  # set by the form: a rule over several fields (end not before start)

    def _set_input(self, widget: QWidget, row: QWidget | None = None) -> None:
        self.input = widget
        widget.setObjectName(f"field_{self.name}")
        widget.setAccessibleName(self.label_text)
        self._box.addWidget(row or widget)
        self._box.addWidget(self.error)
        self.setFocusProxy(widget)

    # -- to override
    def value(self):
        raise NotImplementedError

    def set_value(self, value) -> None:
        raise NotImplementedError

    def problem(self) -> str | None:
        """What is wrong with the typed text on its own (format), or None."""
        return None

    # -- messages
    def show_error(self, message: str | None) -> None:
        self.error.setText(message or "")
        self.error.setVisible(bool(message))
        if self.input is not None:
            self.input.setProperty("invalid", bool(message))
            self.input.setToolTip(message or "")

    def has_error(self) -> bool:
        return self.error.isVisible() or bool(self.error.text())

    def check(self) -> str | None:
        """Re-check on its own, show the message, return it."""
        message = self.problem()
        if message is None and self.required and self.value() in (None, ""):
            message = _("Required.")
        if message is None and self.cross_check is not None:
            message = self.cross_check()
        self.show_error(message)
        return message

    def set_read_only(self, read_only: bool) -> None:
        if self.input is not None:
            self.input.setEnabled(not read_only)


class TextField(Field):
    def __init__(self, name, label, required=False, email=False, parent=None):
        super().__init__(name, label, required, parent)
        self.email = email
        self.edit = QLineEdit(self)
        self.edit.setClearButtonEnabled(True)
        self._set_input(self.edit)
        self.edit.textChanged.connect(self._typed)
        self.edit.editingFinished.connect(self.check)
        if email:
            self.edit.setPlaceholderText("name@example.org")

    def _typed(self) -> None:
        self.changed.emit()
        if self.has_error():  # a shown message follows the typing, so it goes away once fixed
            self.check()

    def value(self):
        text = self.edit.text()
        return None if not text.strip() else text.strip() if self.email else text

    def set_value(self, value) -> None:
        self.edit.setText("" if value is None else str(value))
        self.edit.setCursorPosition(0)  # long text shows its beginning

    def problem(self) -> str | None:
        if self.email:
            return email_problem(self.value())
        return None


class MultiLineField(Field):
    def __init__(self, name, label, required=False, lines: int = 3, parent=None):
        super().__init__(name, label, required, parent)
        self.edit = QPlainTextEdit(self)
        self.edit.setTabChangesFocus(True)
        margins = self.edit.contentsMargins()
        doc_margin = self.edit.document().documentMargin()
        height = (
            self.edit.fontMetrics().lineSpacing() * lines
            + int(2 * doc_margin)
            + margins.top()
            + margins.bottom()
            + 4
        )
        self.edit.setFixedHeight(height)  # longer text scrolls; the form keeps its shape
        self._set_input(self.edit)
        self.edit.textChanged.connect(self._typed)

    def _typed(self) -> None:
        self.changed.emit()
        if self.has_error():
            self.check()

    def value(self):
        text = self.edit.toPlainText()
        return text if text.strip() else None

    def set_value(self, value) -> None:
        self.edit.setPlainText("" if value is None else str(value))


class DateField(Field):
    """A date typed as YYYY-MM-DD (or DD.MM.YYYY) or picked from a calendar; empty means no date."""

    def __init__(self, name, label, required=False, parent=None):
        super().__init__(name, label, required, parent)
        row = QWidget(self)
        lay = QHBoxLayout(row)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(4)
        self.edit = QLineEdit(row)
        self.edit.setPlaceholderText(_("YYYY-MM-DD"))
        self.edit.setClearButtonEnabled(True)
        self.edit.setMaximumWidth(self.edit.fontMetrics().horizontalAdvance("0000-00-00") + 60)
        self.edit.setMinimumWidth(self.edit.fontMetrics().horizontalAdvance("0000-00-00") + 40)
        self.button = QToolButton(row)
        self.button.setText("…")
        self.button.setStyleSheet("QToolButton::menu-indicator { image: none; width: 0px; }")
        self.button.setObjectName(f"calendar_{name}")
        self.button.setToolTip(_("Pick a date"))
        self.button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.button)
        self.calendar = QCalendarWidget(menu)
        self.calendar.setGridVisible(True)
        action = QWidgetAction(menu)
        action.setDefaultWidget(self.calendar)
        menu.addAction(action)
        menu.aboutToShow.connect(self._sync_calendar)
        self.calendar.clicked.connect(lambda d: (self._picked(d), menu.close()))
        self.button.setMenu(menu)
        # out of the Tab order (a space typed after Tab would open it); Alt+Down or F4 opens it from the field
        self.button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        for keys in ("Alt+Down", "F4"):
            QShortcut(QKeySequence(keys), self.edit, self.button.showMenu, Qt.ShortcutContext.WidgetShortcut)
        self.button.setToolTip(_("Pick a date (Alt+Down)"))
        lay.addWidget(self.edit)
        lay.addWidget(self.button)
        lay.addStretch(1)
        self._set_input(self.edit, row)
        self.edit.textChanged.connect(self._typed)
        self.edit.editingFinished.connect(self.check)

    def _sync_calendar(self) -> None:
        value = self.value()
        if isinstance(value, dt.date):
            self.calendar.setSelectedDate(QDate(value.year, value.month, value.day))

    def _picked(self, date: QDate) -> None:
        self.set_value(dt.date(date.year(), date.month(), date.day()))
        self.check()

    def _typed(self) -> None:
        self.changed.emit()
        if self.has_error():
            self.check()

    def value(self):
        try:
            return parse_date_text(self.edit.text())
        except ValueError:
            return INVALID

    def set_value(self, value) -> None:
        if isinstance(value, dt.datetime):
            value = value.date()
        self.edit.setText(value.isoformat() if isinstance(value, dt.date) else (value or ""))

    def problem(self) -> str | None:
        try:
            parse_date_text(self.edit.text())
        except ValueError as e:
            return str(e)
        return None

    def set_read_only(self, read_only: bool) -> None:
        self.edit.setEnabled(not read_only)
        self.button.setEnabled(not read_only)


class ChoiceField(Field):
    def __init__(self, name, label, choices, required=False, allow_empty=True, parent=None):
        super().__init__(name, label, required, parent)
        row = QWidget(self)
        lay = QHBoxLayout(row)
        lay.setContentsMargins(0, 0, 0, 0)
        self.combo = QComboBox(row)
        self.combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.combo.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        if allow_empty:
            self.combo.addItem("", None)
        for value in choices:
            self.combo.addItem(choice_label(value), value)
        lay.addWidget(self.combo)
        lay.addStretch(1)
        self._set_input(self.combo, row)
        self.combo.currentIndexChanged.connect(lambda _i: (self.changed.emit(), self.check()))

    def value(self):
        return self.combo.currentData()

    def set_value(self, value) -> None:
        index = self.combo.findData(value)
        if index < 0 and value not in (None, ""):  # a value outside the list (older data) stays visible
            self.combo.addItem(choice_label(value), value)
            index = self.combo.count() - 1
        self.combo.setCurrentIndex(max(index, 0))


class BoolField(Field):
    def __init__(self, name, label, required=False, parent=None):
        super().__init__(name, label, False, parent)
        self.box = QCheckBox(label, self)
        self._set_input(self.box)
        self.box.toggled.connect(lambda _b: self.changed.emit())

    def value(self):
        return self.box.isChecked()

    def set_value(self, value) -> None:
        self.box.setChecked(bool(value))


class NumberField(Field):
    """A whole number (``integer=True``) or a decimal amount."""

    def __init__(self, name, label, required=False, integer=True, parent=None):
        super().__init__(name, label, required, parent)
        self.integer = integer
        self.edit = QLineEdit(self)
        self.edit.setMaximumWidth(self.edit.fontMetrics().horizontalAdvance("0" * 14) + 30)
        self._set_input(self.edit)
        self.edit.textChanged.connect(lambda: (self.changed.emit(), self.has_error() and self.check()))
        self.edit.editingFinished.connect(self.check)

    def _parse(self, text: str):
        s = text.strip().replace(" ", "").replace("\u00a0", "")
        if not s:
            return None
        if self.integer:
            return int(s)
        return Decimal(s.replace(",", "."))

    def value(self):
        try:
            return self._parse(self.edit.text())
        except (ValueError, InvalidOperation):
            return INVALID

    def set_value(self, value) -> None:
        self.edit.setText("" if value is None else str(value))

    def problem(self) -> str | None:
        if self.value() is INVALID:
            return _("Type a whole number.") if self.integer else _("Type a number (e.g. 12500.00).")
        return None


class ReferenceField(Field):
    def __init__(self, name, label, options: Options, required=False, parent=None):
        super().__init__(name, label, required, parent)
        self.picker = ReferencePicker(options, self)
        self._set_input(self.picker)
        self.picker.editTextChanged.connect(self._typed)
        self.picker.lineEdit().editingFinished.connect(self._finished)
        self.picker.activated.connect(lambda _i: self.check())
        self.picker.completer().activated.connect(lambda _t: self.check())

    def _typed(self) -> None:
        self.changed.emit()
        if self.has_error():
            self.check()

    def _finished(self) -> None:
        # a name typed exactly (any case or accents) is normalised to the listed spelling
        picked = self.picker.picked_id()
        if picked not in (None, INVALID):
            self.picker.set_id(picked)
        self.check()

    def value(self):
        return self.picker.picked_id()

    def set_value(self, value) -> None:
        self.picker.set_id(value)

    def problem(self) -> str | None:
        if self.value() is INVALID:
            return _("Pick a name from the list (type part of it to search).")
        return None

    def set_options(self, options: Options) -> None:
        current = self.value()
        self.picker.set_options(options)
        if current not in (None, INVALID):
            self.picker.set_id(current)


__all__ = [
    "INVALID",
    "Field",
    "TextField",
    "MultiLineField",
    "DateField",
    "ChoiceField",
    "BoolField",
    "NumberField",
    "ReferenceField",
    "ReferencePicker",
    "choice_label",
    "parse_date_text",
    "fold",
    "normalise",
    "same",
    "CHOICE_LABELS",
]
