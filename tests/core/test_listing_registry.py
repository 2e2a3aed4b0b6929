"""The listings' registry (``core/tables/registry.py``): ``MODULES`` names, for every listing, the module that
registers it; a module is imported the first time one of its listings is asked for, all of them when the
listings are iterated."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from saiga_desk.core import tables
from saiga_desk.core.tables import registry

PACKAGE = Path(tables.__file__).parent
NOT_LISTINGS = {"__init__", "listing", "registry"}  # the modules that define no listing


def test_every_listing_is_registered_by_the_module_named_for_it():
    for name in tables.TABLE_NAMES:
        t = tables.table(name)
        assert t.name == name
        # the listing's base query is written in the module that registers it
        assert t.base.__module__ == f"saiga_desk.core.tables.{registry.MODULES[name]}", name


def test_every_listing_module_is_named():
    modules = {p.stem for p in PACKAGE.glob("*.py")} - NOT_LISTINGS
    assert modules == set(registry.MODULES.values())


def test_a_listing_missing_from_the_map_is_refused():
    t = tables.table("signatories")
    with pytest.raises(ValueError, match="missing"):
        registry.TABLES.register(
            registry.Table("no-such-listing", t.label, None, t.id_expr, t.columns, t.base)
        )
    with pytest.raises(KeyError, match="unknown table 'no-such-listing'"):
        tables.table("no-such-listing")


def test_iterating_gives_every_listing_in_the_order_shown():
    assert list(tables.TABLES) == list(tables.TABLE_NAMES) == list(registry.MODULES)
    assert [t.name for t in tables.TABLES.values()] == list(tables.TABLE_NAMES)
    assert len(tables.TABLES) == len(tables.TABLE_NAMES)


def _listing_modules_after(code: str) -> list[str]:
    """The modules of core/tables a fresh interpreter has imported after running ``code``."""
    show = "import sys; print(*sorted(m for m in sys.modules if m.startswith('saiga_desk.core.tables.')))"
    out = subprocess.run(
        [sys.executable, "-c", f"{code}\n{show}"], check=True, capture_output=True, text=True
    ).stdout
    return [m.rsplit(".", 1)[1] for m in out.split()]


def test_asking_for_one_listing_imports_its_module_alone():
    loaded = _listing_modules_after("from saiga_desk.core.tables import table; table('documents')")
    assert loaded == ["listing", "meetings", "registry"]


def test_iterating_imports_every_listing_module():
    loaded = _listing_modules_after("from saiga_desk.core import tables; list(tables.TABLES)")
    assert set(loaded) == set(registry.MODULES.values()) | {"listing", "registry"}
