"""The table of a listing page and the remembered layout of its columns (a part of ``TablePage``).

``RecordTableView`` opens the record on Enter and commits an open cell editor on demand;
``ColumnLayout`` remembers per table the visible columns, their order and widths and the sort, fits
widths to the rows on screen at first show, and sorts in SQL on a header click.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtWidgets import QAbstractItemDelegate, QAbstractItemView, QTableView, QWidget

from saiga_desk.ui.column_chooser import ColumnChooser, header_menu
from saiga_desk.ui.window_settings import table_columns, table_descending, table_header, table_sort


class RecordTableView(QTableView):
    """The table; Enter opens the record's form, an open cell editor can be committed on demand."""

    open_requested = Signal()

    def keyPressEvent(self, event) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.state() != self.State.EditingState:
            self.open_requested.emit()
            return
        super().keyPressEvent(event)

    def commit_open_editor(self) -> None:
        """Write an open cell editor back to the record (before closing the window)."""
        if self.state() != QAbstractItemView.State.EditingState:
            return
        index = self.currentIndex()
        editor = self.indexWidget(index)
        if editor is None:
            focus = self.focusWidget()
            editor = focus if focus is not None and self.viewport().isAncestorOf(focus) else None
        if editor is None:
            for w in self.viewport().findChildren(QWidget):
                if w.isVisible() and w.hasFocus():
                    editor = w
                    break
        if editor is not None:
            self.commitData(editor)
            self.closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)


class ColumnLayout:
    """Column state of a ``TablePage``: what is shown, in which order and width, sorted how."""

    def fit_columns(self, limit: int = 360) -> None:
        """Widths from the rows on screen (first show without a remembered layout): the key columns
        (symbol, code, names) never cut, an empty column as narrow as its title, and the long text
        columns narrowed to one cap (the widest give first) so that the table fits the window when it can."""
        header = self.view.horizontalHeader()
        rows = self.model.rowCount()
        widths: dict[int, int] = {}
        for i in range(header.count()):
            if header.isSectionHidden(i):
                continue
            head = header.sectionSizeHint(i) + 8
            content = self.view.sizeHintForColumn(i) + 12 if rows and not self._column_empty(i) else 0
            key = self.model.columns[i].key in KEY_COLUMNS
            widths[i] = max(head, min(content, KEY_LIMIT if key else limit), 48)
        view = self.view  # the room once laid out, a vertical scroll bar allowed for
        room = view.width() - 2 * view.frameWidth() - view.verticalScrollBar().sizeHint().width()
        squeezable = [i for i in widths if self.model.columns[i].key not in KEY_COLUMNS
                      and self.model.columns[i].kind not in ("date", "datetime", "bool", "int")]  # fmt: skip
        self._fitted_room = room
        floors = {i: min(widths[i], max(header.sectionSizeHint(i) + 8, FLOOR)) for i in squeezable}
        if sum(widths.values()) > room and squeezable:
            # one cap for the long text columns (never below their title or FLOOR), the widest give first
            fixed = sum(w for i, w in widths.items() if i not in floors)
            low, high = 0, max(widths[i] for i in squeezable)
            while low < high:
                cap = (low + high + 1) // 2
                if fixed + sum(max(min(widths[i], cap), floors[i]) for i in squeezable) <= room:
                    low = cap
                else:
                    high = cap - 1
            for i in squeezable:
                widths[i] = max(min(widths[i], low), floors[i])
        self._fitting = True
        for i, w in widths.items():
            header.resizeSection(i, w)
        self._fitting = False

    def refit_when_laid_out(self, event) -> None:
        """The first fit may come before the window is laid out (a narrow view): fit again once the view
        has its width, unless the officer resized a column meanwhile."""
        if event.type() != QEvent.Type.Resize or getattr(self, "_fitted_room", None) is None:
            return
        if not self._autosize_pending and self.view.width() > self._fitted_room + 40 and not self._resized_by_hand:
            QTimer.singleShot(0, self.fit_columns)

    def _section_resized(self, *_args) -> None:
        if not self._fitting and getattr(self, "_fitted_room", None) is not None:
            self._resized_by_hand = True

    def _column_empty(self, column: int, sample: int = 200) -> bool:
        """No text in the first ``sample`` rows of ``column``."""
        model = self.model
        for r in range(min(model.rowCount(), sample)):
            if model.index(r, column).data():
                return False
        return True

    def view_state(self) -> dict:
        header = self.view.horizontalHeader()
        keys = []
        for visual in range(header.count()):
            logical = header.logicalIndex(visual)
            if not header.isSectionHidden(logical):
                keys.append(self.model.columns[logical].key)
        return {
            "columns": keys,
            "search": self.model.search,
            "sort": self.model.sort_key,
            "descending": self.model.descending,
            "filters": dict(self.model.filters),
        }

    def column_titles(self) -> list[str]:
        return [c.title for c in self.model.columns]

    def choose_columns(self) -> None:
        dialog = ColumnChooser(self.view.horizontalHeader(), self.column_titles(), self)
        if dialog.exec():
            self.save_state()

    def _header_menu(self, pos) -> None:
        header = self.view.horizontalHeader()
        menu = header_menu(header, self.column_titles(), self, more=self.choose_columns)
        menu.exec(header.mapToGlobal(pos))
        self.save_state()

    @property
    def layout_name(self) -> str:
        """Under which name the column layout is remembered (a table's tab: its listing)."""
        return self.table_name

    def save_state(self) -> None:
        name = self.layout_name
        table_header(name).set(self.view.horizontalHeader().saveState())
        table_columns(name).set([c.key for c in self.model.columns])
        table_sort(name).set(self.model.sort_key or "")
        table_descending(name).set(bool(self.model.descending))

    def _restore_state(self) -> None:
        header = self.view.horizontalHeader()
        name = self.layout_name
        saved_columns = table_columns(name).get()
        state = table_header(name).get()
        restored = False
        if state is not None and list(saved_columns or []) == [c.key for c in self.model.columns]:
            restored = header.restoreState(state)
        self._autosize_pending = not restored
        header.setStretchLastSection(False)  # an empty last column took the rest (40% of Organizations)
        if not restored:
            for i, col in enumerate(self.model.columns):
                header.setSectionHidden(i, not col.visible)
                header.resizeSection(i, _default_width(col))
        sort = table_sort(name).get() or None
        descending = table_descending(name).get()
        if sort is None or self.model.column_index(sort) < 0:
            sort, descending = self.model.table.default_sort, False
        self.model.sort_key, self.model.descending = sort, descending
        col = self.model.column_index(sort) if sort else -1
        header.blockSignals(True)
        header.setSortIndicator(
            col, Qt.SortOrder.DescendingOrder if descending else Qt.SortOrder.AscendingOrder
        )
        header.blockSignals(False)

    def _sort_changed(self, column: int, order: Qt.SortOrder) -> None:
        if column < 0:
            return
        descending = order == Qt.SortOrder.DescendingOrder
        keep = self.current_id()
        if not self.model.set_sort(self.model.columns[column].key, descending):
            header = self.view.horizontalHeader()
            previous = self.model.column_index(self.model.sort_key) if self.model.sort_key else -1
            header.blockSignals(True)
            header.setSortIndicator(
                previous,
                Qt.SortOrder.DescendingOrder if self.model.descending else Qt.SortOrder.AscendingOrder,
            )
            header.blockSignals(False)
            return
        if keep is not None:
            self.select_id(keep)
        self.save_state()


# columns shown whole: a document's symbol, a meeting's code, names (issue 19, item 9)
KEY_COLUMNS = frozenset({"symbol", "code", "acronym", "given_name", "family_name", "name", "name_en",
                         "signatory", "person", "delegation"})  # fmt: skip
KEY_LIMIT = 560
FLOOR = 120  # a text column narrowed to fit the window keeps at least this much


def _default_width(col) -> int:
    if col.kind in ("date", "datetime"):
        return 100
    if col.kind in ("bool", "int", "number"):
        return 80
    if col.key in ("title", "title_en", "objectives", "outcome", "mandate", "name_en", "name", "authority"):
        return 260
    return 140
