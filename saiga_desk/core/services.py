"""Use cases over the records: create, read, update, delete, list — validated and audited.

Every write goes through a UnitOfWork (one session, one transaction), which validates, checks the
row version (a stale edit is refused, never applied), refuses deletes of referenced records with a
message naming what references them, keeps the search column and records an AuditEntry
(who, when, old -> new). Callers get plain ``Record`` objects, never live ORM objects.
"""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

from sqlalchemy import func, inspect, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from saiga_desk.core import models as m
from saiga_desk.core.changes import ChangeCollector, Changes
from saiga_desk.core.entities import BY_TABLE, ENTITIES, Entity, entity
from saiga_desk.core.errors import (
    DuplicateError,
    NotFoundError,
    ReferencedError,
    SaigaError,
    StaleEditError,
    ValidationError,
)
from saiga_desk.core.text import search_key
from saiga_desk.core.validation import email_problem, parse_iso_date
from saiga_desk.i18n import _

SKIP_FIELDS = {"id", "version", "created_at", "updated_at", "search_text"}


class Record(dict):
    """A plain, detached copy of a row: ``r.family_name`` or ``r["family_name"]``."""

    def __getattr__(self, name):
        try:
            return self[name]
        except KeyError:
            raise AttributeError(name) from None

    def as_dict(self) -> dict:
        return dict(self)


def to_record(obj) -> Record:
    return Record({c.key: getattr(obj, c.key) for c in inspect(obj).mapper.column_attrs})


def jsonable(value):
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


# ---------------------------------------------------------------------------- search columns
def _search_text(session: Session, ent: Entity, obj) -> str | None:
    if ent.model is m.Signatory:
        parts = []
        if obj.country_id:
            c = session.get(m.Country, obj.country_id)
            parts += [c.code, c.name_en, c.name_ru] if c else []
        if obj.organization_id:
            o = session.get(m.Organization, obj.organization_id)
            parts += [o.acronym, o.name_en, o.name_ru] if o else []
        return search_key(*parts, obj.signed_at)
    if not ent.search_fields or not hasattr(obj, "search_text"):
        return None
    return search_key(*(getattr(obj, f) for f in ent.search_fields))


# ---------------------------------------------------------------------------- validation
def _columns(ent: Entity) -> dict:
    return {c.key: c for c in inspect(ent.model).mapper.column_attrs}


def _coerce(ent: Entity, values: dict) -> tuple[dict, dict[str, str]]:
    cols = _columns(ent)
    out: dict = {}
    problems: dict[str, str] = {}
    for key, value in values.items():
        if key not in cols or key in ("created_at", "updated_at", "search_text", "version"):
            problems[key] = _("unknown field")
            continue
        col = cols[key].columns[0]
        if isinstance(value, str) and value == "" and col.nullable:
            value = None
        try:
            ptype = col.type.python_type
        except NotImplementedError:
            ptype = object
        if value is not None:
            if ptype is dt.date and not isinstance(value, dt.date):
                try:
                    value = parse_iso_date(value)
                except ValueError as e:
                    problems[key] = str(e)
                    continue
            elif ptype is bool and not isinstance(value, bool):
                if isinstance(value, str) and value.strip().lower() in ("1", "true", "yes", "y", "да"):
                    value = True
                elif isinstance(value, str) and value.strip().lower() in ("0", "false", "no", "n", "нет", ""):
                    value = False
                elif isinstance(value, int):
                    value = bool(value)
                else:
                    problems[key] = _("must be yes or no")
                    continue
            elif ptype is int and not isinstance(value, int):
                try:
                    value = int(str(value).strip())
                except ValueError:
                    problems[key] = _("must be a whole number")
                    continue
            elif ptype is Decimal and not isinstance(value, Decimal):
                try:
                    value = Decimal(str(value).strip())
                except Exception:
                    problems[key] = _("must be a number")
                    continue
            elif ptype is str and not isinstance(value, str):
                value = str(value)
        out[key] = value
    return out, problems


def _validate(session: Session, ent: Entity, obj) -> None:
    problems: dict[str, str] = {}
    for f in ent.required:
        v = getattr(obj, f)
        if v is None or (isinstance(v, str) and not v.strip()):
            problems[f] = _("required")
    for f, allowed in ent.choices.items():
        v = getattr(obj, f, None)
        if v is not None and v not in allowed:
            problems[f] = _("must be one of: {choices}").format(choices=", ".join(allowed))
    for f in ent.emails:
        msg = email_problem(getattr(obj, f))
        if msg:
            problems[f] = msg
    for a, b in ent.date_pairs:
        start, end = getattr(obj, a), getattr(obj, b)
        if start and end and end < start:
            problems[b] = _("cannot be before {field}").format(field=a.replace("_", " "))
    # references: a clear message instead of a foreign-key failure
    for col in ent.model.__table__.columns:
        for fk in col.foreign_keys:
            v = getattr(obj, col.key, None)
            if v is None or col.key in problems:
                continue
            target = BY_TABLE.get(fk.column.table.name)
            model = target.model if target else _model_for_table(fk.column.table.name)
            if model is not None and session.get(model, v) is None:
                problems[col.key] = _("refers to a record that does not exist (#{id})").format(id=v)
    if ent.model is m.Signatory:
        if obj.kind == "state" and not obj.country_id:
            problems["country_id"] = _("a Signatory State needs its country")
        if obj.kind == "organization" and not obj.organization_id:
            problems["organization_id"] = _("a Cooperating Organization needs its organization")
        if obj.kind == "state":
            obj.organization_id = None
        elif obj.kind == "organization":
            obj.country_id = None
    if problems:
        raise ValidationError(problems)


def _model_for_table(name: str):
    for mapper in m.Base.registry.mappers:
        if mapper.local_table.name == name:
            return mapper.class_
    return None


def _unique_checks(session: Session, ent: Entity, obj) -> None:
    """Friendly duplicate messages for the uniqueness rules of the domain."""
    model = ent.model
    for uc in model.__table__.constraints:
        cols = getattr(uc, "columns", None)
        if uc.__class__.__name__ != "UniqueConstraint" or cols is None:
            continue
        _check_unique(session, ent, obj, [c.key for c in cols])
    for col in model.__table__.columns:
        if col.unique:
            _check_unique(session, ent, obj, [col.key])


def _check_unique(session: Session, ent: Entity, obj, keys: list[str]) -> None:
    values = [getattr(obj, k) for k in keys]
    if any(v is None for v in values):
        return
    q = select(ent.model.id).where(*(getattr(ent.model, k) == v for k, v in zip(keys, values, strict=True)))
    if obj.id is not None:
        q = q.where(ent.model.id != obj.id)
    other = session.scalar(q.limit(1))
    if other is not None:
        shown = ", ".join(_described(session, ent, k, v) for k, v in zip(keys, values, strict=True))
        raise DuplicateError(
            _("Another {what} already has {values} (#{id}).").format(
                what=_(ent.singular), values=shown, id=other
            )
        )


def _described(session: Session, ent: Entity, key: str, value) -> str:
    """``organization “ACBK”`` for a reference, ``code MOS4`` for a plain value: names, never bare ids."""
    col = ent.model.__table__.c[key]
    for fk in col.foreign_keys:
        target = BY_TABLE.get(fk.column.table.name)
        obj = session.get(target.model, value) if target is not None else None
        if obj is not None:
            return f"{_(target.singular)} “{target.title(obj)}”"
    return f"{key.replace('_', ' ')} {value}"


# ---------------------------------------------------------------------------- references
def references_to(session: Session, ent: Entity, obj_id: int) -> dict[str, int]:
    """Counts of the records that reference ``obj_id`` (owned parts deleted with it are not counted)."""
    table = ent.model.__table__
    found: dict[str, int] = {}
    for other in m.Base.metadata.sorted_tables:
        for fk in other.foreign_keys:
            if fk.column.table is not table or fk.ondelete == "CASCADE":
                continue
            n = session.scalar(select(func.count()).select_from(other).where(fk.parent == obj_id))
            if n:
                label = (
                    BY_TABLE[other.name].plural if other.name in BY_TABLE else other.name.replace("_", " ")
                )
                found[label] = found.get(label, 0) + n
    return found


# ---------------------------------------------------------------------------- unit of work
class UnitOfWork:
    """``with db.transaction() as tx:`` — all writes commit together or not at all."""

    def __init__(self, db, actor: str, batch_id: int | None = None):
        self.db = db
        self.actor = actor
        self.batch_id = batch_id
        self.session: Session | None = None
        self._collector = ChangeCollector()
        self.committed = False

    @property
    def changes(self) -> Changes:
        """What this unit of work wrote so far (after the commit: what it changed)."""
        return self._collector.result()

    def noted(self, action: str, kind: str) -> None:
        """Record a write that is audited elsewhere (bulk paths) in this unit's ``changes``."""
        self._collector.note(action, kind)

    def __enter__(self) -> UnitOfWork:
        self.session = self.db._sessions()
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        try:
            if exc_type is None:
                try:
                    self.session.commit()
                except IntegrityError as e:
                    self.session.rollback()
                    raise _integrity_message(e) from e
                except StaleDataError as e:
                    self.session.rollback()
                    raise StaleEditError(_("Someone else changed this record meanwhile; reload it.")) from e
            else:
                self.session.rollback()
        finally:
            self.session.close()
        if exc_type is None:
            self.committed = True
            changes = self.changes
            if changes:
                self.db.publish(changes)

    # ------------------------------------------------------------------ audit
    def audit(
        self, action: str, ent_or_table, entity_id: int, changes: dict | None = None, summary: str = ""
    ) -> None:
        table = ent_or_table if isinstance(ent_or_table, str) else ent_or_table.model.__tablename__
        self._collector.note(action, kind_of_table(table))
        self.session.add(
            m.AuditEntry(
                actor=self.actor,
                action=action,
                entity=table,
                entity_id=entity_id,
                summary=summary[:500] if summary else None,
                changes=json.dumps(
                    {k: [jsonable(a), jsonable(b)] for k, (a, b) in (changes or {}).items()},
                    ensure_ascii=False,
                ),
                batch_id=self.batch_id,
            )
        )

    # ------------------------------------------------------------------ writes
    def create(self, name: str, values: dict) -> Record:
        ent = entity(name)
        if ent.readonly:
            raise SaigaError(_("{what} cannot be edited.").format(what=_(ent.plural)))
        wanted_id = values.get("id")
        clean, problems = _coerce(ent, {k: v for k, v in values.items() if k != "id"})
        if problems:
            raise ValidationError(problems)
        obj = ent.model(**clean)
        if wanted_id is not None:  # re-creating a deleted record (undo)
            obj.id = int(wanted_id)
        self._apply_defaults(obj)
        _validate(self.session, ent, obj)
        _unique_checks(self.session, ent, obj)
        st = _search_text(self.session, ent, obj)
        if st is not None:
            obj.search_text = st
        self.session.add(obj)
        self._flush()
        rec = to_record(obj)
        self.audit(
            "create",
            ent,
            obj.id,
            {k: (None, v) for k, v in rec.items() if k not in SKIP_FIELDS and v is not None},
            ent.title(obj),
        )
        return rec

    def update(self, name: str, obj_id: int, values: dict, version: int | None = None) -> Record:
        ent = entity(name)
        obj = self._load(ent, obj_id)
        if version is not None and obj.version != version:
            raise StaleEditError(
                _(
                    "This {what} was changed by someone else since you opened it (version {old} -> {new}). "
                    "Reload it; your typed values are kept."
                ).format(what=_(ent.singular), old=version, new=obj.version),
                current_version=obj.version,
            )
        clean, problems = _coerce(ent, {k: v for k, v in values.items() if k not in ("id", "version")})
        if problems:
            raise ValidationError(problems)
        changes = {}
        for k, v in clean.items():
            old = getattr(obj, k)
            if old != v:
                changes[k] = (old, v)
                setattr(obj, k, v)
        if not changes:
            return to_record(obj)
        _validate(self.session, ent, obj)
        _unique_checks(self.session, ent, obj)
        st = _search_text(self.session, ent, obj)
        if st is not None:
            obj.search_text = st
        self._flush()
        self.audit("update", ent, obj.id, changes, ent.title(obj))
        return to_record(obj)

    def delete(self, name: str, obj_id: int, version: int | None = None) -> Record:
        ent = entity(name)
        obj = self._load(ent, obj_id)
        if version is not None and obj.version != version:
            raise StaleEditError(
                _(
                    "This {what} was changed by someone else since you opened it; reload it before deleting."
                ).format(what=_(ent.singular)),
                current_version=obj.version,
            )
        refs = references_to(self.session, ent, obj_id)
        if refs:
            listed = ", ".join(f"{n} {_(label)}" for label, n in sorted(refs.items()))
            raise ReferencedError(
                _(
                    "{what} “{title}” cannot be deleted: {refs} refer to it. Remove or reassign them first."
                ).format(what=_(ent.singular).capitalize(), title=ent.title(obj), refs=listed),
                refs,
            )
        rec = to_record(obj)
        title = ent.title(obj)
        self.session.delete(obj)
        self._flush()
        self.audit(
            "delete",
            ent,
            obj_id,
            {k: (v, None) for k, v in rec.items() if k not in SKIP_FIELDS and v is not None},
            title,
        )
        return rec

    # ------------------------------------------------------------------ helpers
    def get(self, name: str, obj_id: int) -> Record:
        return to_record(self._load(entity(name), obj_id))

    def _load(self, ent: Entity, obj_id: int):
        obj = self.session.get(ent.model, obj_id)
        if obj is None:
            raise NotFoundError(
                _("No {what} #{id}: it may have been deleted meanwhile.").format(
                    what=_(ent.singular), id=obj_id
                )
            )
        return obj

    @staticmethod
    def _apply_defaults(obj) -> None:
        for col in obj.__table__.columns:
            if getattr(obj, col.key, None) is None and col.default is not None and col.default.is_scalar:
                setattr(obj, col.key, col.default.arg)

    def _flush(self) -> None:
        try:
            self.session.flush()
        except IntegrityError as e:
            raise _integrity_message(e) from e
        except StaleDataError as e:
            raise StaleEditError(_("Someone else changed this record meanwhile; reload it.")) from e


def kind_of_table(table: str) -> str:
    """The services' record kind of a table (``persons`` for ``person``), or the table name itself."""
    ent = BY_TABLE.get(table)
    return ent.name if ent is not None else table


def _integrity_message(e: IntegrityError) -> SaigaError:
    text = str(e.orig).lower()
    if "unique" in text or "duplicate" in text:
        return DuplicateError(_("This would create a duplicate: {detail}").format(detail=e.orig))
    if "foreign key" in text:
        return ReferencedError(
            _("This refers to a record that does not exist, or is still referenced: {detail}").format(
                detail=e.orig
            )
        )
    if "check" in text:
        return ValidationError(
            {}, _("The values break a rule of the records: {detail}").format(detail=e.orig)
        )
    return SaigaError(_("The database refused the change: {detail}").format(detail=e.orig))


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


# The listing functions of core.tables are part of the one service surface.
from saiga_desk.core.tables import fetch_rows, iter_rows, query_ids  # noqa: E402

__all__ = [
    "ENTITIES", "Record", "UnitOfWork", "create", "update", "delete", "get", "find", "history", "references",
    "query_ids", "fetch_rows", "iter_rows", "choices", "to_record",
]  # fmt: skip
