"""The pieces of the project form's "Parts" tab: the titled list boxes, the type-ahead pickers, how a
typed name resolves to a record, amounts as typed and shown, and the hint a new project's form shows."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from saiga_desk.core import services as sv
from saiga_desk.core.errors import SaigaError
from saiga_desk.core.text import fold
from saiga_desk.i18n import _
from saiga_desk.ui.forms.fields import ReferencePicker
from saiga_desk.ui.forms.references import Options

CURRENCY = re.compile(r"^[A-Za-z]{3}$")
ERROR_STYLE = "QLabel { color: #b00020; }"


def resolve(opts: Options, text: str) -> int | None:
    """The id a typed text means: the listed name itself, else the one name that begins with it as a
    word ("acbk" -> "ACBK — Association ..."), else the one name containing it."""
    text = text.strip()
    if not text:
        return None
    found = opts.find(text)
    if found is not None:
        return found
    key = fold(text)
    folded = [fold(label) for label in opts.labels]
    for test in (
        lambda f: f == key or f.startswith(key + " "),
        lambda f: key in f,
    ):
        rows = [n for n, f in enumerate(folded) if test(f)]
        if len(rows) == 1:
            return opts.ids[rows[0]]
    return None


def parse_amount(text: str):
    """A Decimal, None when empty; raises ValueError when the text is not a number."""
    text = "".join(text.split()).replace("\u202f", "").replace("'", "")
    if not text:
        return None
    if "," in text and "." not in text:
        text = text.replace(",", ".")
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise ValueError(text) from None
    if not value.is_finite():
        raise ValueError(text)
    return value


def format_amount(value) -> str:
    if value is None:
        return ""
    return f"{Decimal(value):,.2f}".replace(",", "\u202f")


def item_label(db, item_id: int) -> tuple[str, str]:
    """("Saiga MTIWP 2016-2020 · 1.1", title) of a work-programme item."""
    try:
        item = sv.get(db, "work-programme-items", item_id)
        programme = sv.get(db, "work-programmes", item["programme_id"])
    except SaigaError:
        return f"#{item_id}", ""
    return f"{programme['code']} · {item['code']}", item.get("title") or ""


class PartBox(QGroupBox):
    """A titled list with an "add" row, a Remove button and a line for messages."""

    def __init__(self, title: str, name: str, parent=None):
        super().__init__(title, parent)
        self.setObjectName(f"parts_{name}")
        self.box = QVBoxLayout(self)
        self.box.setContentsMargins(8, 6, 8, 6)
        self.box.setSpacing(4)
        self.add_row = QHBoxLayout()
        self.add_button = QPushButton(_("Add"), self)
        self.add_button.setObjectName(f"add_{name}")
        self.remove_button = QPushButton(_("Remove"), self)
        self.remove_button.setObjectName(f"remove_{name}")
        self.remove_button.setEnabled(False)
        self.error = QLabel(self)
        self.error.setObjectName(f"error_{name}")
        self.error.setWordWrap(True)
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.hide()

    def finish(self, view: QWidget, second_row: list[QWidget] | None = None) -> None:
        """The list, then the "add" row (a second one when given), Add and Remove at the end."""
        self.view = view
        view.setObjectName(f"list_{self.objectName()[6:]}")
        view.setMinimumHeight(view.fontMetrics().height() * 5 + 16)
        self.box.addWidget(view, 1)
        self.box.addLayout(self.add_row)
        if second_row:
            self.add_row = QHBoxLayout()
            for widget in second_row:
                self.add_row.addWidget(widget)
            self.add_row.addStretch(1)
        self.add_row.addWidget(self.add_button)
        self.add_row.addWidget(self.remove_button)
        if second_row:
            self.box.addLayout(self.add_row)
        self.box.addWidget(self.error)
        self.box.addStretch(0)

    def show_error(self, message: str | None) -> None:
        self.error.setText(message or "")
        self.error.setVisible(bool(message))


def part_picker(opts: Options, parent, name: str) -> ReferencePicker:
    picker = ReferencePicker(opts, parent)
    picker.setObjectName(f"picker_{name}")
    picker.setMinimumContentsLength(10)
    return picker


def new_project_hint(parent=None) -> QLabel:
    """What a new project's form says instead of the parts."""
    label = QLabel(_("Save the project first to add its parts."), parent)
    label.setObjectName("partsHint")
    label.setWordWrap(True)
    label.setStyleSheet("QLabel { color: #5f6368; font-style: italic; }")
    return label
