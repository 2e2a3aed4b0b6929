"""The checks a write passes before it is made: values coerced to their column types, required fields,
choices, emails, date order, references that exist, friendly duplicate messages, the records that still
refer to one about to be deleted, and database refusals turned into one plain sentence."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import func, inspect, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from saiga_desk.core import models as m
from saiga_desk.core.entities import BY_TABLE, Entity
from saiga_desk.core.errors import DuplicateError, ReferencedError, SaigaError, ValidationError
from saiga_desk.core.validation import email_problem, parse_iso_date
from saiga_desk.i18n import _


def _columns(ent: Entity) -> dict:
    return {c.key: c for c in inspect(ent.model).mapper.column_attrs}


def coerce(ent: Entity, values: dict) -> tuple[dict, dict[str, str]]:
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


def validate(session: Session, ent: Entity, obj) -> None:
    problems: dict[str, str] = {}
    for f in ent.required:
        v = getattr(obj, f)
        if v is None or (isinstance(v, str) and not v.strip()):
            problems[f] = _("required")
    for group in ent.required_any:
        if all(_empty(getattr(obj, f)) for f in group):
            problems[group[0]] = _("required")
        cols = ent.model.__table__.columns
        for f in group:  # the one not given of a NOT NULL pair (a Russian name only) is stored empty
            if getattr(obj, f) is None and not cols[f].nullable:
                setattr(obj, f, "")
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


def unique_checks(session: Session, ent: Entity, obj) -> None:
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


def referring(session: Session, ent: Entity, obj_id: int, limit: int = 5) -> list[tuple[str, int, str]]:
    """The first ``limit`` records that refer to ``obj_id`` (owned parts deleted with it left out), as
    (record kind, id, name) — so a refused delete can name them and offer to show them."""
    table = ent.model.__table__
    out: list[tuple[str, int, str]] = []
    for other in m.Base.metadata.sorted_tables:
        target = BY_TABLE.get(other.name)
        for fk in other.foreign_keys:
            if fk.column.table is not table or fk.ondelete == "CASCADE" or len(out) >= limit or "id" not in other.c:
                continue
            ids = session.scalars(select(other.c.id).where(fk.parent == obj_id).order_by(other.c.id)
                                  .limit(limit - len(out))).all()  # fmt: skip
            for i in ids:
                obj = session.get(target.model, i) if target is not None else None
                name = target.title(obj) if obj is not None else f"#{i}"
                out.append((target.name if target is not None else other.name, i, name))
    return out


def integrity_message(e: IntegrityError) -> SaigaError:
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


def _empty(v) -> bool:
    return v is None or (isinstance(v, str) and not v.strip())
