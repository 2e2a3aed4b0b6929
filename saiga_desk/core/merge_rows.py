"""Rows as a merge keeps them: every column as JSON, the references to a record found from the model's
foreign keys (so a table added later is covered without a line here), and putting rows back exactly.

Lower-level helpers of ``core/merges.py``; they work inside its unit of work (``tx.session``).
"""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

from sqlalchemy import Date, DateTime, Numeric, select, update
from sqlalchemy.orm import Session

from saiga_desk.core import models as m
from saiga_desk.core.services import jsonable

BOOKKEEPING = ("version", "created_at", "updated_at")


def table_of(name: str):
    return m.Base.metadata.tables[name]


def dump(values: dict) -> str:
    return json.dumps({k: jsonable(v) for k, v in values.items()}, ensure_ascii=False, sort_keys=True)


def load(table, data: str | dict) -> dict:
    """JSON back to the column values of ``table`` (dates, times and amounts in their own types)."""
    raw = json.loads(data) if isinstance(data, str) else dict(data)
    out = {}
    for key, value in raw.items():
        col = table.c.get(key)
        if col is None or value is None:
            out[key] = value
        elif isinstance(col.type, DateTime):
            out[key] = dt.datetime.fromisoformat(value)
        elif isinstance(col.type, Date):
            out[key] = dt.date.fromisoformat(value)
        elif isinstance(col.type, Numeric):
            out[key] = Decimal(value)
        else:
            out[key] = value
    return out


def row_values(session: Session, table, row_id: int) -> dict | None:
    """Every column of one row, as stored."""
    row = session.execute(select(table).where(table.c.id == row_id)).mappings().first()
    return dict(row) if row is not None else None


def referencing_columns(table) -> list:
    """Every (table, column) whose foreign key points at ``table``, from the model's metadata."""
    out = []
    for other in m.Base.metadata.sorted_tables:
        for fk in other.foreign_keys:
            if fk.column.table is table and "id" in other.c:
                out.append((other, fk.parent))
    return out


def references(session: Session, table, record_id: int) -> list[tuple[object, object, int]]:
    """(table, column, row id) of every row that refers to ``record_id``, the record itself left out."""
    found = []
    for other, col in referencing_columns(table):
        for (row_id,) in session.execute(select(other.c.id).where(col == record_id).order_by(other.c.id)):
            if other is table and row_id == record_id:
                continue
            found.append((other, col, row_id))
    return found


def clashing_row(session: Session, table, col, row_id: int, new_value: int) -> int | None:
    """The id of a row that would break a uniqueness rule of ``table`` if ``row_id``'s ``col`` became
    ``new_value`` (both persons registered for one meeting, both organizations implementing one project)."""
    current = row_values(session, table, row_id)
    groups = [
        [c for c in uc.columns] for uc in table.constraints if uc.__class__.__name__ == "UniqueConstraint"
    ]
    groups += [[c] for c in table.columns if c.unique]
    for cols in groups:
        if col not in cols:
            continue
        wanted = {c.key: (new_value if c is col else current[c.key]) for c in cols}
        if any(v is None for v in wanted.values()):
            continue
        q = select(table.c.id).where(*(table.c[k] == v for k, v in wanted.items()), table.c.id != row_id)
        other = session.scalar(q.limit(1))
        if other is not None:
            return other
    return None


def restore_bookkeeping(session: Session, table, row_id: int, values: dict) -> None:
    """Put back the version and timestamps a row had (a plain UPDATE: the row is as it was, so an
    officer holding that version may still save it). Run after the last ORM flush of the unit."""
    kept = {k: values[k] for k in BOOKKEEPING if k in values and k in table.c}
    if kept:
        session.execute(update(table).where(table.c.id == row_id).values(**kept))
