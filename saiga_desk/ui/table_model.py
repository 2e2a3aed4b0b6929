"""A table model over an id list: sorting and filtering in SQL, rows fetched lazily in blocks.

``query_ids`` gives the ids of the whole (filtered, sorted) listing at once — a list of ints is cheap
even for 100,000 rows — and the row values are read with ``fetch_rows`` only for the blocks the view
actually paints. The id query of a typed filter (and, with ``background`` on, every id query) runs in a
background reader thread: the view keeps the previous rows until the new ones arrive, and only the
answer to the latest query is applied (a query replaced before it started is not run at all). Direct fields of the edited record kind can be edited in the cell; the change goes
through an undo command (ui-forms' ``UpdateCommand``) like a form edit.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt, Signal

from saiga_desk.core import services as sv
from saiga_desk.core import tables
from saiga_desk.core.choices import choice_label
from saiga_desk.core.entities import entity as entity_info
from saiga_desk.core.errors import CancelledError, SaigaError
from saiga_desk.i18n import _, number
from saiga_desk.ui.undo import UpdateCommand, push

log = logging.getLogger(__name__)

BLOCK = 200  # rows fetched at once
MAX_CACHED = 20_000  # the cache is dropped when it grows past this

BACKGROUND = False  # ui.app turns it on: the window never waits for a listing's query
ID_ROLE = Qt.ItemDataRole.UserRole
KEY_ROLE = Qt.ItemDataRole.UserRole + 1

_Index = QModelIndex | QPersistentModelIndex

# One background reader for every listing and the History search: queries of one database are read one after
# the other anyway.
READER = ThreadPoolExecutor(max_workers=1, thread_name_prefix="saiga-listing")


class Answers(QObject):
    """Carries a query's answer from the reader thread to the GUI thread (queued signal): its generation and
    four values (a listing: search, ids, total, error; the History search: text, ids, rows, error)."""

    ready = Signal(int, object, object, object, object)


def format_value(value, kind: str) -> str:
    if value is None:
        return ""
    if kind == "bool" or isinstance(value, bool):
        return "✓" if value else ""
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return number(value)
    return str(value)


class RecordTableModel(QAbstractTableModel):
    """Rows of one shared listing (``core.tables``) identified by their record ids."""

    reloaded = Signal()
    edit_failed = Signal(object)  # the exception of a refused cell edit
    load_failed = Signal(object)  # reading rows failed (database gone, locked too long)

    def __init__(self, db, table_name: str, parent=None):
        super().__init__(parent)
        self.db = db
        self.table_name = table_name
        self.table = tables.table(table_name)
        self.columns = tables.public_columns(table_name)
        self.entity = self.table.entity
        self.search = ""
        self.sort_key: str | None = None
        self.descending = False
        self.filters: dict = {}
        self.undo_stack = None
        self.ids: list[int] = []
        self._cache: dict[int, dict] = {}
        self._editable = self._editable_fields()
        self.background = BACKGROUND  # every id query in the reader thread (the app); typed filters always
        self.total: int | None = None  # rows without the search, counted with the last background query
        self._generation = 0  # bumped by every query: only the latest one's answer is applied
        self._wanted = ""  # the search of the latest query asked for
        self._applied = 0  # the generation whose answer is shown
        self._answers = Answers(self)
        self._answers.ready.connect(self._answered)

    # ------------------------------------------------------------------ the listing
    def reload(self) -> None:
        """Run the query again (after a search, sort or filter change, or a write)."""
        if self.background:
            self.reload_in_background(self.search, with_total=bool(self.search))
            return
        self._generation += 1  # a background answer still under way is no longer wanted
        self._applied = self._generation
        self._wanted = self.search
        ids = sv.query_ids(
            self.db,
            self.table_name,
            search=self.search,
            sort=self.sort_key,
            descending=self.descending,
            filters=self.filters,
        )
        self._show_ids(ids)

    def _show_ids(self, ids: list[int]) -> None:
        self.beginResetModel()
        self.ids = ids
        self._cache.clear()
        self.endResetModel()
        self.reloaded.emit()

    @property
    def busy(self) -> bool:
        """A query was asked for and its answer has not been applied yet."""
        return self._generation != self._applied

    def reload_in_background(self, search: str, with_total: bool = False) -> None:
        """Ask the reader thread for the ids; ``reloaded`` follows when this is still the latest query."""
        self._generation += 1
        self._wanted = search
        ask = dict(search=search, sort=self.sort_key, descending=self.descending, filters=dict(self.filters))
        READER.submit(self._read, self._generation, ask, with_total)

    def _read(self, generation: int, ask: dict, with_total: bool) -> None:  # in the reader thread
        if generation != self._generation:
            return  # replaced before it started (a newer keystroke): not run at all
        ids = total = error = None
        try:
            ids = sv.query_ids(self.db, self.table_name, cancelled=lambda: generation != self._generation, **ask)
            if with_total:
                total = tables.count(self.db, self.table_name, filters=ask["filters"])
        except CancelledError:
            return  # a newer keystroke replaced it while it ran: its answer is not wanted
        except Exception as e:  # noqa: BLE001 - delivered to the GUI thread, shown there once
            log.exception("listing %s failed", self.table_name)
            error = e
        with contextlib.suppress(RuntimeError):  # the page was closed meanwhile
            self._answers.ready.emit(generation, ask["search"], ids, total, error)

    def _answered(self, generation: int, search: str, ids, total, error) -> None:
        if generation != self._generation:
            return  # the answer to an older query: the view keeps waiting for the latest
        self._applied = generation
        if error is not None:
            self.load_failed.emit(error)
            return
        self.search = search
        self.total = total
        self._show_ids(ids)

    def total_count(self) -> int:
        """Rows without the typed search (the filters still apply)."""
        return tables.count(self.db, self.table_name, filters=self.filters)

    def set_search(self, text: str) -> None:
        """Filter by ``text`` off the GUI thread; ``search`` and the rows change when the answer arrives."""
        if text != self._wanted:
            self.reload_in_background(text)

    def set_filters(self, filters: dict) -> None:
        self.filters = {k: v for k, v in filters.items() if v not in (None, "")}
        self.reload()

    def set_sort(self, key: str | None, descending: bool = False) -> bool:
        if key is not None:
            try:
                col = self.table.column(key)
            except KeyError:
                return False
            if not col.sortable or col.expr is None:
                return False
        self.sort_key, self.descending = key, descending
        self.reload()
        return True

    def row_of(self, record_id: int) -> int:
        try:
            return self.ids.index(record_id)
        except ValueError:
            return -1

    def id_at(self, row: int) -> int | None:
        return self.ids[row] if 0 <= row < len(self.ids) else None

    def column_index(self, key: str) -> int:
        for i, c in enumerate(self.columns):
            if c.key == key:
                return i
        return -1

    def row_values(self, row: int) -> dict | None:
        rid = self.id_at(row)
        if rid is None:
            return None
        if rid not in self._cache:
            self._fetch_block(row)
        return self._cache.get(rid)

    def _fetch_block(self, row: int) -> None:
        if len(self._cache) > MAX_CACHED:
            self._cache.clear()
        start = (row // BLOCK) * BLOCK
        wanted = [i for i in self.ids[start : start + BLOCK] if i not in self._cache]
        try:
            found = sv.fetch_rows(self.db, self.table_name, wanted)
        except Exception as e:  # noqa: BLE001 - painting must never raise (one report, empty rows)
            log.exception("reading rows of %s failed", self.table_name)
            self.load_failed.emit(e)
            found = []
        for r in found:
            self._cache[r["id"]] = r
        for i in wanted:  # deleted meanwhile: an empty row until the next reload
            self._cache.setdefault(i, {"id": i})

    # ------------------------------------------------------------------ Qt model
    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.ids)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.columns):
            col = self.columns[section]
            if role == Qt.ItemDataRole.DisplayRole:
                return col.title
            if role == Qt.ItemDataRole.ToolTipRole:
                return (
                    col.title
                    if col.sortable and col.expr is not None
                    else _("{column} (not sortable)").format(column=col.title)
                )
            if role == KEY_ROLE:
                return col.key
        if orientation == Qt.Orientation.Vertical and role == Qt.ItemDataRole.DisplayRole:
            return str(section + 1)
        return None

    def data(self, index: _Index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        col = self.columns[index.column()]
        if role == ID_ROLE:
            return self.id_at(index.row())
        if role not in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.EditRole,
            Qt.ItemDataRole.ToolTipRole,
            Qt.ItemDataRole.TextAlignmentRole,
        ):
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if col.kind in ("int", "number"):
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if col.kind == "bool":
                return int(Qt.AlignmentFlag.AlignCenter)
            return None
        values = self.row_values(index.row())
        if values is None:
            return None
        value = values.get(col.key)
        text = (
            choice_label(value)
            if col.choices and role != Qt.ItemDataRole.EditRole
            else format_value(value, col.kind)
        )
        if role == Qt.ItemDataRole.ToolTipRole:
            return text if len(text) > 40 else None
        return text

    # ------------------------------------------------------------------ sorting (in SQL)
    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self.columns):
            return
        self.set_sort(self.columns[column].key, order == Qt.SortOrder.DescendingOrder)

    # ------------------------------------------------------------------ cell editing
    def _editable_fields(self) -> dict[str, str]:
        """column key -> field of the edited record, for plain fields of that record kind."""
        if not self.entity:
            return {}
        try:
            ent = entity_info(self.entity)
        except KeyError:
            return {}
        if ent.readonly:
            return {}
        out = {}
        for c in self.columns:
            expr = c.expr
            if (
                expr is not None
                and getattr(expr, "class_", None) is ent.model
                and c.kind in ("text", "date", "int", "number")
                and not c.choices
            ):
                out[c.key] = expr.key
        return out

    def flags(self, index: _Index):
        base = super().flags(index)
        if index.isValid() and self.columns[index.column()].key in self._editable:
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def setData(self, index: _Index, value, role=Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        key = self.columns[index.column()].key
        field = self._editable.get(key)
        rid = self.id_at(index.row())
        if field is None or rid is None:
            return False
        new = "" if value is None else str(value).strip()
        old_shown = self.data(index)
        if new == (old_shown or ""):
            return False
        try:
            current = sv.get(self.db, self.entity, rid)
            before = {field: current.get(field)}
            after = {field: new or None}
            self._apply_update(rid, before, after, current.version)
        except SaigaError as e:
            self.edit_failed.emit(e)
            return False
        except Exception as e:  # noqa: BLE001 - a read-only or full disk...: shown once, in one sentence
            self.edit_failed.emit(e)
            return False
        self._cache.pop(rid, None)
        self.dataChanged.emit(self.index(index.row(), 0), self.index(index.row(), len(self.columns) - 1))
        return True

    def _apply_update(self, rid: int, before: dict, after: dict, version: int) -> None:
        push(self.undo_stack, UpdateCommand(self.db, self.entity, rid, before, after, version))
