"""What a listing shows and what a record owns, derived from the listings' SQL and the model.

The GUI refreshes a listing when a write's ``Changes`` touch one of the kinds it shows, and undo of a
delete re-creates the parts deleted with their record. Both answers come from here, never from maps
kept by hand:

- ``shown_kinds("contact-points")``: the record kinds of every table the listing's row query reads (its
  FROM, its joins and the subqueries of its columns), plus the parts its records own (the projects
  listing names the implementers and funders of each project) and what those parts refer to.
- ``owned_parts("projects")``: the parts deleted together with a record, i.e. the model's foreign keys
  declared ``ondelete="CASCADE"``, as ``(part kind, key column)`` pairs.
"""

from __future__ import annotations

from functools import cache

from sqlalchemy import Table as SqlTable
from sqlalchemy.sql import visitors

from saiga_desk.core import models as m
from saiga_desk.core import tables as tb
from saiga_desk.core.changes import Changes
from saiga_desk.core.derived import owned_parts
from saiga_desk.core.entities import BY_TABLE, entity
from saiga_desk.core.services import kind_of_table

AUDIT_KIND = kind_of_table(m.AuditEntry.__tablename__)


def tables_read(statement) -> frozenset[str]:
    """The names of the database tables a SQL statement reads (aliases resolved, subqueries included)."""
    return frozenset(el.name for el in visitors.iterate(statement) if isinstance(el, SqlTable))


@cache
def _referenced_tables(table_name: str) -> set[str]:
    table = m.Base.metadata.tables[table_name]
    return {fk.column.table.name for fk in table.foreign_keys}


@cache
def shown_kinds(listing: str) -> frozenset[str]:
    """The record kinds whose change can alter what the listing ``listing`` shows."""
    t = tb.table(listing)
    query = t.base().add_columns(t.id_expr, *[c.expr for c in t.columns if c.expr is not None])
    names = set(tables_read(query))
    main = t.id_expr.table.name if hasattr(t.id_expr, "table") else None
    if main is not None:
        names.add(main)
        for part, _key in owned_parts(kind_of_table(main)) if main in BY_TABLE else ():
            part_table = entity(part).model.__tablename__
            names.add(part_table)
            names |= _referenced_tables(part_table) - {main}
    kinds = {kind_of_table(n) for n in names}
    if t.entity:
        kinds.add(t.entity)
    return frozenset(kinds)


def shows(listing: str, changes: Changes) -> bool:
    """True when ``changes`` can alter what ``listing`` shows. Every write adds audit entries, so a
    listing of the audit trail is touched by any change."""
    kinds = shown_kinds(listing)
    return bool(changes) and (AUDIT_KIND in kinds or changes.touches(kinds))


__all__ = ["owned_parts", "shown_kinds", "shows", "tables_read"]
