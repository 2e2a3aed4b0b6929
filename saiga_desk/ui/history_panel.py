"""The audit trail of one record: who changed what and when, old -> new, newest first; and a search of the
whole history by the values it holds (a deleted person found by her email or phone)."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import logging

from PySide6.QtCore import QSize, QTimer
from PySide6.QtWidgets import QLabel, QLineEdit, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from saiga_desk.core import services as sv
from saiga_desk.core.changes import Changes
from saiga_desk.core.choices import AUDIT_ACTIONS
from saiga_desk.core.entities import entity as entity_of
from saiga_desk.core.errors import CancelledError, SaigaError
from saiga_desk.core.tables import listing
from saiga_desk.i18n import _, ngettext
from saiga_desk.ui.errors import database_of, error_text
from saiga_desk.ui.forms.fields import CHOICE_LABELS, choice_label
from saiga_desk.ui.forms.layouts import LAYOUTS
from saiga_desk.ui.forms.references import options, record_title
from saiga_desk.ui.signals import hub
from saiga_desk.ui.table_model import READER, Answers

log = logging.getLogger(__name__)

#: the audit actions in words (create, update, delete, undo, merge, not-duplicate: core.choices)
ACTIONS = {a: CHOICE_LABELS[a] for a in AUDIT_ACTIONS}
EMPTY = "∅"
WIDTH = 480  # the panel opens this wide (the values are cut below ~400 px)
SEARCH_LIMIT = 200  # entries shown for a search of the whole history, newest first
SEARCH_DELAY_MS = 300


def field_label(entity: str, name: str) -> str:
    """The form's label of a field, else the field name in words."""
    for section in LAYOUTS.get(entity, ()):
        for spec in section.fields:
            if spec.name == name:
                return _(spec.label)
    words = name[:-3] if name.endswith("_id") else name
    return words.replace("_", " ").capitalize()


def local_time(value) -> str:
    if isinstance(value, str):
        try:
            value = dt.datetime.fromisoformat(value)
        except ValueError:
            return value
    if not isinstance(value, dt.datetime):
        return str(value or "")
    stamp = value.replace(tzinfo=dt.UTC).astimezone()  # audit times are stored in UTC
    return stamp.strftime("%Y-%m-%d %H:%M")


class HistoryPanel(QWidget):
    """``show_record(entity, id)`` lists the record's audit entries; refreshes when that kind changes."""

    def __init__(self, db, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("historyPanel")
        self.db = db
        self.entity: str | None = None
        self.record_id: int | None = None
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        self.heading = QLabel(_("Select a record to see its history."), self)
        self.heading.setWordWrap(True)
        self.tree = QTreeWidget(self)
        self.tree.setObjectName("historyTree")
        self.tree.setColumnCount(3)
        self.tree.setHeaderLabels([_("When / field"), _("Who / old value"), _("What / new value")])
        self.tree.setAlternatingRowColors(True)
        self.tree.setUniformRowHeights(False)
        self.tree.setWordWrap(True)
        self.search = QLineEdit(self)
        self.search.setObjectName("historySearch")
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(_("Search the whole history (a name, an email, a phone)…"))
        self.search.setToolTip(_("Finds every entry that holds the text, deleted records included."))
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.refresh)
        self.search.textChanged.connect(self._search_timer.start)
        self.search.returnPressed.connect(self.refresh)
        lay.addWidget(self.search)
        lay.addWidget(self.heading)
        lay.addWidget(self.tree, 1)
        self._generation = 0  # the latest search asked for; older answers are dropped
        self._found = Answers(self)  # generation, text, ids, rows, error
        self._found.ready.connect(self._show_found)
        hub.watch(db)
        hub.changed.connect(self._changed)

    def sizeHint(self) -> QSize:  # noqa: N802 - wide enough for old and new values side by side
        return QSize(WIDTH, super().sizeHint().height())

    def _changed(self, changes: Changes) -> None:
        if self.search.text().strip() or (self.entity and changes.touches({self.entity})):
            self.refresh()

    def show_record(self, entity: str | None, record_id: int | None) -> None:
        self.entity = entity_of(entity).name if entity else None
        self.record_id = record_id
        self.refresh()

    def clear(self) -> None:
        self.show_record(None, None)

    def refresh(self) -> None:
        self._search_timer.stop()
        self._generation += 1  # a search still running or answering is not wanted any more
        self.tree.clear()
        text = self.search.text().strip()
        if text:
            self._show_search(text)
            return
        if not self.entity or self.record_id is None:
            self.heading.setText(_("Select a record to see its history."))
            return
        try:
            entries = sv.history(self.db, self.entity, self.record_id)
        except SaigaError as e:
            self.heading.setText(str(e))
            return
        what = _(entity_of(self.entity).singular)
        if not entries:
            self.heading.setText(_("No recorded changes for this {what}.").format(what=what))
            return
        try:  # the record's name, not "person #7"
            title = record_title(self.db, self.entity, self.record_id) or f"#{self.record_id}"
        except SaigaError:
            title = f"#{self.record_id}"
        self.heading.setText(
            ngettext("History of {what} “{title}”: {n} change, newest first.",
                     "History of {what} “{title}”: {n} changes, newest first.", len(entries)).format(
                what=what, title=title, n=len(entries))
        )  # fmt: skip
        for entry in reversed(entries):  # newest first
            self._add(entry)
        self.tree.resizeColumnToContents(0)
        self.tree.setColumnWidth(1, max(self.tree.columnWidth(1), 200))

    def _show_search(self, text: str) -> None:
        """Every entry of the whole history holding ``text`` (its values, summary, who), newest first, read
        by the background reader (a search of 100,000 entries takes a quarter of a second): a newer keystroke
        stops the search it replaces."""
        self.heading.setText(_("Searching the history for “{text}”…").format(text=text))
        READER.submit(self._search, self._generation, text)

    def _search(self, generation: int, text: str) -> None:  # in the reader thread
        if generation != self._generation:
            return  # replaced before it started
        ids = rows = error = None
        try:
            ids = listing.query_ids(self.db, "audit", search=text, sort="at", descending=True,
                                    cancelled=lambda: generation != self._generation)  # fmt: skip
            rows = listing.fetch_rows(self.db, "audit", ids[:SEARCH_LIMIT])
        except CancelledError:
            return
        except Exception as e:  # noqa: BLE001 - delivered to the GUI thread, shown there
            if not isinstance(e, SaigaError):
                log.exception("history search failed")
            error = e
        with contextlib.suppress(RuntimeError):  # the panel was closed meanwhile
            self._found.ready.emit(generation, text, ids, rows, error)

    def _show_found(self, generation: int, text: str, ids, rows, error) -> None:
        if generation != self._generation:
            return  # the answer to an older search
        self.tree.clear()
        if error is not None:
            self.heading.setText(error_text(error, database_of(self)))
            return
        self.heading.setText(
            _("Entries holding “{text}”: {n}, newest first (at most {limit} shown).").format(
                text=text, n=len(ids), limit=SEARCH_LIMIT
            )
            if len(ids) > SEARCH_LIMIT
            else _("Entries holding “{text}”: {n}, newest first.").format(text=text, n=len(ids))
        )
        for row in rows:
            entry = sv.Record(row)
            entry["changes"] = json.loads(row["changes"]) if row.get("changes") else {}
            kind = sv.kind_of_table(row["entity"])
            try:
                what = _(entity_of(kind).singular)
            except KeyError:
                what, kind = row["entity"], None
            self._add(entry, kind, f"{what} #{row['entity_id']}")
        self.tree.resizeColumnToContents(0)

    def _add(self, entry, kind: str | None = None, record: str = "") -> None:
        kind = kind or self.entity
        action = choice_label(entry.action)
        if record:
            action = f"{record} — {action}"
        if entry.summary:
            action = f"{action}: {entry.summary}"
        top = QTreeWidgetItem([local_time(entry.at), entry.actor or "", action])
        top.setToolTip(2, action)
        font = top.font(0)
        font.setBold(True)
        for col in range(3):
            top.setFont(col, font)
        changes = entry.changes or {}
        for name, pair in changes.items():
            old, new = (pair + [None, None])[:2] if isinstance(pair, list) else (None, pair)
            old_text, new_text = self._show(kind, name, old), self._show(kind, name, new)
            child = QTreeWidgetItem([field_label(kind, name), old_text, f"→ {new_text}"])
            child.setToolTip(1, old_text)
            child.setToolTip(2, new_text)
            top.addChild(child)
        self.tree.addTopLevelItem(top)
        top.setExpanded(entry.action == "update" or len(changes) <= 6)

    def _show(self, kind: str | None, name: str, value) -> str:
        if value is None or value == "":
            return EMPTY
        if isinstance(value, bool):
            return _("yes") if value else _("no")
        if name.endswith("_id") and isinstance(value, int):
            return self._reference(kind, name, value)
        if isinstance(value, dict | list):  # a setting's value
            return json.dumps(value, ensure_ascii=False)[:300]
        if isinstance(value, str) and value in CHOICE_LABELS:
            return choice_label(value)
        text = str(value)
        return text if len(text) <= 300 else text[:300] + "…"

    def _reference(self, kind: str | None, name: str, value: int) -> str:
        for section in LAYOUTS.get(kind, ()):
            for spec in section.fields:
                if spec.name == name and spec.kind.startswith("ref:"):
                    try:
                        return options(self.db, spec.kind[4:]).label(value)
                    except Exception:
                        return f"#{value}"
        return f"#{value}"

    def entry_texts(self) -> list[str]:
        """Every line shown, as plain text (for tests and copying)."""
        out = []
        for i in range(self.tree.topLevelItemCount()):
            top = self.tree.topLevelItem(i)
            out.append(" | ".join(top.text(c) for c in range(3)))
            for j in range(top.childCount()):
                child = top.child(j)
                out.append(f"  {child.text(0)}: {child.text(1)} {child.text(2)}")
        return out
