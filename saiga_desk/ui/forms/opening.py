"""Opening record forms: ``open_editor(parent, db, entity, record_id=None, values=None, undo_stack=None)``.

``entity`` is the services' record kind ("persons", "organizations", "signatories", "designations",
"meetings", "participants", "documents", "projects", "work-programmes", "work-programme-items").
``values`` pre-fills a new record; a full record copy (it has an "id") is a duplicate, whose unique
fields (code, symbol) are suffixed " (copy)" and whose bookkeeping is dropped. An editor already open
on the same record is raised instead of opening a second one.
"""

from __future__ import annotations

import weakref

from saiga_desk.core import services as sv
from saiga_desk.core.entities import entity as entity_of
from saiga_desk.ui.forms.editor import RecordEditor, copy_values

_open: weakref.WeakValueDictionary = weakref.WeakValueDictionary()


def open_editor(parent, db, entity: str, record_id=None, values=None, undo_stack=None) -> RecordEditor:
    """Show (non-modal) and return the form for one record, or a new one when ``record_id`` is None."""
    kind = entity_of(entity).name
    key = (id(db), kind, record_id)
    if record_id is not None:
        existing = _open.get(key)
        try:
            if existing is not None and existing.isVisible() and existing.db is db:
                existing.raise_()
                existing.activateWindow()
                return existing
        except RuntimeError:  # deleted meanwhile
            pass
    editor = RecordEditor(db, kind, record_id=record_id, values=values, undo_stack=undo_stack, parent=parent)
    if record_id is not None:
        _open[key] = editor
    editor.show()
    editor.focus_first_field()
    return editor


def duplicate_editor(parent, db, entity: str, record_id: int, undo_stack=None) -> RecordEditor:
    """A new-record form pre-filled with a copy of ``record_id``."""
    return open_editor(parent, db, entity, values=dict(sv.get(db, entity, record_id)), undo_stack=undo_stack)


__all__ = ["open_editor", "duplicate_editor", "RecordEditor", "copy_values"]
