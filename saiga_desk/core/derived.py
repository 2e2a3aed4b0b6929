"""What every write derives from the values it writes: the search text, the row version and the audit entry.

One definition each, used by the unit of work (``core/unit_of_work.py``, one record at a time) and by the
bulk writes of an import (``core/imports.py``, many rows at once), so a record imported from a sheet and
one typed into a form get the same search text, start at the same version and leave the same audit entry.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from decimal import Decimal

from sqlalchemy import func, literal, select

from saiga_desk.core import models as m
from saiga_desk.core.entities import BY_TABLE
from saiga_desk.core.text import fold

FIRST_VERSION = 1  # the version of a record just created
AUDIT_COLUMNS = ("at", "actor", "action", "entity", "entity_id", "summary", "batch_id", "changes")
SUMMARY_LIMIT = 500


def next_version(version: int) -> int:
    """The version a record has after one more write (the optimistic lock compares it)."""
    return version + 1


# ---------------------------------------------------------------------------- search text
def search_text(parts: Iterable) -> str:
    """The normalized search column of a record: its folded parts joined by a space.

    The same key as ``core.text.search_key(*parts)`` (folding the joined parts equals joining the folded
    ones), at one fold per record. The parts are text, dates or numbers."""
    parts = tuple(parts)
    try:
        return fold(" ".join(filter(None, parts)))  # all text or empty: the usual case
    except TypeError:
        return fold(" ".join([str(x) for x in parts if x is not None and x != ""]))


# ---------------------------------------------------------------------------- audit entries
def jsonable(value):
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def encoded_changes(changes: dict | None) -> str | None:
    """``{"field": [old, new]}`` as JSON; None when the values are in the record itself (bulk creates)."""
    if changes is None:
        return None
    return json.dumps(
        {k: [jsonable(a), jsonable(b)] for k, (a, b) in changes.items()}, ensure_ascii=False, default=str
    )


def kind_of_table(table: str) -> str:
    """The services' record kind of a table (``persons`` for ``person``), or the table name itself."""
    ent = BY_TABLE.get(table)
    return ent.name if ent is not None else table


def audit_entry(
    actor: str,
    action: str,
    table: str,
    entity_id: int,
    changes: dict | None = None,
    summary: str = "",
    batch_id: int | None = None,
    at: dt.datetime | None = None,
) -> dict:
    """The values of one AuditEntry row (who, when, what, old -> new)."""
    row = {
        "actor": actor,
        "action": action,
        "entity": table,
        "entity_id": entity_id,
        "summary": summary[:SUMMARY_LIMIT] if summary else None,
        "changes": encoded_changes(changes),
        "batch_id": batch_id,
    }
    if at is not None:
        row["at"] = at
    return row


def person_summary(given_name: str | None, family_name: str | None) -> str:
    """What an audit entry names a person by (the person's title without the ``#id`` fallback)."""
    return " ".join(x for x in (given_name, family_name) if x)


def created_persons_entries(batch_id: int, actor: str, at: dt.datetime):
    """The audit entries of the persons a batch created, as one INSERT ... SELECT (Core, any dialect): the
    same columns as ``audit_entry(actor, "create", "person", id, None, person_summary(...), batch_id, at)``
    for every person of the batch, in id order."""
    p = m.Person.__table__.c
    summary = func.substr(func.ltrim(func.coalesce(p.given_name, "") + " " + p.family_name), 1, SUMMARY_LIMIT)
    rows = (
        select(
            literal(at, m.AuditEntry.__table__.c.at.type),
            literal(actor),
            literal("create"),
            literal("person"),
            p.id,
            summary,
            p.import_batch_id,
            literal(None, m.AuditEntry.__table__.c.changes.type),
        )
        .where(p.import_batch_id == batch_id)
        .order_by(p.id)
    )
    return m.AuditEntry.__table__.insert().from_select(list(AUDIT_COLUMNS), rows)
