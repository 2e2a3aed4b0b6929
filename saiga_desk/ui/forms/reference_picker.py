"""The reference picker: an editable combo box over the names of the records a field may point to, with
type-ahead that finds a name by any part of it, case and accents ignored."""

from __future__ import annotations

from PySide6.QtCore import QStringListModel, Qt
from PySide6.QtWidgets import QComboBox, QCompleter, QSizePolicy, QWidget

from saiga_desk.i18n import _
from saiga_desk.ui.forms.field_values import INVALID
from saiga_desk.ui.forms.references import Options


class ReferencePicker(QComboBox):
    """An editable combo box over a list of names with type-ahead (contains, case-insensitive)."""

    def __init__(self, options: Options, parent: QWidget | None = None):
        super().__init__(parent)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.setMaxVisibleItems(15)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(14)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.lineEdit().setClearButtonEnabled(True)
        self.lineEdit().setPlaceholderText(_("Type to search, then pick from the list"))
        self._model = QStringListModel(self)
        self.setModel(self._model)
        self.view().setUniformItemSizes(True)
        completer = QCompleter(self._model, self)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        completer.setMaxVisibleItems(12)
        self.setCompleter(completer)
        self.set_options(options)

    def set_options(self, options: Options) -> None:
        text = self.currentText()
        self.options = options
        self._model.setStringList(options.labels)
        self.setCurrentIndex(-1)
        self.setEditText(text)

    def picked_id(self):
        """The id of the picked name; None when empty; INVALID when the text is not a listed name."""
        text = self.currentText().strip()
        if not text:
            return None
        found = self.options.find(text)
        return INVALID if found is None else found

    def set_id(self, obj_id: int | None) -> None:
        row = self.options.by_id.get(obj_id) if obj_id is not None else None
        if row is None:
            self.setCurrentIndex(-1)
            self.setEditText("" if obj_id is None else f"#{obj_id}")
        else:
            self.setCurrentIndex(row)
        self.lineEdit().setCursorPosition(0)  # long names show their beginning


__all__ = ["ReferencePicker"]
