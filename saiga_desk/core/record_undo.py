"""Writes the officer can undo: deleting records with their parts and re-creating them, the same values
written to many records and written back, and the refusal a delete would meet.

Each verb is one unit of work (all or nothing, audited) and returns plain data: what was deleted (to be
re-created by ``recreate``), or the values and versions before and after. The database publishes what
each changed (``Changes``) to its subscribers, as for every other write.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select

from saiga_desk.core import services as sv
from saiga_desk.core.derived import owned_parts
from saiga_desk.core.entities import entity
from saiga_desk.core.errors import ReferencedError, StaleEditError
from saiga_desk.i18n import _

# fields a re-created record must not carry over (the services set them)
NOT_COPIED = frozenset({"version", "created_at", "updated_at", "search_text"})


def restorable(values: dict) -> dict:
    """A record's values as ``create`` takes them back (bookkeeping dropped, the id kept)."""
    return {k: v for k, v in values.items() if k not in NOT_COPIED}


@dataclass
class Deleted:
    """What ``delete_records`` removed: ``(kind, values)`` records first, then the parts deleted with them."""

    kind: str
    records: list[tuple[str, dict]] = field(default_factory=list)


def delete_records(db, kind: str, ids, versions: dict[int, int | None] | None = None) -> Deleted:
    """Delete records of ``kind`` (each at its expected version, when given) with the parts they own."""
    kind = entity(kind).name
    versions = versions or {}
    out = Deleted(kind)
    parts: list[tuple[str, dict]] = []
    with db.transaction() as tx:
        for obj_id in ids:
            for part, key in owned_parts(kind):
                model = entity(part).model
                rows = tx.session.scalars(select(model).where(getattr(model, key) == obj_id)).all()
                parts += [(part, restorable(sv.to_record(r))) for r in rows]
        for obj_id in ids:  # the unit of work keeps the parts' values in the history too
            rec = tx.delete(kind, obj_id, version=versions.get(obj_id))
            out.records.append((kind, restorable(rec)))
    out.records += parts
    return out


def recreate(db, deleted: Deleted) -> dict[int, int]:
    """Undo of ``delete_records``: the same records with the same ids and values, then their parts.
    Returns the new version of each re-created record of the deleted kind."""
    versions: dict[int, int] = {}
    with db.transaction() as tx:
        for kind, values in deleted.records:
            rec = tx.create(kind, values)
            if kind == deleted.kind:
                versions[rec.id] = rec.version
    return versions


@dataclass
class Written:
    """The values of the written fields before the write, and each record's version after it."""

    before: dict[int, dict] = field(default_factory=dict)
    versions: dict[int, int] = field(default_factory=dict)


def update_many(db, kind: str, ids, values: dict, versions: dict[int, int] | None = None) -> Written:
    """The same ``values`` written to every record of ``ids`` in one unit of work. With ``versions``
    (a redo), a record changed by someone else since is refused and nothing is written."""
    kind = entity(kind).name
    out = Written()
    with db.transaction() as tx:
        for obj_id in ids:
            current = tx.get(kind, obj_id)
            if versions and obj_id in versions and current.version != versions[obj_id]:
                raise StaleEditError(
                    _(
                        "Some {what} were changed by someone else meanwhile; this change cannot be redone."
                    ).format(what=_(entity(kind).plural))
                )
            out.before[obj_id] = {k: current.get(k) for k in values}
            out.versions[obj_id] = tx.update(kind, obj_id, values, version=current.version).version
    return out


def write_back(
    db, kind: str, values_by_id: dict[int, dict], versions: dict[int, int] | None = None
) -> dict[int, int]:
    """Per-record values (the ``before`` of ``update_many``) written back in one unit of work; the new
    versions. A record changed since ``versions`` is refused."""
    kind = entity(kind).name
    versions = versions or {}
    out: dict[int, int] = {}
    with db.transaction() as tx:
        for obj_id, values in values_by_id.items():
            out[obj_id] = tx.update(kind, obj_id, values, version=versions.get(obj_id)).version
    return out


class _DryRun(Exception):
    """Raised inside a unit of work to roll it back after reading the services' answer."""


def delete_refusal(db, kind: str, record_id: int) -> str | None:
    """The services' explanation of why ``record_id`` cannot be deleted, or None if it can (nothing is
    written: "Organization “Ministry…” cannot be deleted: 2 persons refer to it. …")."""
    if not sv.references(db, kind, record_id):
        return None
    try:
        with db.transaction() as tx:
            tx.delete(kind, record_id)
            raise _DryRun  # never commit: this only asks the services for their message
    except ReferencedError as e:
        return str(e)
    except _DryRun:
        return None


__all__ = [
    "NOT_COPIED",
    "Deleted",
    "Written",
    "delete_records",
    "delete_refusal",
    "recreate",
    "restorable",
    "update_many",
    "write_back",
]
