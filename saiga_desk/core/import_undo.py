"""Undoing an import batch as a whole, and the list of recent batches.

What a batch changed is read back from its audit entries: updates are restored field by field, created
records deleted. The undo is refused, and nothing changes, when a record was edited since or something
else now refers to what the batch created. Versions and the undo's own audit entries come from
``core/derived.py``, like every other write; the unit of work notes what was restored and deleted.
"""

from __future__ import annotations

import datetime as dt
import json

from sqlalchemy import delete, select, update

from saiga_desk.core import models as m
from saiga_desk.core import roles
from saiga_desk.core.backups import before_import
from saiga_desk.core.derived import (
    FIRST_VERSION,
    audit_entry,
    jsonable,
    kind_of_table,
    next_version,
    removed_entries,
    search_text,
)
from saiga_desk.core.entities import entity
from saiga_desk.core.errors import SaigaError
from saiga_desk.i18n import _

TABLES = {"person": m.Person, "organization": m.Organization, "designation": m.Designation,
          "participant": m.Participant}  # fmt: skip
SEARCHED = {"person": "persons", "organization": "organizations"}  # tables with a search_text column
DELETE_ORDER = ("participant", "designation", "person", "organization")
PART = 500  # ids per DELETE ... WHERE id IN (...)


def undo_batch(db, batch_id: int, actor: str | None = None) -> dict:
    """Undo a whole import: updates restored, created records deleted (a rolling backup first). Returns
    ``{"batch", "deleted", "restored"}``. Only an admin may (on a shared server, core/roles.py)."""
    roles.require_admin(db)
    before_import(db)
    with db.transaction(actor=actor) as tx:
        s = tx.session
        batch = s.get(m.ImportBatch, batch_id)
        if batch is None:
            raise SaigaError(_("There is no import #{id}.").format(id=batch_id))
        if batch.undone_at is not None:
            raise SaigaError(_("Import #{id} was already undone.").format(id=batch_id))
        entries = s.execute(
            select(m.AuditEntry.action, m.AuditEntry.entity, m.AuditEntry.entity_id, m.AuditEntry.changes)
            .where(m.AuditEntry.batch_id == batch_id).order_by(m.AuditEntry.id.desc())
        ).all()  # fmt: skip
        now = m.utcnow()
        summary = _("Undo of import #{id}").format(id=batch_id)
        undone: list[dict] = []
        created: dict[str, list[int]] = {}
        for action, ent, eid, changes in entries:
            if ent not in TABLES:
                continue
            if action == "update":
                ch = _restore(s, batch_id, ent, eid, json.loads(changes or "{}"), now)
                undone.append(audit_entry(tx.actor, "undo", ent, eid, {k: (v[1], v[0]) for k, v in ch.items()},
                                          summary, None, now))  # fmt: skip
            elif action == "create":
                created.setdefault(ent, []).append(eid)
        for ent in DELETE_ORDER:
            ids = created.get(ent, [])
            _delete_created(s, batch_id, ent, ids, tx.actor, now, summary)
            if ids:
                tx.noted("delete", kind_of_table(ent))
        s.execute(update(m.ImportBatch.__table__).where(m.ImportBatch.id == batch_id).values(undone_at=now))
        tx.audit_many(undone)
        try:
            s.flush()
        except Exception as e:  # a foreign key: something else now refers to a created record
            raise SaigaError(_("Cannot undo import #{id}: other records now refer to what it created ({reason}).").format(
                id=batch_id, reason=str(getattr(e, "orig", e))[:200])) from e  # fmt: skip
    return {"batch": batch_id, "deleted": sum(len(v) for v in created.values()),
            "restored": sum(1 for a in entries if a[0] == "update")}  # fmt: skip


def _restore(s, batch_id: int, ent: str, eid: int, changes: dict, now) -> dict:
    """Put back the old values of one updated record; refused when it was edited since."""
    t = TABLES[ent].__table__
    cur = s.execute(select(t).where(t.c.id == eid)).mappings().one_or_none()
    if cur is None:
        raise SaigaError(_("Cannot undo import #{id}: {what} #{eid} was deleted since.").format(
            id=batch_id, what=ent, eid=eid))  # fmt: skip
    restore = {}
    for k, (old, new) in changes.items():
        if jsonable(cur[k]) != new:
            raise SaigaError(_("Cannot undo import #{id}: {what} #{eid} was edited since ({field}).").format(
                id=batch_id, what=ent, eid=eid, field=k))  # fmt: skip
        restore[k] = _typed(t.c[k], old)
    searched = SEARCHED.get(ent)
    if searched:  # the filter finds the record by its restored values again (issue 19, item 2)
        merged = {**cur, **restore}
        restore["search_text"] = search_text([merged[f] for f in entity(searched).search_fields])
    s.execute(
        update(t).where(t.c.id == eid).values(**restore, version=next_version(cur["version"]), updated_at=now)
    )
    return changes


def _delete_created(s, batch_id: int, ent: str, ids: list[int], actor: str, now, summary: str) -> None:
    """Delete what the batch created, each record's values kept in its "undo" audit entry."""
    t = TABLES[ent].__table__
    for start in range(0, len(ids), PART):
        part = ids[start : start + PART]
        edited = s.scalar(select(t.c.id).where(t.c.id.in_(part), t.c.version > FIRST_VERSION).limit(1))
        if edited is not None:
            raise SaigaError(_("Cannot undo import #{id}: {what} #{eid} was edited since.").format(
                id=batch_id, what=ent, eid=edited))  # fmt: skip
        s.execute(removed_entries(t, part, actor, now, summary, action="undo"))
        s.execute(delete(t).where(t.c.id.in_(part)))


def _typed(col, value):
    if value is None:
        return None
    try:
        ptype = col.type.python_type
    except NotImplementedError:
        return value
    if ptype is dt.date and isinstance(value, str):
        return dt.date.fromisoformat(value)
    if ptype is dt.datetime and isinstance(value, str):
        return dt.datetime.fromisoformat(value)
    return value


def list_batches(db, limit: int = 20) -> list[dict]:
    """The most recent import batches, newest first: id, when, kind, file, sheet, counts, undone."""
    t = m.ImportBatch
    with db.session() as s:
        rows = s.execute(
            select(t.id, t.imported_at, t.kind, t.file_name, t.sheet, t.created, t.updated, t.unchanged,
                   t.skipped, t.actor, t.undone_at).order_by(t.id.desc()).limit(limit)
        ).all()  # fmt: skip
    return [dict(r._mapping) for r in rows]
