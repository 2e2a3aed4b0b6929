"""The listings by name: what a listing and its columns are, which module of this package defines each
listing, and the registry that imports a module the first time one of its listings is asked for (start-up
speed: ``saiga-desk list signatories`` loads the Signatories listing alone, not the fourteen others).

tests/core/test_listing_registry.py checks ``MODULES`` against what the modules register.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field

from sqlalchemy import Select

from saiga_desk.i18n import _


@dataclass(frozen=True)
class Column:
    key: str  # snake_case; the JSON key of `list --format json` and the export header source
    label: str  # untranslated label (N_); shown through _()
    kind: str = "text"  # text | date | int | bool | number | datetime
    expr: object = None  # SQL expression; None for computed columns
    sortable: bool = True
    visible: bool = True  # shown by default
    choices: tuple[str, ...] = ()

    @property
    def title(self) -> str:
        return _(self.label)


@dataclass(frozen=True)
class Table:
    name: str
    label: str
    entity: str | None  # the services' record kind edited from this table
    id_expr: object
    columns: tuple[Column, ...]
    base: Callable[[], Select]  # select_from + joins, without columns
    search: tuple = ()
    default_sort: str | None = None
    filters: dict[str, Callable] = field(default_factory=dict)  # name -> fn(query, value) -> query
    computed: Callable | None = None  # fn(db, rows) fills computed columns in place
    # column key -> (a narrow table (id, k) holding that column's sort key, fn(db) -> whether it is there):
    # the ids are then sorted by reading it instead of every matching row (core/person_order.py)
    sorted_by: dict[str, tuple] = field(default_factory=dict)
    # A hidden column "_ru_X" holds the Russian form of column X, shown when the interface speaks Russian.

    def column(self, key: str) -> Column:
        for c in self.columns:
            if c.key == key:
                return c
        raise KeyError(key)

    @property
    def title(self) -> str:
        return _(self.label)


# Each listing, with the module of this package that defines it, in the order the CLI, the exports and the
# window show them.
MODULES: dict[str, str] = {
    "signatories": "signatories",
    "organizations": "organizations",
    "persons": "persons",
    "contact-points": "contact_points",
    "meetings": "meetings",
    "participants": "participants",
    "documents": "meetings",
    "projects": "projects",
    "work-programmes": "projects",
    "work-programme-items": "projects",
    "national-reports": "reporting",
    "signature-events": "reporting",
    "mail-log": "mail",
    "countries": "organizations",
    "audit": "history",
}
TABLE_NAMES: tuple[str, ...] = tuple(MODULES)


class Listings(Mapping[str, Table]):
    """``TABLES``: the listings by name. Asking for one imports the module that registers it; iterating
    imports every module (in the order of their names) and yields the names in the order of ``MODULES``."""

    def __init__(self) -> None:
        self._registered: dict[str, Table] = {}
        # imports a module of this package by its name (set by saiga_desk/core/tables/__init__.py)
        self.import_module: Callable[[str], object] | None = None

    def register(self, t: Table) -> None:
        if t.name not in MODULES:
            raise ValueError(f"the listing {t.name!r} is missing from registry.MODULES")
        self._registered[t.name] = t

    def _load(self, module: str) -> None:
        if self.import_module is not None:
            self.import_module(module)

    def __getitem__(self, name: str) -> Table:
        if name not in self._registered and name in MODULES:
            self._load(MODULES[name])
        return self._registered[name]

    def __contains__(self, name: object) -> bool:
        return name in MODULES

    def __iter__(self) -> Iterator[str]:
        for module in sorted(set(MODULES.values())):
            self._load(module)
        return iter(TABLE_NAMES)

    def __len__(self) -> int:
        return len(MODULES)


TABLES = Listings()


def register(t: Table) -> None:
    TABLES.register(t)


def table(name: str) -> Table:
    try:
        return TABLES[name]
    except KeyError:
        raise KeyError(f"unknown table {name!r}; known: {', '.join(TABLE_NAMES)}") from None
