"""The command line, the window and the file readers and writers call core verbs: they never open a
session, a transaction or a connection of their own (read from the source with ``ast``; nothing is
imported). ``io`` reads and writes files; what it reads from or writes to the records goes through core."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "saiga_desk"


def openings(source: str) -> list[int]:
    """Lines that call ``x.transaction(…)``, ``x.session(…)`` or ``x.engine.connect/begin(…)``."""
    lines = []
    for node in ast.walk(ast.parse(source)):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
            continue
        attr, owner = node.func.attr, node.func.value
        on_engine = isinstance(owner, ast.Attribute) and owner.attr == "engine"
        if attr in ("transaction", "session") or (on_engine and attr in ("connect", "begin")):
            lines.append(node.lineno)
    return lines


def test_io_ui_and_cli_open_no_unit_of_work():
    found = []
    for layer in ("io", "ui", "cli"):
        for path in sorted((PACKAGE / layer).rglob("*.py")):
            found += [f"{path.relative_to(PACKAGE)}:{n}" for n in openings(path.read_text(encoding="utf-8"))]
    assert not found, "\n".join(found)


def test_the_check_sees_each_way_of_opening_one():
    code = (
        "def f(db):\n"
        "    with db.transaction() as tx:\n        pass\n"
        "    with db.session() as s:\n        pass\n"
        "    with db.engine.connect() as con:\n        pass\n"
        "    with self.db.engine.begin() as con:\n        pass\n"
        "    services.create(db, 'persons', {})\n"
    )
    assert openings(code) == [2, 4, 6, 8]
