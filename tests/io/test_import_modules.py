"""The import's modules import each other in one direction only: no circle, no import hidden in a function."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
MODULES = [
    "saiga_desk/io/contact_import.py", "saiga_desk/io/import_plan.py", "saiga_desk/io/import_rows.py",
    "saiga_desk/io/import_planning.py", "saiga_desk/io/import_commit.py", "saiga_desk/io/import_review.py",
    "saiga_desk/io/import_designations.py", "saiga_desk/io/participant_import.py", "saiga_desk/io/headers.py",
    "saiga_desk/io/values.py", "saiga_desk/io/template.py", "saiga_desk/core/imports.py",
    "saiga_desk/core/import_undo.py", "saiga_desk/core/bulk_rows.py", "saiga_desk/core/derived.py",
    "saiga_desk/core/contact_points.py", "saiga_desk/core/unit_of_work.py", "saiga_desk/core/record_checks.py",
    "saiga_desk/core/services.py", "saiga_desk/ui/import_wizard.py", "saiga_desk/ui/import_steps.py",
    "saiga_desk/ui/import_review_page.py", "saiga_desk/ui/forms/supersede.py",
]  # fmt: skip
# (cli/contact_points_cmd.py loads the core when its command runs, for start-up speed: tests/test_architecture.py
# checks that such deferred imports say so)


def _name(path: str) -> str:
    return path.removesuffix(".py").replace("/", ".")


def _imports(path: str) -> tuple[set[str], list[str]]:
    """(project modules imported at the top, project modules imported inside functions)."""
    tree = ast.parse((ROOT / path).read_text(encoding="utf-8"))
    top: set[str] = set()
    for node in tree.body:
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("saiga_desk"):
            top.add(node.module)
            top.update(f"{node.module}.{a.name}" for a in node.names)
        elif isinstance(node, ast.Import):
            top.update(a.name for a in node.names if a.name.startswith("saiga_desk"))
    hidden = [
        n.module for f in ast.walk(tree) if isinstance(f, ast.FunctionDef | ast.AsyncFunctionDef)
        for n in ast.walk(f) if isinstance(n, ast.ImportFrom) and (n.module or "").startswith("saiga_desk")
    ]  # fmt: skip
    return top, hidden


def test_no_circle_and_no_import_inside_a_function():
    graph = {}
    for path in MODULES:
        top, hidden = _imports(path)
        assert not hidden, f"{path} imports {hidden} inside a function"
        graph[_name(path)] = top
    known = set(graph)
    edges = {m: {t for t in ts if t in known} for m, ts in graph.items()}

    def visit(node, trail):
        assert node not in trail, " -> ".join([*trail, node])
        for nxt in edges[node]:
            visit(nxt, [*trail, node])

    for module in edges:
        visit(module, [])
