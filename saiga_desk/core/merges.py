"""Merging two persons or two organizations into one, undoing a merge, and marking "not duplicates".

A merge is one unit of work: the kept record takes the chosen values (``core/merge_plan.py``), every
row that refers to the other record — found from the model's foreign keys, so designations,
participants, implementers, funders, organizations' people and any table added later — is re-pointed
to the kept one (designations keep their dates, so the list "as at" a past date is unchanged), a row
that would then duplicate one of the kept record's (both persons registered for one meeting) is set
aside, and the other record is deleted with every value in the history. The ``merge`` row keeps all of
it, so an undo restores the removed record, its references and the kept record exactly.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from sqlalchemy import delete, insert, select, update

from saiga_desk.core import models as m
from saiga_desk.core.changes import Changes
from saiga_desk.core.entities import BY_TABLE, entity
from saiga_desk.core.errors import NotFoundError, Progress, ReferencedError, SaigaError, StaleEditError
from saiga_desk.core.merge_plan import KINDS, MergePlan, build_plan, merged_values
from saiga_desk.core.merge_rows import (
    clashing_row,
    dump,
    load,
    references,
    restore_bookkeeping,
    row_values,
    table_of,
)
from saiga_desk.core.services import SKIP_FIELDS
from saiga_desk.i18n import _


@dataclass(frozen=True)
class MergeResult:
    merge_id: int
    kind: str
    kept_id: int
    removed_id: int
    repointed: int  # references now pointing to the kept record (after an undo: back to the removed one)
    set_aside: int  # rows that would have been duplicates of the kept record's
    changes: Changes

    def as_json(self) -> dict:
        return {"merge_id": self.merge_id, "kind": self.kind, "kept_id": self.kept_id,
                "removed_id": self.removed_id, "repointed": self.repointed, "set_aside": self.set_aside}  # fmt: skip


@dataclass(frozen=True)
class MergeInfo:
    id: int
    kind: str
    kept_id: int
    removed_id: int
    removed_title: str
    summary: str
    actor: str
    merged_at: dt.datetime
    undone_at: dt.datetime | None

    def as_json(self) -> dict:
        return {"id": self.id, "kind": self.kind, "kept_id": self.kept_id, "removed_id": self.removed_id,
                "removed": self.removed_title, "actor": self.actor, "merged_at": self.merged_at.isoformat(),
                "undone_at": self.undone_at.isoformat() if self.undone_at else None}  # fmt: skip


def preview(db, kind: str, kept_id: int, other_id: int, take=()) -> MergePlan:
    """The two records side by side with the default choices, for the merge dialog and ``--json``."""
    with db.session() as s:
        return build_plan(s, kind, kept_id, other_id, take)


def merge(db, kind: str, kept_id: int, other_id: int, take=(), choices: dict[str, bool] | None = None,
          versions: tuple[int, int] | None = None, progress: Progress | None = None) -> MergeResult:  # fmt: skip
    """Fold ``other_id`` into ``kept_id``. ``take``/``choices`` say which fields come from the other
    record; ``versions`` (kept, other) are those the officer saw: a record changed since is refused."""
    progress = progress or Progress()
    with db.transaction() as tx:
        s = tx.session
        plan = build_plan(s, kind, kept_id, other_id, take)
        if versions is not None and tuple(versions) != (plan.kept_version, plan.other_version):
            raise StaleEditError(_stale_message(plan.kind, plan.kept_title, plan.other_title))
        ent = entity(kind)
        table = ent.model.__table__
        values = merged_values(kind, plan, choices)
        kept_before = row_values(s, table, kept_id)
        removed = row_values(s, table, other_id)
        progress.report(1, 3, _("Merging"))
        repointed, set_aside = [], []
        try:
            for other_table, col, row_id in references(s, table, other_id):
                if other_table is table and row_id == kept_id:
                    continue  # the kept record's own field: set by the choices
                before = row_values(s, other_table, row_id)
                if clashing_row(s, other_table, col, row_id, kept_id) is not None:
                    _delete_row(tx, other_table, row_id, before)
                    set_aside.append([other_table.name, json.loads(dump(before))])
                    continue
                after = _set_reference(tx, other_table, col, row_id, other_id, kept_id)
                repointed.append([other_table.name, col.key, row_id, _bookkeeping(before), after])
            progress.report(2, 3, _("Merging"))
            if _refers_to_itself(table):  # (organizations) the kept one may point at the other until updated
                kept_after = tx.update(kind, kept_id, values, version=plan.kept_version)
                tx.delete(kind, other_id, version=plan.other_version)
            else:  # the other one first: the kept one may take its email (one person per address)
                tx.delete(kind, other_id, version=plan.other_version)
                kept_after = tx.update(kind, kept_id, values, version=plan.kept_version)
        except StaleEditError as e:
            raise StaleEditError(_stale_message(kind, plan.kept_title, plan.other_title)) from e
        except ReferencedError as e:
            raise SaigaError(_("These two cannot be merged: {reason}").format(reason=e)) from e
        summary = _("Merged {what} #{removed} “{title}” into #{kept}").format(
            what=_(ent.singular), removed=other_id, title=plan.other_title, kept=kept_id
        )
        record = m.Merge(kind=kind, kept_id=kept_id, removed_id=other_id, removed_values=dump(removed),
                         kept_before=dump({**kept_before, "version_after_merge": kept_after.version}),
                         repointed=json.dumps(repointed), set_aside=json.dumps(set_aside, ensure_ascii=False),
                         summary=summary, actor=tx.actor)  # fmt: skip
        s.add(record)
        s.flush()
        tx.noted("create", "merges")
        changed = {k: (kept_before[k], v) for k, v in values.items() if kept_before.get(k) != v}
        tx.audit("merge", ent, kept_id, changed, f"{summary} (merge #{record.id})")
        progress.report(3, 3, _("Merging"))
        result_id = record.id
    return MergeResult(result_id, kind, kept_id, other_id, len(repointed), len(set_aside), tx.changes)


def undo_merge(db, merge_id: int) -> MergeResult:
    """Restore the removed record under its own id, every reference and set-aside row, and the kept
    record as it was. Refused when something the merge touched was changed since."""
    with db.transaction() as tx:
        s = tx.session
        record = s.get(m.Merge, merge_id)
        if record is None:
            raise NotFoundError(_("No merge #{id}.").format(id=merge_id))
        if record.undone_at is not None:
            raise SaigaError(
                _("Merge #{id} was already undone on {when}.").format(
                    id=merge_id, when=f"{record.undone_at:%Y-%m-%d}"
                )
            )
        ent = entity(record.kind)
        table = ent.model.__table__
        before = load(table, record.kept_before)
        version_after = before.pop("version_after_merge", None)
        removed = load(table, record.removed_values)
        now = row_values(s, table, record.kept_id)
        if now is None:
            raise SaigaError(_("The kept {what} #{id} was deleted after the merge; the merge cannot be undone.").format(
                what=_(ent.singular), id=record.kept_id))  # fmt: skip
        if now["version"] != version_after:
            raise StaleEditError(_("{What} #{id} was changed after the merge; undo those changes first.").format(
                What=_(ent.singular).capitalize(), id=record.kept_id))  # fmt: skip
        if row_values(s, table, record.removed_id) is not None:
            raise SaigaError(_("Another record now has the id #{id}; the merge cannot be undone.").format(
                id=record.removed_id))  # fmt: skip
        if _refers_to_itself(table):  # the removed one first: the kept may refer to it
            tx.create(record.kind, {**_plain(removed), "id": record.removed_id})
            tx.update(record.kind, record.kept_id, _plain(before))
        else:  # the kept one first: it gives back the email it took (one person per address)
            tx.update(record.kind, record.kept_id, _plain(before))
            tx.create(record.kind, {**_plain(removed), "id": record.removed_id})
        restored = [(table, record.kept_id, before), (table, record.removed_id, removed)]
        set_aside = json.loads(record.set_aside)
        for name, data in set_aside:
            other = table_of(name)
            values = load(other, data)
            _insert_row(tx, other, values)
            restored.append((other, values["id"], values))
        repointed = json.loads(record.repointed)
        # a row re-pointed in two columns: its version after the merge is the last one, before it the first
        last_version = {(name, row_id): after for name, _key, row_id, _b, after in repointed}
        first_bookkeeping = {}
        for name, _key, row_id, bookkeeping, _after in repointed:
            first_bookkeeping.setdefault((name, row_id), bookkeeping)
        for name, key, row_id, _bookkeeping, _after in repointed:
            other = table_of(name)
            current = row_values(s, other, row_id)
            if current is None or current[key] != record.kept_id:
                raise StaleEditError(_stale_undo(name, row_id))
            if (name, row_id) in last_version and current.get("version") != last_version.pop((name, row_id)):
                raise StaleEditError(_stale_undo(name, row_id))
            _set_reference(tx, other, other.c[key], row_id, record.kept_id, record.removed_id)
        for (name, row_id), bookkeeping in first_bookkeeping.items():
            other = table_of(name)
            restored.append((other, row_id, load(other, bookkeeping)))
        s.flush()
        for t, row_id, values in restored:
            restore_bookkeeping(s, t, row_id, values)
        s.expire_all()
        record.undone_at = m.utcnow()
        record.undone_by = tx.actor
        tx.noted("update", "merges")
        tx.audit("undo", ent, record.kept_id, {}, _("Undid merge #{id}").format(id=merge_id))
        result = (record.id, record.kind, record.kept_id, record.removed_id, len(repointed), len(set_aside))
    return MergeResult(*result, tx.changes)


def list_merges(db, kind: str | None = None) -> list[MergeInfo]:
    """Every merge, newest first."""
    with db.session() as s:
        q = select(m.Merge).order_by(m.Merge.merged_at.desc(), m.Merge.id.desc())
        if kind:
            q = q.where(m.Merge.kind == kind)
        return [
            MergeInfo(
                r.id,
                r.kind,
                r.kept_id,
                r.removed_id,
                _title(r.kind, json.loads(r.removed_values)),
                r.summary or "",
                r.actor,
                r.merged_at,
                r.undone_at,
            )  # fmt: skip
            for r in s.scalars(q)
        ]


def mark_not_duplicates(db, kind: str, first_id: int, second_id: int) -> bool:
    """Say that two records are different: the pair is never proposed again. False if it already was."""
    if kind not in KINDS:
        raise SaigaError(_("Only persons or organizations can be marked, not {kind}.").format(kind=kind))
    if first_id == second_id:
        raise SaigaError(_("A record is always the same as itself (#{id}).").format(id=first_id))
    a, b = sorted((first_id, second_id))
    with db.transaction() as tx:
        for i in (a, b):
            tx.get(kind, i)  # NotFoundError with the record named
        exists = tx.session.scalar(
            select(m.NotDuplicate.id).where(
                m.NotDuplicate.kind == kind, m.NotDuplicate.first_id == a, m.NotDuplicate.second_id == b
            )  # fmt: skip
        )
        if exists is not None:
            return False
        tx.session.add(m.NotDuplicate(kind=kind, first_id=a, second_id=b, actor=tx.actor))
        tx.noted("create", "not_duplicates")
        tx.audit("not-duplicate", kind_table(kind), a, {}, _("Not a duplicate of #{id}").format(id=b))
    return True


def _refers_to_itself(table) -> bool:
    """Whether rows of ``table`` can point at other rows of it (organizations: their parent)."""
    return any(fk.column.table is table for c in table.c for fk in c.foreign_keys)


def kind_table(kind: str) -> str:
    return entity(kind).model.__tablename__


# ------------------------------------------------------------------------------------------------ helpers
def _stale_message(kind: str, kept_title: str, other_title: str) -> str:
    return _(
        "“{kept}” or “{other}” was changed by someone else while the merge was prepared; nothing was merged. "
        "Reload them and merge again."
    ).format(kept=kept_title, other=other_title)


def _stale_undo(table: str, row_id: int) -> str:
    return _(
        "A record the merge re-pointed ({table} #{id}) was changed or deleted since; the merge cannot be undone "
        "exactly."
    ).format(table=table, id=row_id)


def _bookkeeping(values: dict) -> dict:
    return json.loads(dump({k: values[k] for k in ("version", "updated_at") if k in values}))


def _plain(values: dict) -> dict:
    return {k: v for k, v in values.items() if k not in SKIP_FIELDS}


def _set_reference(tx, table, col, row_id: int, old: int, new: int):
    """Point one row's reference elsewhere through the unit of work; its version after, if it has one."""
    ent = BY_TABLE.get(table.name)
    if ent is not None and not ent.readonly:
        return tx.update(ent.name, row_id, {col.key: new}).get("version")
    tx.session.execute(update(table).where(table.c.id == row_id).values({col.key: new}))
    tx.audit("update", table.name, row_id, {col.key: (old, new)}, f"#{row_id}")
    return (row_values(tx.session, table, row_id) or {}).get("version")


def _delete_row(tx, table, row_id: int, values: dict) -> None:
    ent = BY_TABLE.get(table.name)
    if ent is not None and not ent.readonly:
        tx.delete(ent.name, row_id)
        return
    tx.session.execute(delete(table).where(table.c.id == row_id))
    tx.audit("delete", table.name, row_id, {k: (v, None) for k, v in _plain(values).items() if v is not None})


def _insert_row(tx, table, values: dict) -> None:
    ent = BY_TABLE.get(table.name)
    if ent is not None and not ent.readonly:
        tx.create(ent.name, {**_plain(values), "id": values["id"]})
        return
    tx.session.execute(insert(table).values(**values))
    tx.audit(
        "create", table.name, values["id"], {k: (None, v) for k, v in _plain(values).items() if v is not None}
    )


def _title(kind: str, values: dict) -> str:
    if kind == "persons":
        return " ".join(x for x in (values.get("given_name"), values.get("family_name")) if x)
    return values.get("acronym") or values.get("name_en") or ""
