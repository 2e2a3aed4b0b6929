"""Undo / redo of the officer's edits: every write is a QUndoCommand that calls the services.

``push(stack, command)`` runs the command (``redo``) and raises the SaigaError it met, so a form can
show it; a failed command never stays on the stack (it is made obsolete). After every redo and undo
the command calls ``hub.notify(entity)`` so the views refresh.

Undo of a delete re-creates the record with the same id and values (``services.create`` with ``"id"``),
together with the parts deleted with it (a meeting's organizations and status changes, a project's
implementers, mandates, funders and publications).
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QTimer
from PySide6.QtGui import QUndoCommand, QUndoStack

from saiga_desk.core import services as sv
from saiga_desk.core.entities import entity as entity_of
from saiga_desk.core.errors import SaigaError
from saiga_desk.i18n import _
from saiga_desk.ui.signals import hub

log = logging.getLogger(__name__)

# fields a re-created record must not carry over (the services set them)
NOT_COPIED = {"version", "created_at", "updated_at", "search_text"}

# parts deleted together with their record (ON DELETE CASCADE): kind -> [(part kind, key to the record)]
OWNED_PARTS = {
    "meetings": [("meeting-organizations", "meeting_id"), ("meeting-status-changes", "meeting_id")],
    "projects": [
        ("project-implementers", "project_id"),
        ("project-mandates", "project_id"),
        ("project-funders", "project_id"),
        ("publications", "project_id"),
    ],
}


def _kind(name: str) -> str:
    return entity_of(name).name


def _report_later(error: SaigaError) -> None:
    """An undo/redo from the Edit menu failed: tell the officer once the stack operation is over."""

    def show() -> None:
        from saiga_desk.ui.errors import show_error

        show_error(None, error, _("Undo / redo"))

    QTimer.singleShot(0, show)


def restorable(values: dict) -> dict:
    return {k: v for k, v in values.items() if k not in NOT_COPIED}


class RecordCommand(QUndoCommand):
    """Common part: error capture, notification, the first redo done at push time.

    Never give a command an attribute named ``id``: it would hide QUndoCommand.id(), which the
    stack calls (merging) — the process crashes. The record's id is ``record_id``."""

    def __init__(self, db, entity: str, text: str = ""):
        super().__init__(text)
        self.db = db
        self.entity = _kind(entity)
        self.error: SaigaError | None = None
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
        except SaigaError as e:
            self.error = e
            self.setObsolete(True)  # a failed command never stays on the stack
            if not self._pushing:
                log.info("undo/redo refused: %s", e)
                _report_later(e)
        finally:
            self._pushing = False
            hub.notify(self.entity)

    def redo(self) -> None:
        self._run(self.apply)

    def undo(self) -> None:
        self._pushing = False
        self._run(self.revert)


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
        self.deleted: list[tuple[str, dict]] = []  # (kind, values) in deletion order

    def apply(self) -> None:
        parts: list[tuple[str, dict]] = []
        for obj_id in self.ids:
            for kind, key in OWNED_PARTS.get(self.entity, []):
                parts += [(kind, restorable(r)) for r in sv.find(self.db, kind, **{key: obj_id})]
        deleted: list[tuple[str, dict]] = []
        with self.db.transaction() as tx:
            for obj_id in self.ids:
                rec = tx.delete(self.entity, obj_id, version=self.versions.get(obj_id))
                deleted.append((self.entity, restorable(rec)))
        self.deleted = deleted + parts

    def revert(self) -> None:
        with self.db.transaction() as tx:
            for kind, values in self.deleted:  # records first, then their parts
                rec = tx.create(kind, values)
                if kind == self.entity:
                    self.versions[rec.id] = rec.version


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
        before: dict[int, dict] = {}
        versions: dict[int, int] = {}
        with self.db.transaction() as tx:
            for obj_id in self.ids:
                current = tx.get(self.entity, obj_id)
                if obj_id in self.versions and current.version != self.versions[obj_id]:
                    raise _stale(self.entity)
                before[obj_id] = {k: current.get(k) for k in self.values}
                rec = tx.update(self.entity, obj_id, self.values, version=current.version)
                versions[obj_id] = rec.version
        self.before, self.versions = before, versions

    def revert(self) -> None:
        versions: dict[int, int] = {}
        with self.db.transaction() as tx:
            for obj_id in self.ids:
                rec = tx.update(self.entity, obj_id, self.before[obj_id], version=self.versions.get(obj_id))
                versions[obj_id] = rec.version
        self.versions = versions


def _stale(entity: str) -> SaigaError:
    from saiga_desk.core.errors import StaleEditError

    return StaleEditError(
        _("Some {what} were changed by someone else meanwhile; this change cannot be redone.").format(
            what=_(entity_of(entity).plural)
        )
    )


__all__ = [
    "RecordCommand",
    "CreateCommand",
    "UpdateCommand",
    "DeleteCommand",
    "BulkUpdateCommand",
    "push",
    "restorable",
    "OWNED_PARTS",
]
