"""One tab of the main window: a filter box, choice filters and a lazily filled table of records.

Typing in the filter box re-runs the query (in SQL, case and accents ignored) after a short pause;
a header click sorts in SQL; the column layout, widths and sort are remembered per table.
"""

from __future__ import annotations

import logging
import time

from PySide6.QtCore import QEvent, QItemSelectionModel, QModelIndex, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from saiga_desk.core import services as sv
from saiga_desk.core.changes import Changes
from saiga_desk.core.errors import SaigaError
from saiga_desk.core.listing_kinds import shows
from saiga_desk.i18n import _
from saiga_desk.ui.delete import confirm_and_delete
from saiga_desk.ui.errors import show_error
from saiga_desk.ui.signals import hub
from saiga_desk.ui.table_model import RecordTableModel
from saiga_desk.ui.table_view import ColumnLayout, RecordTableView

log = logging.getLogger(__name__)

DEBOUNCE_MS = 150


class TablePage(ColumnLayout, QWidget):
    counts_changed = Signal(int, int)  # shown, total
    current_changed = Signal(str, int)  # record kind, id (the history panel follows it)

    def __init__(self, db, table_name: str, undo_stack=None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName(f"page_{table_name}")
        self.db = db
        self.table_name = table_name
        self.undo_stack = undo_stack
        self.model = RecordTableModel(db, table_name, self)
        self.model.undo_stack = undo_stack
        self.model.edit_failed.connect(lambda e: show_error(self, e, _("The change was not saved")))
        self.model.load_failed.connect(self._load_failed)
        self.entity = self.model.entity
        self.title = self.model.table.title
        self._total = 0
        self._dirty = True
        self._loaded = False

        self.search_box = QLineEdit(self)
        self.search_box.setObjectName("search")
        self.search_box.setPlaceholderText(_("Filter {what}… (Ctrl+F)").format(what=self.title.lower()))
        self.search_box.setClearButtonEnabled(True)
        self.search_box.setAccessibleName(_("Filter"))
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(DEBOUNCE_MS)
        self._debounce.timeout.connect(self._apply_search)
        self.search_box.textChanged.connect(lambda _t: self._debounce.start())
        self.search_box.returnPressed.connect(self._apply_search_now)
        self.search_box.installEventFilter(self)

        self.filter_bar = QWidget(self)
        self.filter_boxes: dict[str, QComboBox] = {}
        bar = QHBoxLayout(self.filter_bar)
        bar.setContentsMargins(0, 0, 0, 0)
        bar.addWidget(self.search_box, 3)
        self._add_choice_filters(bar)
        self.add_controls(bar)

        self.view = RecordTableView(self)
        self.view.setObjectName("table")
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.setEditTriggers(
            QAbstractItemView.EditTrigger.SelectedClicked | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        self.view.setTabKeyNavigation(False)
        self.view.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.view.verticalHeader().hide()
        self.view.doubleClicked.connect(lambda _i: self.edit_selected())
        self.view.open_requested.connect(self.edit_selected)
        header = self.view.horizontalHeader()
        header.setSectionsMovable(True)
        header.setSectionsClickable(True)
        header.setSortIndicatorShown(True)
        header.setHighlightSections(False)
        header.setStretchLastSection(True)
        header.setDefaultSectionSize(140)
        header.setResizeContentsPrecision(0)  # fit widths to the rows on screen, never fetch them all
        self.view.verticalHeader().setResizeContentsPrecision(0)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._header_menu)
        self._resized_by_hand = self._fitting = False
        header.sectionResized.connect(self._section_resized)
        self.view.installEventFilter(self)
        self.view.selectionModel().currentRowChanged.connect(self._current_row_changed)

        self.empty_label = QLabel(self)
        self.empty_label.setObjectName("emptyHint")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setVisible(False)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.filter_bar)
        self.add_body(layout)

        self._restore_state()
        header.sortIndicatorChanged.connect(self._sort_changed)
        self.model.reloaded.connect(self._after_reload)
        hub.watch(db)
        hub.changed.connect(self._data_changed)
        self._refresh_timer = QTimer(self)
        self._refresh_timer.setSingleShot(True)
        self._refresh_timer.setInterval(0)
        self._refresh_timer.timeout.connect(self.refresh)

    def eventFilter(self, obj, event) -> bool:
        if obj is getattr(self, "view", None):
            self.refit_when_laid_out(event)
            return False
        # Esc in the filter box clears the filter; Down arrow goes to the rows (keyboard-only work)
        if (obj is self.search_box and event.type() == QEvent.Type.KeyPress and event.key() == Qt.Key.Key_Escape
                and self.search_box.text()):  # fmt: skip
            self.search_box.clear()
            self._apply_search_now()
            return True
        if obj is self.search_box and event.type() == QEvent.Type.KeyPress and event.key() == Qt.Key.Key_Down:
            self._apply_search_now()
            self.view.setFocus(Qt.FocusReason.OtherFocusReason)
            if self.model.rowCount() and not self.view.currentIndex().isValid():
                self.select_id(self.model.ids[0])
            return True
        return super().eventFilter(obj, event)

    # ------------------------------------------------------------------ layout hooks (subclasses)
    def add_controls(self, bar: QHBoxLayout) -> None:
        """Extra controls beside the filter box (the contact points' "as at" date)."""

    def add_body(self, layout: QVBoxLayout) -> None:
        layout.addWidget(self.view, 1)
        layout.addWidget(self.empty_label)

    def base_filters(self) -> dict:
        """Filters set by the page's own controls."""
        out = {}
        for key, box in self.filter_boxes.items():
            value = box.currentData()
            if value:
                out[key] = value
        return out

    def _add_choice_filters(self, bar: QHBoxLayout) -> None:
        t = self.model.table
        for key in t.filters:
            try:
                col = t.column(key)
            except KeyError:
                continue
            if not col.choices:
                continue
            box = QComboBox(self)
            box.setObjectName(f"filter_{key}")
            box.addItem(_("{column}: all").format(column=col.title), "")
            for choice in col.choices:
                box.addItem(_(choice.replace("_", " ")), choice)
            box.setToolTip(_("Show only rows with this {column}").format(column=col.title.lower()))
            box.currentIndexChanged.connect(lambda _i: self.apply_filters())
            bar.addWidget(box, 1)
            self.filter_boxes[key] = box

    # ------------------------------------------------------------------ loading
    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._dirty:
            self.refresh()

    def refresh(self) -> None:
        """Query again, keeping the current record selected when it is still listed."""
        keep = self.current_id()
        self.model.filters = {k: v for k, v in self.base_filters().items() if v not in (None, "")}
        self.model.search = self.search_box.text().strip()
        if self.model.background:  # the reader thread answers; _after_reload shows it
            self._keep, self._dirty = keep, False
            self.model.reload()
            return
        try:
            if self.model.search:  # without a search the total is simply the rows shown
                self._total = self.model.total_count()
            self.model.reload()
        except Exception as e:  # noqa: BLE001 - the rows stay as they were; say why once
            log.exception("listing %s failed", self.table_name)
            self._report_load_error(e)
            return
        self._dirty = False
        self._loaded = True
        if keep is not None:
            self.select_id(keep)

    def apply_filters(self) -> None:
        self.refresh()

    def _apply_search(self) -> None:
        try:
            self.model.set_search(self.search_box.text().strip())
        except Exception as e:  # noqa: BLE001
            log.exception("filtering %s failed", self.table_name)
            self._report_load_error(e)

    def _report_load_error(self, exc) -> None:
        now = time.monotonic()
        if getattr(self, "_reporting", False) or now - getattr(self, "_reported_at", -60.0) < 10:
            return  # one dialog, not one per painted block
        self._reported_at = now
        self._reporting = True
        try:
            show_error(self, exc, _("Cannot read the {what}").format(what=self.title.lower()))
        finally:
            self._reporting = False

    def _apply_search_now(self) -> None:
        self._debounce.stop()
        self._apply_search()

    def _data_changed(self, changes: Changes) -> None:
        if not shows(self.table_name, changes):
            return
        if self.isVisible():
            self._refresh_timer.start()  # after the current event (a cell editor may be closing)
        else:
            self._dirty = True

    def _after_reload(self) -> None:
        shown = len(self.model.ids)
        if self.model.background:
            self._loaded = True
            if self.model.search and self.model.total is not None:
                self._total = self.model.total
        if not self.model.search:
            self._total = shown
        empty = shown == 0
        if empty:
            if self.model.search:
                self.empty_label.setText(
                    _("No {what} match “{text}”.").format(what=self.title.lower(), text=self.model.search)
                )
            else:
                self.empty_label.setText(
                    _("No {what} yet. Use Edit ▸ New (Ctrl+N) to add one.").format(what=self.title.lower())
                )
        self.empty_label.setVisible(empty)
        if self._autosize_pending:  # an empty table too: its titles whole; again once rows come
            self._autosize_pending = not shown
            self.fit_columns()
        self.counts_changed.emit(shown, self._total)
        keep, self._keep = getattr(self, "_keep", None), None
        new, self._new_saved = getattr(self, "_new_saved", None), None
        if new is not None and self.model.row_of(new) >= 0:  # a record just added: selected
            keep = new
        if keep is not None:
            self.select_id(keep)

    def _load_failed(self, exc) -> None:
        QTimer.singleShot(0, lambda: self._report_load_error(exc))  # not from inside a paint

    @property
    def total(self) -> int:
        return self._total

    # ------------------------------------------------------------------ selection
    def selected_ids(self) -> list[int]:
        sel = self.view.selectionModel()
        rows = sorted({i.row() for i in sel.selectedRows()}) if sel else []
        ids = [self.model.id_at(r) for r in rows]
        if not ids and self.current_id() is not None:
            ids = [self.current_id()]
        return [i for i in ids if i is not None]

    def current_id(self) -> int | None:
        index = self.view.currentIndex()
        return self.model.id_at(index.row()) if index.isValid() else None

    def select_id(self, record_id: int) -> bool:
        if self.model.busy:  # the rows are still coming from the reader: selected when they arrive
            self._keep = record_id
            return True
        row = self.model.row_of(record_id)
        if row < 0:
            return False
        index = self.model.index(row, max(0, self.view.horizontalHeader().logicalIndex(0)))
        self.view.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        )
        self.view.scrollTo(index)
        return True

    def _current_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        rid = self.model.id_at(current.row()) if current.isValid() else None
        if rid is not None and self.entity:
            self.current_changed.emit(self.entity, rid)

    def focus_search(self) -> None:
        self.search_box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_box.selectAll()

    # ------------------------------------------------------------------ editing
    def _editor_entity(self) -> str | None:
        return self.entity

    def _open_editor(self, record_id=None, values=None):
        from saiga_desk.ui.forms.opening import open_editor  # deferred: the forms load when first opened

        entity = self._editor_entity()
        if not entity:
            return None
        editor = open_editor(
            self, self.db, entity, record_id=record_id, values=values, undo_stack=self.undo_stack
        )
        if editor is not None and not editor.isVisible():
            editor.show()
        if editor is not None:
            editor.raise_()
            editor.activateWindow()
            if record_id is None and hasattr(editor, "saved") and not getattr(editor, "selects_new", False):
                editor.selects_new = True  # a new record (or a duplicate) is selected once saved
                editor.saved.connect(self._new_record_saved)
        return editor

    def new_record(self):
        return self._open_editor(values=self.new_values())

    def _new_record_saved(self, record_id: int) -> None:
        self._new_saved = record_id  # selected once the listing has read it (_after_reload)
        self._refresh_timer.start()

    def new_values(self) -> dict | None:
        """Pre-filled values of a new record (the page's filters, e.g. the selected meeting)."""
        return None

    def edit_selected(self):
        rid = self.current_id()
        if rid is None:
            return None
        return self._open_editor(record_id=rid)

    def duplicate_selected(self):
        rid = self.current_id()
        if rid is None or not self.entity:
            return None
        try:
            record = sv.get(self.db, self.entity, rid)
        except SaigaError as e:
            show_error(self, e)
            return None
        # the whole record, "id" included: the form treats it as a duplicate (unique fields marked
        # as a copy, bookkeeping dropped)
        return self._open_editor(values=dict(record))

    def delete_selected(self) -> None:
        ids = self.selected_ids()
        if not ids or not self.entity:
            return
        confirm_and_delete(self, self.db, self.entity, ids, self.undo_stack)
