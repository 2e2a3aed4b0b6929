"""Use cases over the records: create, read, update, delete, list — validated and audited.

Every write goes through a UnitOfWork (``core/unit_of_work.py``: one session, one transaction), which
validates, checks the row version (a stale edit is refused, never applied), refuses deletes of referenced
records with a message naming what references them, keeps the search column and records an AuditEntry
(who, when, old -> new). Callers get plain ``Record`` objects, never live ORM objects. This module is the
one service surface: the one-shot writes, the reads, and the listings of ``core/tables.py``.
"""

from __future__ import annotations

import json

from sqlalchemy import select

from saiga_desk.core import models as m
from saiga_desk.core.derived import jsonable, kind_of_table
from saiga_desk.core.entities import ENTITIES, entity
from saiga_desk.core.errors import NotFoundError
from saiga_desk.core.record_checks import references_to, referring
from saiga_desk.core.tables import fetch_rows, iter_rows, query_ids
from saiga_desk.core.unit_of_work import SKIP_FIELDS, Record, UnitOfWork, to_record
from saiga_desk.i18n import _


# ---------------------------------------------------------------------------- one-shot helpers
def create(db, name: str, values: dict) -> Record:
    with db.transaction() as tx:
        return tx.create(name, values)


def update(db, name: str, obj_id: int, values: dict, version: int | None = None) -> Record:
    with db.transaction() as tx:
        return tx.update(name, obj_id, values, version=version)


def delete(db, name: str, obj_id: int, version: int | None = None) -> Record:
    with db.transaction() as tx:
        return tx.delete(name, obj_id, version=version)


def get(db, name: str, obj_id: int) -> Record:
    with db.session() as s:
        ent = entity(name)
        obj = s.get(ent.model, obj_id)
        if obj is None:
            raise NotFoundError(
                _("No {what} #{id}: it may have been deleted meanwhile.").format(
                    what=_(ent.singular), id=obj_id
                )
            )
        return to_record(obj)


def find(db, name: str, **criteria) -> list[Record]:
    """Records whose fields equal ``criteria`` (small lookups: pickers, CLI arguments)."""
    ent = entity(name)
    with db.session() as s:
        q = select(ent.model).where(*(getattr(ent.model, k) == v for k, v in criteria.items()))
        return [to_record(o) for o in s.scalars(q.order_by(ent.model.id))]


def references(db, name: str, obj_id: int) -> dict[str, int]:
    with db.session() as s:
        return references_to(s, entity(name), obj_id)


def referring_records(db, name: str, obj_id: int, limit: int = 5) -> list[tuple[str, int, str]]:
    """The first records that refer to ``obj_id``: (record kind, id, name)."""
    with db.session() as s:
        return referring(s, entity(name), obj_id, limit)


def history(db, name: str, obj_id: int) -> list[Record]:
    """The audit trail of one record, oldest first, with ``changes`` decoded."""
    table = entity(name).model.__tablename__
    with db.session() as s:
        rows = s.scalars(
            select(m.AuditEntry)
            .where(m.AuditEntry.entity == table, m.AuditEntry.entity_id == obj_id)
            .order_by(m.AuditEntry.at, m.AuditEntry.id)
        ).all()
        out = []
        for r in rows:
            rec = to_record(r)
            rec["changes"] = json.loads(r.changes) if r.changes else {}
            out.append(rec)
        return out


def choices(name: str) -> dict[str, tuple[str, ...]]:
    return dict(entity(name).choices)


__all__ = [
    "ENTITIES", "Record", "UnitOfWork", "create", "update", "delete", "get", "find", "history", "references",
    "query_ids", "fetch_rows", "iter_rows", "choices", "to_record", "jsonable", "kind_of_table", "SKIP_FIELDS",
]  # fmt: skip
