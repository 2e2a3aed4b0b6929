"""The rows of the import review as a Qt model: every row of the plan (100,000 as well as 3), its texts made
only for the rows on screen; the Import tick writes the row's ``accepted``. The page is
``import_review_page.py``; what the texts say is io's (``io/import_review.py``).
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor

from saiga_desk.i18n import _
from saiga_desk.io.import_review import field_label, show
from saiga_desk.ui.import_steps import text_of

SHOWN = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable  # a cell of the review (read-only)
TICKED = SHOWN | Qt.ItemFlag.ItemIsUserCheckable  # its Import tick box
CHECKED, UNCHECKED = Qt.CheckState.Checked, Qt.CheckState.Unchecked
RED = QBrush(QColor(Qt.GlobalColor.red))  # the text of a row with an error
DISPLAY, CHECK, FOREGROUND = Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.CheckStateRole, Qt.ItemDataRole.ForegroundRole


class ReviewRows(QAbstractTableModel):
    """The review's rows: Import (tick), Row, Status, Full name, Email, Changes (old → new), Problems."""

    ticked = Signal(int)  # the row (index in ``rows``) whose Import tick the officer changed

    def __init__(self, parent=None):
        super().__init__(parent)
        self.plan = None
        self.rows: list = []
        self.headers = [_("Import"), _("Row"), _("Status"), _("Full name"), _("Email"), _("Changes (old → new)"),
                        _("Problems")]  # fmt: skip
        self.words = {"new": _("new"), "changed": _("changed"), "unchanged": _("unchanged"),
                      "duplicate": _("duplicate"), "error": _("error"), "rejected": " (" + _("rejected") + ")",
                      "hidden": " (" + _("hidden row") + ")"}  # fmt: skip

    def show_rows(self, plan, rows: list) -> None:
        """Show ``rows`` (RowPlans of ``plan``, the list itself: a row replaced in it is shown by ``changed``)."""
        self.beginResetModel()
        self.plan, self.rows = plan, rows
        self.endResetModel()

    def row_of(self, rp) -> int:
        """The index of ``rp`` among the rows shown, or -1."""
        return next((i for i, r in enumerate(self.rows) if r is rp), -1)

    def changed(self, i: int) -> None:
        """Row ``i`` changed (ticked, a match chosen, a cell corrected): shown again."""
        self.dataChanged.emit(self.index(i, 0), self.index(i, len(self.headers) - 1))

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section, orientation, role=DISPLAY):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == DISPLAY:
            return self.headers[section]
        return super().headerData(section, orientation, role)

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        return TICKED if index.column() == 0 else SHOWN

    def data(self, index: QModelIndex | QPersistentModelIndex, role=DISPLAY):
        rp = self.rows[index.row()]
        col = index.column()
        if role == DISPLAY:
            return self.text(rp, col) if col else None
        if role == CHECK and col == 0:
            return CHECKED if rp.accepted else UNCHECKED
        if role == FOREGROUND and col and rp.effective == "error":
            return RED
        return None

    def setData(self, index, value, role=CHECK) -> bool:  # noqa: N802
        if role != CHECK or index.column() != 0:
            return False
        self.rows[index.row()].accepted = Qt.CheckState(value) == CHECKED
        self.changed(index.row())
        self.ticked.emit(index.row())
        return True

    def text(self, rp, col: int) -> str:
        """The text of column ``col`` (1-6) of row ``rp``."""
        words, plan = self.words, self.plan
        if col == 1:
            return str(rp.row)
        if col == 2:
            return words[rp.effective] + (words["hidden"] if rp.hidden else "")
        if col == 3:
            return " ".join(x for x in (rp.values.get("given_name"), rp.values.get("family_name")) if x)
        if col == 4:
            return text_of(rp.values.get("email"))
        rejected = words["rejected"]
        if col == 5:
            return "; ".join(
                f"{field_label(k)}: {show(plan, k, a)} → {show(plan, k, b)}" + (rejected if k in rp.rejected_fields else "")
                for k, (a, b) in rp.changes.items()
            )  # fmt: skip
        return "; ".join(
            (f"{p.column}: " if p.column else "") + p.message + (rejected if p.severity == "error" and rp._rejected(p) else "")
            for p in rp.problems
        )  # fmt: skip
