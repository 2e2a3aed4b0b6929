"""Listings of the records: one definition per table, shared by the CLI, the GUI views and exports.

``listing`` says what a listing is and queries it (search and sort in SQL); one module per noun defines its
listings: signatories, organizations (and countries), persons, contact points, meetings (and documents),
participants, projects (and work programmes), reporting (national reports, signature events), mail,
history. ``registry`` knows which module defines which listing: a module is imported the first time one of
its listings is asked for (start-up speed), every one of them when all the listings are.
"""

from __future__ import annotations

import importlib

from saiga_desk.core.tables.listing import (
    SORT_TIES,
    count,
    fetch_rows,
    iter_rows,
    public_columns,
    query_ids,
    visible_columns,
)
from saiga_desk.core.tables.registry import TABLE_NAMES, TABLES, Column, Table, register, table


def _import_listing_module(name: str) -> None:
    # deferred: each module registers its listings when first asked for (start-up speed)
    importlib.import_module(f"saiga_desk.core.tables.{name}")


TABLES.import_module = _import_listing_module

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
