"""Undo / redo of the officer's edits: every write is a QUndoCommand that calls the services.

``push(stack, command)`` runs the command (``redo``) and raises the error it met (a SaigaError, or a
failure such as a read-only database that ui/errors.py explains), so a form can show it; a failed
command never stays on the stack (it is made obsolete). Commands only call core verbs;
the views refresh from the ``Changes`` each write publishes (``ui/signals.py``).

Undo of a delete re-creates the record with the same id and values, together with the parts deleted
with it (``core.record_undo``: the parts follow from the model's ON DELETE CASCADE keys).
"""

from __future__ import annotations

import logging

import shiboken6
from PySide6.QtCore import QObject, QTimer, Slot
from PySide6.QtGui import QUndoCommand, QUndoStack

from saiga_desk.core import record_undo as ru
from saiga_desk.core import services as sv
from saiga_desk.core.entities import entity as entity_of
from saiga_desk.core.errors import SaigaError
from saiga_desk.core.record_undo import NOT_COPIED, restorable
from saiga_desk.i18n import _
from saiga_desk.ui.errors import show_error

log = logging.getLogger(__name__)


def _kind(name: str) -> str:
    return entity_of(name).name


def report_later(error: SaigaError) -> None:
    """An undo/redo from the Edit menu failed: tell the officer once the stack operation is over."""

    QTimer.singleShot(0, lambda: show_error(None, error, _("Undo / redo")))


class RecordCommand(QUndoCommand):
    """Common part: error capture, the first redo done at push time.

    Never give a command an attribute named ``id``: it would hide QUndoCommand.id(), which the
    stack calls (merging) — the process crashes. The record's id is ``record_id``."""

    def __init__(self, db, entity: str, text: str = ""):
        super().__init__(text)
        self.db = db
        self.entity = _kind(entity)
        self.error: Exception | None = None
        self._pushing = True

    # subclasses implement these two
    def apply(self) -> None:  # pragma: no cover - abstract
        raise NotImplementedError

    def revert(self) -> None:  # pragma: no cover - abstract
        raise NotImplementedError

    def _run(self, fn) -> None:
        self.error = None
        try:
            fn()
        except Exception as e:  # raised from push(), or shown when the Edit menu ran it (never lost in Qt)
            self.error = e
            self.setObsolete(True)  # a failed command never stays on the stack
            if not self._pushing:
                log.info("undo/redo refused: %s", e)
                report_later(e)
        finally:
            self._pushing = False

    def redo(self) -> None:
        self._run(self.apply)

    def undo(self) -> None:
        self._pushing = False
        self._run(self.revert)


class _Tooltips(QObject):
    """Keeps the Undo / Redo tooltips on the whole command text; a child of the undo action, so its
    connections end with the action."""

    def __init__(self, undo, redo, stack: QUndoStack):
        super().__init__(undo)
        self.undo, self.redo = undo, redo
        stack.undoTextChanged.connect(self.follow_undo)
        stack.redoTextChanged.connect(self.follow_redo)
        self.follow_undo(stack.undoText())
        self.follow_redo(stack.redoText())

    @Slot(str)
    def follow_undo(self, text: str) -> None:
        if not shiboken6.isValid(self.undo):  # the window is closing
            return
        self.undo.setToolTip(_("Undo {what}").format(what=text) if text else _("Nothing to undo"))
        self.undo.setStatusTip(self.undo.toolTip())

    @Slot(str)
    def follow_redo(self, text: str) -> None:
        if not shiboken6.isValid(self.redo):
            return
        self.redo.setToolTip(_("Redo {what}").format(what=text) if text else _("Nothing to redo"))
        self.redo.setStatusTip(self.redo.toolTip())


def short_labels(undo, redo, stack: QUndoStack) -> None:
    """Toolbar buttons read just "Undo" / "Redo" (they do not jump as the command text changes); the full
    text ("Undo Add person “…”") stays in the Edit menu and is the buttons' tooltip."""
    undo.setIconText(_("Undo"))
    redo.setIconText(_("Redo"))
    _Tooltips(undo, redo, stack)


def push(stack: QUndoStack | None, command: RecordCommand) -> RecordCommand:
    """Run ``command`` (through ``stack`` when given) and raise the SaigaError it met."""
    if stack is None:
        command.redo()
    else:
        stack.push(command)
    if command.error is not None:
        raise command.error
    return command


class CreateCommand(RecordCommand):
    def __init__(self, db, entity: str, values: dict, text: str | None = None):
        super().__init__(db, entity, text or _("Add {what}").format(what=_(entity_of(entity).singular)))
        self.values = {k: v for k, v in values.items() if k not in NOT_COPIED and k != "id"}
        self.record_id: int | None = None
        self.version: int | None = None
        self.record: sv.Record | None = None

    def apply(self) -> None:
        values = dict(self.values)
        if self.record_id is not None:
            values["id"] = self.record_id  # redo after undo: the same record again
        rec = sv.create(self.db, self.entity, values)
        self.record_id, self.version, self.record = rec.id, rec.version, rec

    def revert(self) -> None:
        sv.delete(self.db, self.entity, self.record_id, version=self.version)
        self.version = None


class UpdateCommand(RecordCommand):
    """``before`` and ``after`` hold only the fields that change; ``version`` is the one the form read."""

    def __init__(
        self,
        db,
        entity: str,
        id: int,
        before: dict,
        after: dict,
        version: int | None,
        text: str | None = None,
    ):
        super().__init__(db, entity, text or _("Edit {what}").format(what=_(entity_of(entity).singular)))
        self.record_id = id
        self.before = dict(before)
        self.after = dict(after)
        self.version = version
        self.record: sv.Record | None = None

    def apply(self) -> None:
        rec = sv.update(self.db, self.entity, self.record_id, self.after, version=self.version)
        self.version, self.record = rec.version, rec

    def revert(self) -> None:
        rec = sv.update(self.db, self.entity, self.record_id, self.before, version=self.version)
        self.version, self.record = rec.version, rec


class DeleteCommand(RecordCommand):
    """Delete one record (``id``) or several (a list of ids) in one transaction; undo re-creates them."""

    def __init__(self, db, entity: str, id, version: int | None = None, text: str | None = None):
        ids = list(id) if isinstance(id, list | tuple) else [id]
        ent = entity_of(entity)
        if text is None:
            text = (
                _("Delete {what}").format(what=_(ent.singular))
                if len(ids) == 1
                else _("Delete {n} {what}").format(n=len(ids), what=_(ent.plural))
            )
        super().__init__(db, entity, text)
        self.ids = ids
        self.record_id = ids[0]
        self.versions: dict[int, int | None] = (
            {i: version for i in ids} if len(ids) == 1 else dict.fromkeys(ids)
        )
        self.deleted: ru.Deleted | None = None

    def apply(self) -> None:
        self.deleted = ru.delete_records(self.db, self.entity, self.ids, self.versions)

    def revert(self) -> None:
        self.versions.update(ru.recreate(self.db, self.deleted))


class BulkUpdateCommand(RecordCommand):
    """The same values written to many records in one transaction (e.g. "status = held")."""

    def __init__(self, db, entity: str, ids, values: dict, text: str | None = None):
        ids = list(ids)
        super().__init__(
            db,
            entity,
            text or _("Change {n} {what}").format(n=len(ids), what=_(entity_of(entity).plural)),
        )
        self.ids = ids
        self.values = dict(values)
        self.before: dict[int, dict] = {}
        self.versions: dict[int, int] = {}

    def apply(self) -> None:
        written = ru.update_many(self.db, self.entity, self.ids, self.values, self.versions)
        self.before, self.versions = written.before, written.versions

    def revert(self) -> None:
        self.versions = ru.write_back(self.db, self.entity, self.before, self.versions)


__all__ = [
    "RecordCommand",
    "CreateCommand",
    "UpdateCommand",
    "DeleteCommand",
    "BulkUpdateCommand",
    "push",
    "restorable",
    "NOT_COPIED",
]
