"""Listings of the records: one definition per table, shared by the CLI, the GUI views and exports.

``listing`` says what a listing is and queries it (search and sort in SQL); one module per noun defines its
listings: signatories, organizations (and countries), persons, contact points, meetings (and documents),
participants, projects (and work programmes), history.
"""

from __future__ import annotations

from saiga_desk.core.tables import (  # noqa: F401  (each registers its listings)
    contact_points,
    history,
    mail,
    meetings,
    organizations,
    participants,
    persons,
    projects,
    reporting,
    signatories,
)
from saiga_desk.core.tables.listing import (
    SORT_TIES,
    TABLES,
    Column,
    Table,
    count,
    fetch_rows,
    iter_rows,
    public_columns,
    query_ids,
    register,
    table,
    visible_columns,
)

# the order the CLI, the exports and the window show them in (a listing not named here comes last)
_ORDER = ("signatories", "organizations", "persons", "contact-points", "meetings",
                                "participants", "documents", "projects", "work-programmes",
                                "work-programme-items", "national-reports", "signature-events", "mail-log", "countries",
          "audit")  # fmt: skip
_ordered = {name: TABLES[name] for name in _ORDER if name in TABLES}
_ordered.update(TABLES)
TABLES.clear()
TABLES.update(_ordered)
TABLE_NAMES: tuple[str, ...] = tuple(TABLES)

__all__ = [
    "TABLES",
    "TABLE_NAMES",
    "SORT_TIES",
    "Column",
    "Table",
    "table",
    "register",
    "query_ids",
    "fetch_rows",
    "iter_rows",
    "count",
    "visible_columns",
    "public_columns",
]
