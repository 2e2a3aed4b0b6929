"""The letterhead's letter fields in Settings: the letterhead of the letters written in Russian, who signs the
letters, the prefix of their reference numbers, and the Secretariat’s emblem (a PNG, JPEG or SVG file chosen by the officer; none is shipped)."""

from __future__ import annotations

from PySide6.QtWidgets import QFileDialog, QFormLayout, QHBoxLayout, QLineEdit, QPushButton, QWidget

from saiga_desk.i18n import _


class EmblemField(QWidget):
    """A file path with a "Choose…" button; ``text()``/``setText()`` like the line edits beside it."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.edit = QLineEdit(objectName="emblemPath")
        self.edit.setPlaceholderText(_("No emblem"))
        choose = QPushButton(_("Choose…"), objectName="chooseEmblem")
        choose.clicked.connect(self.choose)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.edit, 1)
        row.addWidget(choose)

    def text(self) -> str:
        return self.edit.text()

    def setText(self, value: str) -> None:  # noqa: N802  the Qt spelling its neighbours use
        self.edit.setText(value)

    def choose(self) -> None:
        name, _filter = QFileDialog.getOpenFileName(
            self, _("Emblem"), self.text(), _("Images (*.png *.jpg *.jpeg *.svg)")
        )
        if name:
            self.edit.setText(name)


def add_letter_fields(dialog, form: QFormLayout) -> None:
    """Add the fields to the Settings dialog's letterhead form; they load and save with the letterhead."""
    labels = {
        "organization_ru": _("Organization, in Russian letters"),
        "address_ru": _("Address, in Russian letters"),
        "signatory_name": _("Letters signed by"),
        "signatory_title": _("Signatory's title"),
        "signatory_name_ru": _("Signed by, in Russian letters"),
        "signatory_title_ru": _("Signatory's title, in Russian letters"),
        "reference": _("Reference prefix"),
        "emblem": _("Emblem (PNG, JPEG or SVG)"),
    }
    for name, text in labels.items():
        widget = EmblemField() if name == "emblem" else QLineEdit()
        widget.setObjectName(f"field_{name}")
        dialog.letterhead[name] = widget
        form.addRow(text, widget)
        form.addRow(dialog._error_label(name))
